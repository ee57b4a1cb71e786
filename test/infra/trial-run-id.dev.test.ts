import { beforeAll, describe, expect, it } from "vitest";
import { TAG_KEYS } from "../../infra/tags-and-labels";
import { trialConfig } from "../../stacks/lifecycle/run-config";
import { readStackConfig } from "../../stacks/offline/stack-config";
import type { ProgramRun } from "../../stacks/offline/run-program";
import { runInfra } from "./program-harness";

/**
 * `npm run benchmark -- --trials N` re-runs `up` with only the run id changed. That must replace the
 * benchmark Jobs and nothing else: no cluster, node group or image input may follow the run id, except the
 * `archbench:runId` tag (tags update in place).
 */

/** A provider's object-valued config arrives as JSON text: compare it as data. */
const asData = (v: unknown): unknown => {
  if (typeof v !== "string" || !v.startsWith("{")) return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
};

/** Paths (a.b[0].c) where two input trees differ; functions (on resource objects passed as inputs) are not data. */
function differences(x: unknown, y: unknown, at = ""): string[] {
  const a = asData(x);
  const b = asData(y);
  if (a === b || (typeof a === "function" && typeof b === "function")) return [];
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return [at];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) =>
    differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${at}[${k}]` : at ? `${at}.${k}` : k),
  );
}

const byName = (run: ProgramRun) => new Map(run.resources.map((r) => [`${r.type}::${r.name}`, r]));

describe("a further trial (only the run id changes)", () => {
  let first: ProgramRun;
  let second: ProgramRun;
  beforeAll(async () => {
    const config = readStackConfig("dev");
    first = await runInfra(config);
    second = await runInfra({ ...config, ...trialConfig(config, "1-t2") });
  });

  it("registers the same resources, and changes no input but the run-id tag outside the benchmark Jobs", () => {
    const a = byName(first);
    const b = byName(second);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const runIdTag = new RegExp(`(^|\\.)(tags|defaultTags\\.tags)\\.${TAG_KEYS.runId.replace(/[.:]/g, "\\$&")}$`);
    const changed: string[] = [];
    for (const [key, before] of a) {
      if (before.type === "kubernetes:batch/v1:Job") continue;
      for (const path of differences(before.inputs, b.get(key)!.inputs)) if (!runIdTag.test(path)) changed.push(`${key}: ${path}`);
    }
    expect(changed).toEqual([]);
  });

  it("gives each benchmark Job a new name (so it is replaced and re-runs) carrying the trial's run id", () => {
    const jobs = (run: ProgramRun) => run.resources.filter((r) => r.type === "kubernetes:batch/v1:Job").map((r) => (r.inputs as { metadata: { name: string } }).metadata.name);
    expect(jobs(first)).toHaveLength(2);
    expect(jobs(second)).toEqual(jobs(first).map((n) => n.replace(/-run-1$/, "-run-1-t2")));
  });
});
