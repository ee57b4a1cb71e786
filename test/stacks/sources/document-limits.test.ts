import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseBenchOptions } from "../../../app/src/bench/options";
import { WORKLOAD_NAMES } from "../../../app/src/bench/workload-names";
import { resultsFromInput } from "../../../stacks/pipeline/results-pipeline";
import { loadInput, MAX_INPUT_FILES } from "../../../stacks/sources/files";
import { MAX_SAMPLES_PER_WORKLOAD, MAX_WORKLOADS_PER_DOCUMENT, parseBenchmarkDocument } from "../../../stacks/sources/results-document";
import { makeDocument, okWorkload, scenarioDocuments } from "../fixtures/documents";

const scratch = mkdtempSync(join(tmpdir(), "archbench-limits-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const samples = (n: number): number[] => Array.from({ length: n }, (_, i) => 100 + (i % 7));

describe("documents beyond what the runner can produce are refused, naming the field and the limit", () => {
  it("the sample limit is the runner's repetition limit", () => {
    expect(parseBenchOptions(["--repetitions", String(MAX_SAMPLES_PER_WORKLOAD)], {}).repetitions).toBe(MAX_SAMPLES_PER_WORKLOAD);
    expect(() => parseBenchOptions(["--repetitions", String(MAX_SAMPLES_PER_WORKLOAD + 1)], {})).toThrow(/repetitions/);
    expect(MAX_WORKLOADS_PER_DOCUMENT).toBeGreaterThanOrEqual(WORKLOAD_NAMES.length * 2);
  });

  it("accepts the runner's maximum", () => {
    const doc = makeDocument({ pool: "p", arch: "amd64", repetitions: 1000, workloads: [okWorkload({ name: "json", threads: 1, samples: samples(1000) })] });
    expect(parseBenchmarkDocument(doc).workloads).toHaveLength(1);
  });

  it.each([
    ["samples", { repetitions: 5, workloads: [okWorkload({ name: "json", threads: 1, samples: samples(1001) })] }, /workloads\.0\.samples: at most 1000 entries: the runner measures at most 1000 repetitions \(--repetitions 1 to 1000\)/],
    ["repetitions", { repetitions: 1001 }, /repetitions: at most 1000 entries/],
    ["workloads", { workloads: Array.from({ length: 65 }, () => okWorkload({ name: "json", threads: 1, samples: [1] })) }, /workloads: at most 64 workload results/],
  ])("too many %s", (_, overrides, message) => {
    const doc = makeDocument({ pool: "p", arch: "amd64", workloads: [okWorkload({ name: "json", threads: 1, samples: [1] })], ...overrides });
    expect(() => parseBenchmarkDocument(doc)).toThrow(message);
  });

  it("a 20,000-sample document (88 s before) is reported as malformed in well under a few seconds, the rest still reported", () => {
    const dir = join(scratch, "big");
    mkdirSync(dir);
    const { x86, arm } = scenarioDocuments();
    writeFileSync(join(dir, "x86.json"), JSON.stringify(x86));
    writeFileSync(join(dir, "arm.json"), JSON.stringify(arm));
    const big = makeDocument({
      pool: "bench-big",
      arch: "arm64",
      workloads: ["json", "sha256"].map((name) => okWorkload({ name, threads: 1, samples: samples(20_000) })),
    });
    writeFileSync(join(dir, "big.json"), JSON.stringify(big));
    const start = performance.now();
    const results = resultsFromInput(loadInput(dir));
    expect(performance.now() - start).toBeLessThan(5_000);
    const byPool = Object.fromEntries(results.pools.map((p) => [p.pool, p]));
    expect(byPool["bench-big (big.json)"]?.outcome).toBe("malformed");
    expect(byPool["bench-big (big.json)"]?.reason).toMatch(/workloads\.0\.samples: at most 1000 entries/);
    expect(byPool["bench-arm"]?.outcome).toBe("ok");
  }, 120_000);

  it("a folder of more files than one run has is refused, naming the limit and the fix", () => {
    const dir = join(scratch, "many");
    mkdirSync(dir);
    for (let i = 0; i < MAX_INPUT_FILES + 1; i++) writeFileSync(join(dir, `doc-${i}.json`), "{}");
    expect(() => loadInput(dir)).toThrow(`${dir}: 65 *.json/*.log files; a report reads at most 64 (one run's documents): split the folder`);
  });

  it("a folder over 16 MiB of documents in all is refused, naming the limit and the fix", () => {
    const dir = join(scratch, "heavy");
    mkdirSync(dir);
    for (const name of ["a.log", "b.log", "c.log"]) writeFileSync(join(dir, name), "x".repeat(6 * 1024 * 1024));
    expect(() => loadInput(dir)).toThrow(`${dir}: over 16 MiB of documents in all (at c.log); a report reads one run's documents: split the folder`);
  });
});
