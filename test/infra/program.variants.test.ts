import { beforeAll, describe, expect, it } from "vitest";
import { configMap } from "../../stacks/offline/stack-config";
import { ProgramError, type ProgramRun } from "../../stacks/offline/run-program";
import { loose, ofType, runInfra } from "./program-harness";

const appPools = [
  { name: "app-x86", instanceType: "m7i.large" },
  { name: "app-arm", instanceType: "m7g.large" },
];
const threeWay = configMap({
  "aws:region": "us-east-1",
  "archbench:pools": [
    ...appPools,
    { name: "bench-m7g", instanceType: "m7g.xlarge", benchmark: true },
    { name: "bench-m7i", instanceType: "m7i.xlarge", benchmark: true },
    { name: "bench-m7a", instanceType: "m7a.xlarge", benchmark: true },
  ],
  "archbench:benchmark": { runId: "r2", durationSeconds: 5, repetitions: 7 },
  "archbench:network": { natGateway: "none" },
  "archbench:cluster": { adminRoleArns: ["arn:aws:iam::123456789012:role/platform-admin"], publicAccessCidrs: ["203.0.113.0/24"] },
});

describe("a three-way benchmark stack (m7g, m7i, m7a) without a NAT gateway", () => {
  let run: ProgramRun;
  beforeAll(async () => {
    run = await runInfra(threeWay, "three");
  });

  it("runs one Job per benchmark pool, all in one subnet, with the run id in the names", () => {
    const jobs = ofType(run, "kubernetes:batch/v1:Job").map((j) => loose(j.inputs));
    expect(jobs.map((j) => j.metadata.name).sort()).toEqual(["bench-m7a-run-r2", "bench-m7g-run-r2", "bench-m7i-run-r2"]);
    expect(jobs.map((j) => j.spec.template.spec.nodeSelector["node.kubernetes.io/instance-type"]).sort()).toEqual(["m7a.xlarge", "m7g.xlarge", "m7i.xlarge"]);
    const bench = ofType(run, "eks:index:ManagedNodeGroup").map((g) => loose(g.inputs)).filter((g) => g.labels["archbench.dev/role"] === "benchmark");
    expect(new Set(bench.map((g) => JSON.stringify(g.subnetIds))).size).toBe(1);
    expect(run.outputs.baselinePool).toBe("bench-m7i"); // first x86 benchmark pool
    expect(run.outputs.runId).toBe("r2");
  });

  it("puts nodes in public subnets and creates no NAT gateway or private subnets", () => {
    expect(ofType(run, "aws:ec2/natGateway:NatGateway")).toHaveLength(0);
    expect(ofType(run, "aws:ec2/eip:Eip")).toHaveLength(0);
    const subnets = ofType(run, "aws:ec2/subnet:Subnet").map((s) => loose(s.inputs));
    expect(subnets).toHaveLength(2);
    expect(subnets.every((s) => s.mapPublicIpOnLaunch === true)).toBe(true);
    expect(loose(ofType(run, "eks:index:Cluster")[0]!.inputs).privateSubnetIds).toBeUndefined();
  });

  it("grants the configured admin roles cluster admin and limits the public endpoint", () => {
    const cluster = loose(ofType(run, "eks:index:Cluster")[0]!.inputs);
    expect(cluster.accessEntries["admin-0"]).toEqual({
      principalArn: "arn:aws:iam::123456789012:role/platform-admin",
      accessPolicies: { admin: { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", accessScope: { type: "cluster" } } },
    });
    expect(cluster.publicAccessCidrs).toEqual(["203.0.113.0/24"]);
  });

  it("tags every AWS resource with the stack and run id through the provider", () => {
    const provider = loose(ofType(run, "pulumi:providers:aws")[0]!.inputs);
    expect(JSON.parse(provider.defaultTags).tags).toEqual({
      "archbench:stack": "three",
      "archbench:runId": "r2",
      "archbench:expiresAt": expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/),
    });
  });
});

describe("an arm-only benchmark stack", () => {
  it("still builds both platforms, because the app pools span both architectures", async () => {
    const run = await runInfra(configMap({
      "aws:region": "us-east-1",
      "archbench:pools": [...appPools, { name: "bench-arm", instanceType: "c7g.xlarge", benchmark: true }],
    }));
    expect(ofType(run, "docker-build:index:Image").map((i) => loose(i.inputs).platforms[0]).sort()).toEqual(["linux/amd64", "linux/arm64"]);
    expect(run.outputs.baselinePool).toBe("bench-arm");
  });
});

describe("a user's own benchmark image", () => {
  it("runs that image with its command on every benchmark pool, with the given deadline", async () => {
    const run = await runInfra(configMap({
      "aws:region": "us-east-1",
      "archbench:pools": [...appPools, { name: "bench-arm", instanceType: "m7g.xlarge", benchmark: true }, { name: "bench-x86", instanceType: "m7i.xlarge", benchmark: true }],
      "archbench:benchmark": { image: "registry.example/me/bench@sha256:0123", command: ["/bench", "--json"], timeoutMinutes: 45 },
    }));
    for (const job of ofType(run, "kubernetes:batch/v1:Job").map((j) => loose(j.inputs))) {
      const c = job.spec.template.spec.containers[0];
      expect(c.image).toBe("registry.example/me/bench@sha256:0123");
      expect(c.command).toEqual(["/bench", "--json"]);
      expect(c.args).toBeUndefined();
      expect(job.spec.activeDeadlineSeconds).toBe(45 * 60);
    }
  });
});

describe("bad config through the program", () => {
  it.each([
    ["app pools on one arch", { "archbench:pools": [appPools[0], { name: "b", instanceType: "m7i.xlarge", benchmark: true }] }, /archbench:pools: has app pools on one architecture only/],
    ["burstable benchmark pool", { "archbench:pools": [...appPools, { name: "b", instanceType: "t3.xlarge", benchmark: true }] }, /archbench:pools\[2\]\.instanceType: t3.xlarge is burstable/],
    ["odd benchmark.cpus with an m7i pool", { "archbench:pools": [...appPools, { name: "b-x86", instanceType: "m7i.xlarge", benchmark: true }, { name: "b-arm", instanceType: "m7g.xlarge", benchmark: true }], "archbench:benchmark": { cpus: 3 } }, /archbench:benchmark\.cpus: is 3, but b-x86 \(m7i\.xlarge\) has 2 threads per core.*use an even count such as 2/],
    ["typo in a key", { "archbench:pools": [...appPools, { name: "b", instanceType: "m7g.xlarge", benchmark: true }], "archbench:benchmrk": { runId: "2" } }, /archbench:benchmrk: is not a known key/],
  ])("%s fails before any resource is registered", async (_case, config, message) => {
    const error = await runInfra(configMap({ "aws:region": "us-east-1", ...config })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProgramError);
    expect((error as ProgramError).message).toMatch(message);
    expect((error as ProgramError).resources).toEqual([]);
  });
});
