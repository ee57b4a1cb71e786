import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/config";
import { configKeyRanges, configKeys } from "../helpers/config-keys";
import { KUBERNETES_VERSIONS } from "../../infra/kubernetes-versions";
import { REGIONS_WITH_BUNDLED_PRICES } from "../../infra/regions";
import { configMap } from "../../stacks/offline/stack-config";

const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
/** `| \`key\` | default | meaning |` rows of the README's config reference. */
const rows = new Map(
  [...readme.matchAll(/^\| `([a-z]+:[A-Za-z.[\]]+)` \|\s*([^|]*?)\s*\|/gm)].map((m) => [m[1]!, m[2]!.trim()]),
);
/** The meaning column of each row. */
const meanings = new Map([...readme.matchAll(/^\| `([a-z]+:[A-Za-z.[\]]+)` \|[^|]*\|(.*)\|\s*$/gm)].map((m) => [m[1]!, m[2]!]));

describe("README config reference", () => {
  it("documents every key the program reads", () => {
    const missing = configKeys().filter((k) => !rows.has(k));
    expect(missing).toEqual([]);
  });

  it("documents no key the program does not read", () => {
    const known = new Set([...configKeys(), "aws:region"]);
    expect([...rows.keys()].filter((k) => !known.has(k))).toEqual([]);
  });

  it("states the range of every whole-number key", () => {
    const ranges = configKeyRanges();
    expect(ranges.size).toBeGreaterThanOrEqual(8);
    const unstated = [...ranges].filter(([key, r]) => !meanings.get(key)?.includes(`${r.min}–${r.max}`)).map(([key, r]) => `${key} (${r.min}–${r.max})`);
    expect(unstated).toEqual([]);
  });

  it("lists the Kubernetes versions archbench accepts and the regions with bundled prices", () => {
    for (const v of KUBERNETES_VERSIONS) expect(meanings.get("archbench:kubernetesVersion")).toContain(`\`${v.version}\``);
    for (const r of REGIONS_WITH_BUNDLED_PRICES) expect(meanings.get("aws:region")).toContain(`\`${r}\``);
  });

  it("gives the computed benchmark.cpus and benchmark.memory defaults the program computes", () => {
    const bench = (size: string) =>
      parseConfig(configMap({
        "aws:region": "us-east-1",
        "archbench:pools": [
          { name: "a", instanceType: "m7i.large" },
          { name: "b", instanceType: "m7g.large" },
          { name: "x", instanceType: `m7i.${size}`, benchmark: true },
          { name: "g", instanceType: `m7g.${size}`, benchmark: true },
        ],
      })).benchmark;
    // "the largest even count that fits the smallest benchmark node (xlarge 2, 2xlarge 6, 4xlarge 14)"
    const cpus = /largest even count[^(]*\(([^)]*)\)/.exec(meanings.get("archbench:benchmark.cpus") ?? "")?.[1] ?? "";
    const sizes = [...cpus.matchAll(/(\w+) (\d+)/g)];
    expect(sizes.length).toBe(3);
    for (const [, size, count] of sizes) expect(bench(size!).cpus, size).toBe(Number(count));
    // "(all 7 workloads: `2Gi` at 2 CPUs, `3Gi` at 3, `4Gi` at 6, `8Gi` at 14)"
    const memory = [...(meanings.get("archbench:benchmark.memory") ?? "").matchAll(/`(\d+Gi)` at (\d+)/g)];
    expect(memory.length).toBe(4);
    for (const [, quantity, at] of memory) {
      const config = configMap({
        "aws:region": "us-east-1",
        "archbench:pools": [{ name: "a", instanceType: "m7i.large" }, { name: "b", instanceType: "m7g.large" }, { name: "g", instanceType: "m7g.4xlarge", benchmark: true }],
        "archbench:benchmark": { cpus: Number(at) },
      });
      expect(parseConfig(config).benchmark.memory, `${at} CPUs`).toBe(quantity);
    }
  });

  it("shows the defaults the program applies", () => {
    const minimal = parseConfig(configMap({
      "aws:region": "us-east-1",
      "archbench:pools": [
        { name: "a", instanceType: "m7i.large" },
        { name: "b", instanceType: "m7g.large" },
        { name: "c", instanceType: "m7g.xlarge", benchmark: true },
      ],
    }));
    const valueAt = (key: string): unknown => {
      // The resolved config keeps a pool's role, not its `benchmark` flag.
      if (key === "archbench:pools[].benchmark") return minimal.pools[0]!.role === "benchmark";
      const parts = key.replace(/^archbench:/, "").replace("[]", ".0").split(".");
      return parts.reduce<unknown>((v, p) => (v as Record<string, unknown> | undefined)?.[p], minimal);
    };
    let checked = 0;
    for (const [key, cell] of rows) {
      const literal = /^`(.+)`$/.exec(cell)?.[1];
      if (!literal || !key.startsWith("archbench:")) continue;
      expect(valueAt(key), key).toEqual(JSON.parse(literal));
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });
});
