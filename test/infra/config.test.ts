import { describe, expect, it } from "vitest";
import { ConfigError, configKey, parseConfig } from "../../infra/config";
import { configMap, readStackConfig } from "../../stacks/offline/stack-config";
import { FOUR_POOLS } from "../helpers/stack-configs";

const pools = FOUR_POOLS;
const base = { "aws:region": "us-east-1", "archbench:pools": pools };
const withConfig = (overrides: Record<string, unknown>) => configMap({ ...base, ...overrides });

describe("parseConfig", () => {
  it("reads the dev stack with its values", () => {
    const c = parseConfig(readStackConfig("dev"));
    expect(c.region).toBe("us-east-1");
    expect(c.kubernetesVersion).toBe("1.35");
    expect(c.pools.map((p) => [p.name, p.arch, p.role])).toEqual([
      ["app-x86", "amd64", "app"], ["app-arm", "arm64", "app"], ["bench-x86", "amd64", "benchmark"], ["bench-arm", "arm64", "benchmark"],
    ]);
    // m7i has two threads per core: an even count of whole cores fits an xlarge (2), on every pool.
    expect(c.benchmark).toMatchObject({ runId: "1", durationSeconds: 2, repetitions: 10, baselinePool: "bench-x86", cpus: 2 });
    expect(c.network.natGateway).toBe("single");
  });

  it("fills defaults and infers each pool's arch from its instance type", () => {
    const c = parseConfig(withConfig({}));
    expect(c.pools.map((p) => p.arch)).toEqual(["amd64", "arm64", "amd64", "arm64"]);
    expect(c.pools.every((p) => p.nodes === 1)).toBe(true);
    expect(c.app).toEqual({ replicas: 4, cpu: "250m", memory: "256Mi" });
    expect(c.benchmark).toMatchObject({
      runId: "1", durationSeconds: 3, repetitions: 5, warmupSeconds: 3, baselinePool: "bench-x86", cpus: 2, memory: "2Gi",
      workloads: ["json", "sha256", "gzip", "brotli", "regex", "sort", "http"],
    });
    expect(c.network).toEqual({ natGateway: "single", vpcCidr: "10.42.0.0/16" });
    expect(c.cluster).toEqual({ adminRoleArns: [], publicAccessCidrs: ["0.0.0.0/0"] });
  });

  it("defaults the baseline to the first x86 benchmark pool even when an arm pool comes first", () => {
    const reordered = [pools[0], pools[1], pools[3], pools[2]];
    expect(parseConfig(withConfig({ "archbench:pools": reordered })).benchmark.baselinePool).toBe("bench-x86");
  });

  it("names config keys the way Pulumi.<stack>.yaml spells them", () => {
    expect(configKey(["pools", 2, "instanceType"])).toBe("archbench:pools[2].instanceType");
    expect(configKey(["benchmark", "runId"])).toBe("archbench:benchmark.runId");
  });
});

