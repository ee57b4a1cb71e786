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
