import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../infra/config";
import { configKeys } from "../helpers/config-keys";
import { configMap } from "../../stacks/offline/stack-config";

const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
/** `| \`key\` | default | meaning |` rows of the README's config reference. */
const rows = new Map(
  [...readme.matchAll(/^\| `([a-z]+:[A-Za-z.[\]]+)` \|\s*([^|]*?)\s*\|/gm)].map((m) => [m[1]!, m[2]!.trim()]),
);

describe("README config reference", () => {
  it("documents every key the program reads", () => {
    const missing = configKeys().filter((k) => !rows.has(k));
    expect(missing).toEqual([]);
  });

  it("documents no key the program does not read", () => {
    const known = new Set([...configKeys(), "aws:region"]);
    expect([...rows.keys()].filter((k) => !known.has(k))).toEqual([]);
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
