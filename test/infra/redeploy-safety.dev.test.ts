import { beforeAll, describe, expect, it } from "vitest";
import { configMap, readStackConfig } from "../../stacks/offline/stack-config";
import { DEFAULT_CALLER } from "../../stacks/offline/fake-cloud";
import type { ProgramRun, RegisteredResource } from "../../stacks/offline/run-program";
import { loose, ofType, runInfra } from "./program-harness";

/** Issue 11 under mocks: what makes the second `up`, a failed run and the destroy safe. */

const urnOf = (r: RegisteredResource) => `$${r.type}::${r.name}`; // children of a component: parent$type::name
const dependsOnAll = (group: RegisteredResource, needed: RegisteredResource[]) =>
  needed.every((n) => group.options.dependsOn.some((urn) => urn.endsWith(urnOf(n))));

describe("the dev stack", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runInfra(readStackConfig("dev"));
  });

  it("marks every benchmark Job replaceUnready, so a failed Job is replaced on the next up, not re-awaited", () => {
    const jobs = ofType(run, "kubernetes:batch/v1:Job");
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(loose(job.inputs).metadata.annotations["pulumi.com/replaceUnready"]).toBe("true");
  });

  it("starts no node group before the NAT gateway, the private route table and its associations exist", () => {
    const nat = ofType(run, "aws:ec2/natGateway:NatGateway");
    const tables = ofType(run, "aws:ec2/routeTable:RouteTable");
    const associations = ofType(run, "aws:ec2/routeTableAssociation:RouteTableAssociation");
    const needed = [...nat, ...tables, ...associations];
    expect(nat).toHaveLength(1);
    expect(associations.filter((a) => a.name.includes("private"))).toHaveLength(2);
    const groups = ofType(run, "eks:index:ManagedNodeGroup");
    expect(groups).toHaveLength(4);
    for (const group of groups) expect(dependsOnAll(group, needed), group.name).toBe(true);
  });
});

describe("a stack without a NAT gateway", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    const config = readStackConfig("dev");
    run = await runInfra({ ...config, ...configMap({ "archbench:network": { natGateway: "none" } }) }, "public");
  });

  it("starts no node group before the internet gateway, the public route table and its associations exist", () => {
    const needed = [
      ...ofType(run, "aws:ec2/internetGateway:InternetGateway"),
      ...ofType(run, "aws:ec2/routeTable:RouteTable"),
      ...ofType(run, "aws:ec2/routeTableAssociation:RouteTableAssociation"),
    ];
    expect(needed).toHaveLength(4);
    const groups = ofType(run, "eks:index:ManagedNodeGroup");
    for (const group of groups) expect(dependsOnAll(group, needed), group.name).toBe(true);
  });
});

describe("the deploying role's check (cluster-creator.ts; the refusal itself: cluster-creator.test.ts)", () => {
  it("asks who runs the program, and a role of the same name in another account passes", async () => {
    const config = { ...readStackConfig("dev"), ...configMap({ "archbench:cluster": { adminRoleArns: ["arn:aws:iam::210987654321:role/archbench-deployer"] } }) };
    const run = await runInfra(config, "other-account");
    expect(ofType(run, "eks:index:Cluster")).toHaveLength(1);
    const tokens = run.invokes.map((i) => i.token);
    expect(tokens).toContain("aws:index/getCallerIdentity:getCallerIdentity");
    expect(run.invokes.find((i) => i.token === "aws:iam/getSessionContext:getSessionContext")?.args.arn).toBe(DEFAULT_CALLER.arn);
  });
});

describe("node AMIs", () => {
  const groups = (run: ProgramRun) => ofType(run, "eks:index:ManagedNodeGroup").map((g) => loose(g.inputs));
  const ssmValue = (run: ProgramRun, fragment: string) => {
    const names = run.invokes.filter((i) => i.token === "aws:ssm/getParameter:getParameter").map((i) => String(i.args.name));
    return [...new Set(names.filter((n) => n.includes(fragment)))];
  };

  it("pins every pool of both architectures to archbench:amiReleaseVersion by AMI id, and exports each pool's AMI", async () => {
    const run = await runInfra({ ...readStackConfig("dev"), "archbench:amiReleaseVersion": "1.35.6-20260714" }, "pinned");
    const all = groups(run);
    expect(all).toHaveLength(4);
    for (const g of all) {
      expect(g.amiId).toMatch(/^ami-[0-9a-f]{17}$/);
      expect(g.amiType).toBeUndefined();
      expect(g.operatingSystem).toBe("AL2023");
    }
    expect(ssmValue(run, "-standard-1.35-v20260714/image_id").sort()).toEqual([
      "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/arm64/standard/amazon-eks-node-al2023-arm64-standard-1.35-v20260714/image_id",
      "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/amazon-eks-node-al2023-x86_64-standard-1.35-v20260714/image_id",
    ]);
    const amis = run.outputs.poolAmis as Record<string, string>;
    expect(Object.keys(amis).sort()).toEqual(["app-arm", "app-x86", "bench-arm", "bench-x86"]);
    for (const g of all) expect(amis[g.labels["archbench.dev/pool"]]).toBe(g.amiId);
    expect(amis["bench-arm"]).toBe(amis["app-arm"]);
    expect(amis["bench-arm"]).not.toBe(amis["bench-x86"]);
  });

  it("without it, keeps amiType and records the benchmark pools' recommended AMI, which pulumi-eks boots them with", async () => {
    const run = await runInfra(readStackConfig("dev"), "recommended");
    for (const g of groups(run)) {
      expect(g.amiType).toMatch(/^AL2023_/);
      expect(g.amiId).toBeUndefined();
    }
    expect(Object.keys(run.outputs.poolAmis as object).sort()).toEqual(["bench-arm", "bench-x86"]);
    expect(ssmValue(run, "/recommended/image_id")).toHaveLength(2);
  });
});
