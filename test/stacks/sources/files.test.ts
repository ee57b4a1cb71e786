import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadInput } from "../../../stacks/sources/files";
import { renderMarkdown } from "../../../stacks/rendering/markdown";
import { resultsFromInput } from "../../../stacks/pipeline/results-pipeline";
import { scenarioDocuments } from "../fixtures/documents";

const scratch = mkdtempSync(join(tmpdir(), "archbench-report-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("report from a folder of documents (--from)", () => {
  const { x86, arm } = scenarioDocuments();

  it("reads JSON files and captured logs, and reports bad files by name and field", () => {
    const dir = join(scratch, "docs");
    mkdirSync(dir);
    writeFileSync(join(dir, "x86.json"), JSON.stringify(x86, null, 2));
    writeFileSync(join(dir, "arm.log"), `warm-up\n${JSON.stringify(arm)}\n`);
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ ...arm, pool: "bench-c7g", workloads: [{ status: "ok", name: "x" }] }));
    writeFileSync(join(dir, "notjson.json"), "{ nope");
    const results = resultsFromInput(loadInput(dir));
    const byPool = Object.fromEntries(results.pools.map((p) => [p.pool, p]));
    expect(Object.keys(byPool).sort()).toEqual(["bench-arm", "bench-c7g (bad.json)", "bench-x86", "notjson (notjson.json)"]);
    expect(byPool["bench-c7g (bad.json)"]?.reason).toMatch(/^bad\.json: invalid benchmark results document: workloads\.0\.unit: .*workloads\.0\.threads/);
    expect(byPool["notjson (notjson.json)"]?.reason).toMatch(/^notjson\.json: last line is not JSON/);
    // json 1.2; hash: the geometric mean of arm's rounds over x86's 400.
    const hash = Math.exp([360, 400, 440, 400, 400].reduce((sum, v) => sum + Math.log(v), 0) / 5) / 400;
    expect(results.analysis.verdicts[0]?.throughput?.estimate).toBeCloseTo(Math.sqrt(1.2 * hash), 12);
    expect(results.pricesNote).toMatch(/prices assume us-east-1/);
    expect(renderMarkdown(results)).toContain("bench-c7g (bad.json): malformed — bad.json: invalid benchmark results document");
  });

  it("bench:local runs from two machines: same pool name told apart, no instance type → no price, said so", () => {
    const { instanceType: _a, ...laptopX86 } = { ...x86, pool: "local", node: "dev-laptop" };
    const { instanceType: _b, ...laptopArm } = { ...arm, pool: "local", node: "m2-mac" };
    const dir = join(scratch, "local");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "a.json"), JSON.stringify(laptopX86));
    writeFileSync(join(dir, "b.json"), JSON.stringify(laptopArm));
    const results = resultsFromInput(loadInput(dir));
    expect(results.pools.map((p) => p.pool)).toEqual(["local@dev-laptop", "local@m2-mac"]);
    expect(results.analysis.baselinePool).toBe("local@dev-laptop");
    expect(results.analysis.verdicts[0]?.sentence).toMatch(/no price, so no cost verdict/);
    const md = renderMarkdown(results);
    expect(md).toContain("instance type unknown (local run?): no price");
    expect(md).toContain("a.json: no instanceType in the document (local run?): no price for this pool");
  });

  it("rejects an unknown --baseline naming the pools", () => {
    const input = loadInput(join(scratch, "local"));
    expect(() => resultsFromInput(input, { baselinePool: "nope" })).toThrow("--baseline nope: no such pool; pools are: local@dev-laptop, local@m2-mac");
  });

  it("rejects a results.json of another version by file and field", () => {
    const file = join(scratch, "v0", "results.json");
    mkdirSync(join(scratch, "v0"), { recursive: true });
    writeFileSync(file, JSON.stringify({ resultsFileVersion: 0, pools: [] }));
    expect(() => loadInput(file)).toThrow(/v0\/results\.json: not a results\.json this version can read \(resultsFileVersion 2\): resultsFileVersion: /);
  });

  it("reads one measurement once: a copy or a symlink of a document is skipped, named, not counted as another trial", () => {
    const dir = join(scratch, "copies");
    mkdirSync(dir);
    writeFileSync(join(dir, "x86.json"), JSON.stringify(x86));
    writeFileSync(join(dir, "arm.json"), JSON.stringify(arm));
    writeFileSync(join(dir, "y-copy.json"), JSON.stringify(x86));
    symlinkSync("arm.json", join(dir, "link.json"));
    const input = loadInput(dir);
    if (input.kind !== "documents") throw new Error("expected documents");
    expect(input.inputs).toEqual(["arm.json", "x86.json"]);
    expect(input.skipped).toEqual([
      { file: "link.json", reason: "the same bytes as arm.json (a copy or a symlink): read once" },
      { file: "y-copy.json", reason: "the same bytes as x86.json (a copy or a symlink): read once" },
    ]);
    expect(input.pools.flatMap((p) => p.documents.map((d) => d.trial ?? d.document?.runId))).toEqual([input.pools[0]?.documents[0]?.document?.runId, input.pools[1]?.documents[0]?.document?.runId]);
  });
});