// Each bad config: the key it must name and words of the reason.
const BAD: [string, Record<string, unknown>, string, RegExp][] = [
  ["no region", { "aws:region": undefined }, "aws:region", /required.*pulumi config set aws:region/],
  ["no pools", { "archbench:pools": undefined }, "archbench:pools", /required/],
  ["pools not YAML", { "archbench:pools": "[{ name: " }, "archbench:pools", /not valid YAML\/JSON/],
  ["duplicate pool name", { "archbench:pools": [...pools, { name: "app-arm", instanceType: "m7g.large" }] }, "archbench:pools[4].name", /unique/],
  ["non-DNS pool name", { "archbench:pools": [{ ...pools[0], name: "App_X86" }, ...pools.slice(1)] }, "archbench:pools[0].name", /DNS label/],
  ["nodes < 1", { "archbench:pools": [{ ...pools[0], nodes: 0 }, ...pools.slice(1)] }, "archbench:pools[0].nodes", /is 0; must be a whole number of nodes from 1 to 20/],
  ["nodes not whole", { "archbench:pools": [{ ...pools[0], nodes: 1.5 }, ...pools.slice(1)] }, "archbench:pools[0].nodes", /whole number/],
  ["bad instance type", { "archbench:pools": [...pools.slice(0, 2), { ...pools[2], instanceType: "m7i-xlarge" }, pools[3]] }, "archbench:pools[2].instanceType", /not an EC2 instance type name/],
  ["arch disagrees with family", { "archbench:pools": [{ ...pools[0], arch: "arm64" }, ...pools.slice(1)] }, "archbench:pools[0].arch", /m7i.large is amd64/],
  ["unknown arch", { "archbench:pools": [{ ...pools[0], arch: "x86_64" }, ...pools.slice(1)] }, "archbench:pools[0].arch", /"amd64" or "arm64"/],
  ["no app pool", { "archbench:pools": pools.slice(2) }, "archbench:pools", /no app pool/],
  ["app pools on one arch", { "archbench:pools": [pools[0], { name: "app-x86-2", instanceType: "m7a.large" }, ...pools.slice(2)] }, "archbench:pools", /one architecture only.*meaningless/],
  ["no benchmark pool", { "archbench:pools": pools.slice(0, 2) }, "archbench:pools", /no benchmark pool/],
  ["burstable benchmark pool", { "archbench:pools": [...pools.slice(0, 3), { ...pools[3], instanceType: "t4g.xlarge" }] }, "archbench:pools[3].instanceType", /burstable/],
  ["flex benchmark pool", { "archbench:pools": [...pools.slice(0, 2), { ...pools[2], instanceType: "m7i-flex.xlarge" }, pools[3]] }, "archbench:pools[2].instanceType", /baseline-throttled/],
  ["metal benchmark pool", { "archbench:pools": [...pools.slice(0, 3), { ...pools[3], instanceType: "m7g.metal" }] }, "archbench:pools[3].instanceType", /bare metal/],
  ["baseline not a benchmark pool", { "archbench:benchmark": { baselinePool: "app-x86" } }, "archbench:benchmark.baselinePool", /not a benchmark pool; use one of: bench-x86, bench-arm/],
  ["too few repetitions", { "archbench:benchmark": { repetitions: 3 } }, "archbench:benchmark.repetitions", /is 3; must be a whole number from 5 to 50 \(fewer than 5 give no trustworthy confidence interval\)/],
  ["run id not DNS", { "archbench:benchmark": { runId: "Run 1" } }, "archbench:benchmark.runId", /DNS label/],
  ["unknown workload", { "archbench:benchmark": { workloads: ["json", "sysbench"] } }, "archbench:benchmark.workloads[1]", /must be one of json/],
  ["cpus do not fit", { "archbench:benchmark": { cpus: 4 } }, "archbench:benchmark.cpus", /4 CPUs do not fit on m7i\.xlarge \(4 vCPUs.*whole cores only \(2 threads per core\).*use at most 2/],
  ["odd cpus with an SMT pool", { "archbench:benchmark": { cpus: 3 } }, "archbench:benchmark.cpus", /is 3, but bench-x86 \(m7i\.xlarge\) has 2 threads per core.*SMTAlignmentError.*use an even count such as 2, or omit it to get 2/],
  ["SMT benchmark pool without a whole core to give", { "archbench:pools": [...pools.slice(0, 2), { ...pools[2], instanceType: "m7i.large" }, pools[3]] }, "archbench:pools[2].instanceType", /m7i\.large has 2 vCPUs on 1 core with 2 threads.*no whole core is left; use an xlarge or bigger size/],
  ["own image without timeout", { "archbench:benchmark": { image: "example.com/me/bench@sha256:abc" } }, "archbench:benchmark.timeoutMinutes", /must be set with benchmark.image/],
  ["own command without timeout", { "archbench:benchmark": { command: ["node", "my-bench.js"] } }, "archbench:benchmark.timeoutMinutes", /must be set with benchmark.image or benchmark.command/],
  ["NAT per AZ", { "archbench:network": { natGateway: "perAz" } }, "archbench:network.natGateway", /"none" or "single"/],
  ["VPC not a /16", { "archbench:network": { vpcCidr: "10.0.0.0/20" } }, "archbench:network.vpcCidr", /\/16/],
  ["admin not a role ARN", { "archbench:cluster": { adminRoleArns: ["alice"] } }, "archbench:cluster.adminRoleArns[0]", /IAM role ARN/],
  ["unquoted version", { "archbench:kubernetesVersion": "1.3" }, "archbench:kubernetesVersion", /minor version such as "1.35"/],
  ["unknown key", { "archbench:replicas": 4 }, "archbench:replicas", /not a known key/],
  ["unknown nested key", { "archbench:app": { replica: 4 } }, "archbench:app.replica", /not a known key/],
];

describe("bad config", () => {
  it.each(BAD)("%s: names %s", (_case, overrides, key, reason) => {
    const config = Object.fromEntries(Object.entries(withConfig(overrides)).filter(([, v]) => v !== undefined && v !== "undefined"));
    let error: unknown;
    try {
      parseConfig(config);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const line = (error as ConfigError).problems.find((p) => p.startsWith(`${key}: `));
    expect(line, (error as ConfigError).message).toBeDefined();
    expect(line).toMatch(reason);
  });
});
