import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../infra/config";
import { configMap } from "../../stacks/offline/stack-config";
import { FOUR_POOLS } from "../helpers/stack-configs";

/**
 * Values of the right shape that cannot work (issue 12, §1): each must be refused by parseConfig with its
 * key, the allowed values or range, and the fix.
 */
const pools = FOUR_POOLS;
const base = { "aws:region": "us-east-1", "archbench:pools": pools };
const withPool = (i: number, pool: Record<string, unknown>) => pools.map((p, j) => (j === i ? { ...p, ...pool } : p));

function problems(overrides: Record<string, unknown>, raw: Record<string, string> = {}): string[] {
  try {
    parseConfig({ ...configMap({ ...base, ...overrides }), ...raw });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return [];
}

function expectProblem(overrides: Record<string, unknown>, key: string, reason: RegExp, raw: Record<string, string> = {}) {
  const found = problems(overrides, raw);
  const line = found.find((p) => p.startsWith(`${key}: `));
  expect(line, `no problem for ${key} in:\n${found.join("\n")}`).toBeDefined();
  expect(line).toMatch(reason);
}

describe("every range error says the range", () => {
  const RANGES: [string, Record<string, unknown>, string, RegExp][] = [
    ["durationSeconds above", { "archbench:benchmark": { durationSeconds: 601 } }, "archbench:benchmark.durationSeconds", /601.*from 1 to 600/],
    ["durationSeconds below", { "archbench:benchmark": { durationSeconds: 0 } }, "archbench:benchmark.durationSeconds", /from 1 to 600/],
    ["durationSeconds a string", { "archbench:benchmark": { durationSeconds: "20" } }, "archbench:benchmark.durationSeconds", /whole number.*from 1 to 600/],
    ["repetitions above", { "archbench:benchmark": { repetitions: 51 } }, "archbench:benchmark.repetitions", /from 5 to 50/],
    ["repetitions below", { "archbench:benchmark": { repetitions: 3 } }, "archbench:benchmark.repetitions", /from 5 to 50.*trustworthy/],
    ["warm-up below", { "archbench:benchmark": { warmupSeconds: -1 } }, "archbench:benchmark.warmupSeconds", /from 0 to 120/],
    ["warm-up above", { "archbench:benchmark": { warmupSeconds: 121 } }, "archbench:benchmark.warmupSeconds", /from 0 to 120/],
    ["cpus below", { "archbench:benchmark": { cpus: 0 } }, "archbench:benchmark.cpus", /from 1 to \d+/],
    ["cpus fractional", { "archbench:benchmark": { cpus: 1.5 } }, "archbench:benchmark.cpus", /whole number.*from 1 to \d+/],
    ["replicas below", { "archbench:app": { replicas: 0 } }, "archbench:app.replicas", /from 1 to 100/],
    ["replicas above", { "archbench:app": { replicas: 101 } }, "archbench:app.replicas", /from 1 to 100/],
    ["nodes above", { "archbench:pools": withPool(0, { nodes: 21 }) }, "archbench:pools[0].nodes", /from 1 to 20/],
    ["ttlHours below", { "archbench:lifecycle": { ttlHours: 0 } }, "archbench:lifecycle.ttlHours", /from 1 to 168/],
    ["ttlHours above", { "archbench:lifecycle": { ttlHours: 169 } }, "archbench:lifecycle.ttlHours", /from 1 to 168/],
    ["timeoutMinutes below", { "archbench:benchmark": { timeoutMinutes: 0 } }, "archbench:benchmark.timeoutMinutes", /from 1 to 1440/],
    ["timeoutMinutes fractional", { "archbench:benchmark": { timeoutMinutes: 2.5 } }, "archbench:benchmark.timeoutMinutes", /whole number.*from 1 to 1440/],
  ];
  it.each(RANGES)("%s", (_name, overrides, key, reason) => expectProblem(overrides, key, reason));
});

describe("messages for values of the wrong form", () => {
  it("names a mapping and a list in words a YAML user knows", () => {
    expectProblem({}, "archbench:app", /is fast; must be a mapping of keys/, { "archbench:app": "fast" });
    expectProblem({ "archbench:pools": { a: 1 } }, "archbench:pools", /must be a list \(YAML `- item` lines/);
  });
  // The cross-field checks run even when fields have the wrong type: they must not throw a TypeError.
  it.each([
    ["pools of the wrong types", { "archbench:pools": [{ name: 5, instanceType: 7, nodes: "x", arch: 3 }, { name: "b", instanceType: null, benchmark: "yes" }, {}, 4, null, "s"] }],
    ["app and benchmark of the wrong types", { "archbench:app": { cpu: 1, memory: 2, replicas: "4" }, "archbench:benchmark": { memory: 3, workloads: "json", cpus: "2", baselinePool: 5, image: 3, command: "x", timeoutMinutes: "1" } }],
    ["network, cluster and lifecycle of the wrong types", { "archbench:network": { vpcCidr: 10 }, "archbench:cluster": { adminRoleArns: [1, null], publicAccessCidrs: [5, null] }, "archbench:lifecycle": { expiresAt: 5, ttlHours: null } }],
    ["lists and objects swapped", { "archbench:pools": [[]], "archbench:app": [], "archbench:benchmark": [1], "archbench:cluster": { adminRoleArns: { a: 1 } } }],
  ])("%s: a ConfigError, never a crash", (_name, overrides) => {
    expect(problems(overrides).length).toBeGreaterThan(0);
  });
  it("keeps the quotes of a string that looks like a number", () => {
    expectProblem({ "archbench:app": { replicas: "4" } }, "archbench:app.replicas", /is "4"; must be a whole number of replicas from 1 to 100/);
  });
  it("prints a number too large for JSON as a number, not null", () => {
    expectProblem({}, "archbench:benchmark.durationSeconds", /is Infinity; must be a whole number of seconds from 1 to 600/, { "archbench:benchmark": '{"durationSeconds": 1e309}' });
  });
  it("cuts a huge value short in the message", () => {
    const found = problems({ "archbench:pools": withPool(3, { instanceType: `mac-${"a".repeat(100_000)}` }) });
    expect(found.join("\n").length).toBeLessThan(2000);
    expect(found.join("\n")).toMatch(/… \(100006 characters\) is a Mac instance type/);
  });
  it("gives a malformed Kubernetes version one message, with the versions to choose from", () => {
    const found = problems({ "archbench:kubernetesVersion": "1.3" }).filter((p) => p.startsWith("archbench:kubernetesVersion:"));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/is "1\.3"; must be a Kubernetes minor version such as "1\.35".*one of: 1\.32/);
  });
});

describe("instance types EKS cannot run", () => {
  const MAC = ["mac1.metal", "mac2.metal", "mac2-m2.metal", "mac2-m2pro.metal", "mac2-m1ultra.metal", "mac-m4.metal", "mac-m4pro.metal"];
  it.each(MAC)("%s is refused as an app pool, with or without arch", (type) => {
    for (const arch of [undefined, "amd64", "arm64"]) {
      const pool = { name: "app-mac", instanceType: type, ...(arch && { arch }) };
      const found = problems({ "archbench:pools": [...pools, pool] });
      const line = found.find((p) => p.startsWith("archbench:pools[4].instanceType: "));
      expect(line, found.join("\n")).toMatch(/Mac.*macOS.*EKS.*use a Linux type such as/);
      // The advice must not send the user to set arch, which cannot help.
      expect(found.filter((p) => p.startsWith("archbench:pools[4].arch"))).toEqual([]);
    }
  });

  it("refuses A1 (the AL2023 node AMIs do not support it)", () => {
    expectProblem({ "archbench:pools": [...pools, { name: "app-a1", instanceType: "a1.large" }] }, "archbench:pools[4].instanceType", /a1\.large.*AL2023.*m6g/);
  });
});

describe("pools and pods that cannot fit", () => {
  it("refuses a benchmark pool on a 1-vCPU type, with the default CPU count", () => {
    expectProblem({ "archbench:pools": withPool(3, { instanceType: "c7g.medium" }) }, "archbench:pools[3].instanceType", /c7g\.medium has 1 vCPU.*at least 2.*large/);
  });

  it("refuses a benchmark pool on a 1-vCPU type, with benchmark.cpus given", () => {
    const found = problems({ "archbench:pools": withPool(3, { instanceType: "m7a.medium" }), "archbench:benchmark": { cpus: 1 } });
    expect(found.join("\n")).toMatch(/m7a\.medium has 1 vCPU/);
  });

  it("refuses benchmark memory larger than a benchmark node's memory less the reserve", () => {
    expectProblem({ "archbench:benchmark": { memory: "16Gi" } }, "archbench:benchmark.memory", /16Gi does not fit.*m7i\.xlarge \(pool bench-x86\) has 16 GiB.*at most 15Gi/);
    expect(problems({ "archbench:benchmark": { memory: "15Gi" } })).toEqual([]);
  });

  it("refuses app memory larger than an app node's memory less the reserve", () => {
    expectProblem({ "archbench:app": { memory: "8Gi" } }, "archbench:app.memory", /8Gi does not fit.*m7i\.large \(pool app-x86\) has 8 GiB.*at most 7Gi/);
  });

  it("refuses an app CPU request above the container's 1-CPU limit", () => {
    expectProblem({ "archbench:app": { cpu: "2" } }, "archbench:app.cpu", /above the app container's CPU limit of 1.*from 1m to 1/);
    expectProblem({ "archbench:app": { cpu: "1500m" } }, "archbench:app.cpu", /limit of 1/);
    expect(problems({ "archbench:app": { cpu: "1", replicas: 2 } })).toEqual([]);
    expect(problems({ "archbench:app": { cpu: "0.5" } })).toEqual([]);
  });

  it.each(["1Gi", "0", "0m", "250Mi", "1e3", "-1"])("refuses app.cpu %s", (cpu) => {
    expectProblem({ "archbench:app": { cpu } }, "archbench:app.cpu", /CPU quantity.*"250m"/);
  });
});

describe("every message names the allowed values and the fix", () => {
  it.each([
    [{ "archbench:pools": undefined }, "archbench:pools", /is required; add it as a list .*README's config reference/],
    [{ "archbench:pools": [{ name: "a" }] }, "archbench:pools[0].instanceType", /is required; add it as a string/],
    [{ "archbench:benchmark": { command: [""], timeoutMinutes: 10 } }, "archbench:benchmark.command[0]", /is empty; must be the program or one of its arguments/],
    [{ "archbench:benchmark": { command: [], timeoutMinutes: 10 } }, "archbench:benchmark.command", /at least the program to run, e\.g\./],
    [{ "archbench:benchmark": { workloads: [] } }, "archbench:benchmark.workloads", /at least one workload of json, sha256.*omit it/],
  ] as const)("%j → %s", (overrides, key, reason) => expectProblem(overrides, key, reason));
});

describe("the app must fit on its nodes", () => {
  it("refuses more replicas than the app nodes of one architecture can hold", () => {
    expectProblem({ "archbench:app": { replicas: 100 } }, "archbench:app.replicas", /is 100: the spread puts 50 on amd64.*1 × m7i\.large.*at most 6.*lower replicas or app\.cpu, or add app nodes/);
  });
  it("counts every app node of that architecture", () => {
    const more = [{ ...pools[0], nodes: 10 }, { ...pools[1], nodes: 10 }, pools[2], pools[3]];
    expect(problems({ "archbench:pools": more, "archbench:app": { replicas: 100 } })).toEqual([]);
  });
  // These sizes have 0.5-2 GiB: less than (or barely more than) the 1 GiB every node keeps, so no app pod fits.
  it.each(["t4g.nano", "t4g.micro", "t3.nano", "t3a.micro"])("refuses an app pool of %s, which has no room for the app pods", (instanceType) => {
    const arm = instanceType.startsWith("t4g");
    const tiny = pools.map((p, j) => (j === (arm ? 1 : 0) ? { ...p, instanceType } : p));
    expectProblem({ "archbench:pools": tiny }, "archbench:app.replicas", new RegExp(`1 × ${instanceType.replace(".", "\\.")}\\) hold at most 0 app pods`));
  });
  it("counts memory too", () => {
    expectProblem({ "archbench:app": { replicas: 8, cpu: "10m", memory: "3Gi" } }, "archbench:app.replicas", /at most 2 app pods/);
  });
});

describe("lists whose entries must differ", () => {
  it("refuses a workload named twice", () => {
    expectProblem({ "archbench:benchmark": { workloads: ["json", "gzip", "json"] } }, "archbench:benchmark.workloads[2]", /same as workloads\[0\]/);
  });
  it("refuses an empty pool list, saying the range", () => {
    expectProblem({ "archbench:pools": [] }, "archbench:pools", /is empty; must list from 1 to 30 pools/);
  });
  it("refuses more pools than EKS allows managed node groups", () => {
    const many = [...pools, ...Array.from({ length: 27 }, (_, i) => ({ name: `extra-${i}`, instanceType: "m7g.large" }))];
    expectProblem({ "archbench:pools": many }, "archbench:pools", /31 pools.*at most 30/);
  });
  it("refuses an image reference with white space", () => {
    expectProblem({ "archbench:benchmark": { image: "example.com/me/bench latest", timeoutMinutes: 30 } }, "archbench:benchmark.image", /container image reference/);
  });
  it("refuses a __proto__ key inside a pool", () => {
    const found = problems({}, { "archbench:pools": JSON.stringify(pools).replace('"name":"app-x86"', '"__proto__":{"benchmark":true},"name":"app-x86"') });
    expect(found).toContain("archbench:pools[0].__proto__: is not a known key: check its spelling against the README's config reference");
  });
});

describe("memory quantities", () => {
  it.each(["2048m", "2Gm", "2gi", "2GB", "1.5", "2u", "2Pi", "0", "0Gi", "2 Gi", "1e9"])("refuses %s", (memory) => {
    expectProblem({ "archbench:benchmark": { memory } }, "archbench:benchmark.memory", /Ki, Mi, Gi, Ti.*k, M, G, T/);
  });
  // All at least the 1856Mi the runner needs here (7 workloads × (1 + 2 CPUs) threads).
  it.each(["2Gi", "2048Mi", "2G", "2000M", "2147483648", "2.5Gi", "4000000k"])("accepts %s", (memory) => {
    expect(problems({ "archbench:benchmark": { memory } })).toEqual([]);
  });
  it("refuses a benchmark pod too small for the runner", () => {
    expectProblem({ "archbench:benchmark": { memory: "64Mi" } }, "archbench:benchmark.memory", /at least 512Mi/);
  });
});

describe("cluster access", () => {
  it("refuses a duplicate admin role ARN (EKS refuses duplicate access entries)", () => {
    const arn = "arn:aws:iam::123456789012:role/admin";
    expectProblem({ "archbench:cluster": { adminRoleArns: [arn, arn] } }, "archbench:cluster.adminRoleArns[1]", /same as adminRoleArns\[0\].*once/);
    // One role under another path (SSO roles have paths): still one access entry.
    expectProblem(
      { "archbench:cluster": { adminRoleArns: [arn, arn.replace(":role/", ":role/aws-reserved/sso.amazonaws.com/")] } },
      "archbench:cluster.adminRoleArns[1]",
      /same as adminRoleArns\[0\].*once/,
    );
  });

  // IAM role names are 1-64 of [A-Za-z0-9+=,.@_-]; archbench refuses China and GovCloud regions, so only the aws partition can hold the cluster's roles.
  it.each(["arn:aws-cn:iam::123456789012:role/admin", "arn:awsxyz:iam::123456789012:role/admin", "arn:aws:iam::123456789012:role/a b", `arn:aws:iam::123456789012:role/${"a".repeat(65)}`, "arn:aws:iam::123456789012:role/", "arn:aws:iam::123456789012:role/path/"])(
    "refuses admin role ARN %j, which IAM or EKS cannot accept",
    (arn) => expectProblem({ "archbench:cluster": { adminRoleArns: [arn] } }, "archbench:cluster.adminRoleArns[0]", /IAM role ARN.*arn:aws:iam::123456789012:role\/admin/),
  );
  it.each(["arn:aws:iam::123456789012:role/admin", "arn:aws:iam::123456789012:role/path/to/Admin+=,.@_-1"])("accepts admin role ARN %j", (arn) => {
    expect(problems({ "archbench:cluster": { adminRoleArns: [arn] } })).toEqual([]);
  });

  const BAD_CIDRS = ["300.1.2.3/40", "10.042.0.0/16", "203.0.113.5/24", "1.2.3.4/33", "1.2.3/24", "01.2.3.4/32", "1.2.3.4/08", " 1.2.3.4/32"];
  it.each(BAD_CIDRS)("refuses public access CIDR %j", (cidr) => {
    expectProblem({ "archbench:cluster": { publicAccessCidrs: [cidr] } }, "archbench:cluster.publicAccessCidrs[0]", /CIDR/);
  });
  it("names the canonical form when host bits are set", () => {
    expectProblem({ "archbench:cluster": { publicAccessCidrs: ["203.0.113.5/24"] } }, "archbench:cluster.publicAccessCidrs[0]", /host bits.*"203\.0\.113\.0\/24"/);
  });
  it("refuses a duplicate public access CIDR", () => {
    expectProblem({ "archbench:cluster": { publicAccessCidrs: ["203.0.113.0/24", "203.0.113.0/24"] } }, "archbench:cluster.publicAccessCidrs[1]", /same as publicAccessCidrs\[0\]/);
  });

  it.each(["300.1.2.3/40", "10.042.0.0/16", "10.42.1.0/16", "10.256.0.0/16", "11.0.0.0/16", "10.42.0.0/20"])("refuses vpcCidr %j", (vpcCidr) => {
    expectProblem({ "archbench:network": { vpcCidr } }, "archbench:network.vpcCidr", /\/16 in 10\.0\.0\.0\/8.*"10\.42\.0\.0\/16"/);
  });
});

describe("expiresAt is a real calendar instant", () => {
  it.each(["2026-02-30T18:00:00Z", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T12:60:00Z", "2026-01-01T12:00:60Z", "2026-00-10T00:00:00Z"])(
    "refuses %s",
    (expiresAt) => expectProblem({ "archbench:lifecycle": { expiresAt } }, "archbench:lifecycle.expiresAt", /not a real date and time/),
  );
  it("refuses an instant that has passed when the clock is given (the program and plan give it)", () => {
    const all = configMap({ ...base, "archbench:lifecycle": { expiresAt: "2026-11-26T18:00:00Z" } });
    expect(() => parseConfig(all, new Date("2026-11-26T18:00:00Z"))).toThrow(/archbench:lifecycle\.expiresAt: 2026-11-26T18:00:00Z has passed \(now 2026-11-26T18:00:00Z\).*reaper.*set a later UTC instant, or remove it/);
    expect(parseConfig(all, new Date("2026-11-26T16:00:00Z")).lifecycle.expiresAt).toBe("2026-11-26T18:00:00Z");
    expect(parseConfig(all).lifecycle.expiresAt).toBe("2026-11-26T18:00:00Z");
  });
  it("refuses an instant too soon for the benchmark Job: the reaper would destroy the stack mid-run", () => {
    // The default suite's Job: 7 workloads × 2 thread modes × (3 s + 5 × 3 s) + 3 min to start = 7.2 min.
    const all = configMap({ ...base, "archbench:lifecycle": { expiresAt: "2026-11-26T18:00:00Z" } });
    expect(() => parseConfig(all, new Date("2026-11-26T17:59:59Z"))).toThrow(/archbench:lifecycle\.expiresAt: is 2026-11-26T18:00:00Z, 1 min from now, but the benchmark Job needs about 8 min.*at least 8 min ahead.*or remove it/);
    expect(() => parseConfig(all, new Date("2026-11-26T17:55:00Z"))).toThrow(/archbench:lifecycle\.expiresAt/);
    expect(parseConfig(all, new Date("2026-11-26T17:30:00Z")).lifecycle.expiresAt).toBe("2026-11-26T18:00:00Z");
  });
  it("refuses an instant more than a week ahead: the reaper would leave a forgotten stack billing for longer than ttlHours allows", () => {
    const all = configMap({ ...base, "archbench:lifecycle": { expiresAt: "2026-12-10T18:00:00Z" } });
    expect(() => parseConfig(all, new Date("2026-11-26T18:00:00Z"))).toThrow(/archbench:lifecycle\.expiresAt: is 2026-12-10T18:00:00Z, 336 h from now: at most 168 h \(a week, as ttlHours\) ahead/);
    expect(parseConfig(all, new Date("2026-12-05T18:00:00Z")).lifecycle.expiresAt).toBe("2026-12-10T18:00:00Z");
  });
  it("accepts 29 February in a leap year", () => {
    expect(problems({ "archbench:lifecycle": { expiresAt: "2028-02-29T23:59:59Z" } })).toEqual([]);
  });
});

describe("versions and regions EKS offers", () => {
  it.each(["1.20", "1.29", "1.99"])("refuses kubernetesVersion %s", (v) => {
    expectProblem({ "archbench:kubernetesVersion": v }, "archbench:kubernetesVersion", /EKS.*use one of: .*1\.35/);
  });
  it.each(["us-east-9", "constructor", "__proto__", "US-EAST-1", "cn-north-1"])("refuses region %s", (region) => {
    expectProblem({ "aws:region": region }, "aws:region", /not an AWS commercial region where EKS runs.*us-east-1.*bundled prices: us-east-1/);
  });
  it("accepts another EKS region (plan prices only the bundled ones)", () => {
    expect(problems({ "aws:region": "eu-west-1" })).toEqual([]);
  });
});

describe("the benchmark must finish within the stack's TTL", () => {
  it("refuses a run that outlasts ttlHours (the reaper would destroy it mid-run)", () => {
    expectProblem(
      { "archbench:benchmark": { durationSeconds: 300, repetitions: 10 }, "archbench:lifecycle": { ttlHours: 6 } },
      "archbench:lifecycle.ttlHours",
      /reaper.*at least \d+/,
    );
  });
  it("refuses a custom image whose timeout outlasts ttlHours", () => {
    expectProblem(
      { "archbench:benchmark": { image: "example.com/me/bench@sha256:abc", timeoutMinutes: 600 } },
      "archbench:lifecycle.ttlHours",
      /timeoutMinutes.*at least 11/,
    );
  });
  it("refuses a timeoutMinutes shorter than archbench's own run", () => {
    expectProblem({ "archbench:benchmark": { durationSeconds: 20, timeoutMinutes: 5 } }, "archbench:benchmark.timeoutMinutes", /expected run.*at least \d+/);
  });
});

describe("config parsing never walks the prototype chain", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])("archbench:%s is an unknown key and is not applied", (key) => {
    const found = problems({}, { [`archbench:${key}`]: JSON.stringify({ kubernetesVersion: "1.20", pools: [] }) });
    expect(found.some((p) => p.startsWith(`archbench:${key}: is not a known key`)), found.join("\n")).toBe(true);
  });
  it("does not read the Kubernetes version out of archbench:__proto__", () => {
    const all = JSON.parse(`{"aws:region":"us-east-1","archbench:pools":${JSON.stringify(JSON.stringify(pools))},"archbench:__proto__":"{\\"kubernetesVersion\\":\\"1.20\\"}"}`) as Record<string, string>;
    expect(Object.hasOwn(all, "archbench:__proto__")).toBe(true);
    expect(() => parseConfig(all)).toThrow(/archbench:__proto__: is not a known key/);
  });
  it.each(["__proto__", "constructor", "toString"])("refuses %s inside archbench:benchmark", (key) => {
    const found = problems({}, { "archbench:benchmark": `{"${key}": {"durationSeconds": 9}}` });
    expect(found).toContain(`archbench:benchmark.${key}: is not a known key: check its spelling against the README's config reference`);
  });
  // The size-name rule looked "constructor" up on an object and took Object's function for a vCPU count.
  it.each(["constructor", "valueof", "tostring"])("refuses the instance type m7g.%s (no such size)", (size) => {
    expectProblem({ "archbench:pools": withPool(3, { instanceType: `m7g.${size}` }) }, "archbench:pools[3].instanceType", /not an EC2 instance type name.*sizes: medium, large/);
  });
});
