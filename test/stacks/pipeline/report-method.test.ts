import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ResultsFile } from "../../../stacks/analysis/results-file";
import { resultsFromInput } from "../../../stacks/pipeline/results-pipeline";
import { renderMarkdown } from "../../../stacks/rendering/markdown";
import { loadInput } from "../../../stacks/sources/files";
import { generatedDocument, seeded } from "../fixtures/documents";
import { runCli as cli } from "../helpers/run-cli";

/**
 * `npm run report` on folders of generated documents, several nodes per pool, end to end: files → pools →
 * the hierarchical method → report.md. A/A must come out inconclusive, a clear A/B difference decided, and
 * the interval must widen when a pool's nodes disagree.
 */
const scratch = mkdtempSync(join(tmpdir(), "archbench-method-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface PoolSpec {
  name: string;
  arch: "amd64" | "arm64";
  poolFactor: number;
  nodeFactors: number[];
}

/** Writes one document per node (and trial) of every pool into a fresh folder; returns the folder. */
function folder(name: string, pools: PoolSpec[], options: { seed?: number; trials?: number; roundNoise?: number } = {}): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  const random = seeded(options.seed ?? 11);
  for (let t = 1; t <= (options.trials ?? 1); t++) {
    for (const p of pools) {
      p.nodeFactors.forEach((nodeFactor, i) => {
        const runId = t === 1 ? "1" : `1-t${t}`;
        const doc = generatedDocument({ pool: p.name, node: `${p.name}-${i}`, arch: p.arch, runId, poolFactor: p.poolFactor, nodeFactor, roundNoise: options.roundNoise ?? 0.02, rounds: 10, random });
        writeFileSync(join(dir, `${p.name}-${i}-t${t}.json`), JSON.stringify(doc));
      });
    }
  }
  return dir;
}

const report = (dir: string): ResultsFile => resultsFromInput(loadInput(dir));
const headline = (r: ResultsFile) => r.analysis.verdicts[0];

describe("npm run report with several nodes per pool (the hierarchical method, end to end)", () => {
  it("one row per pool with its nodes listed, and a clear A/B difference is decided", async () => {
    const dir = folder("ab", [
      { name: "bench-x86", arch: "amd64", poolFactor: 1, nodeFactors: [1, 0.98, 1.02] },
      { name: "bench-arm", arch: "arm64", poolFactor: 1.3, nodeFactors: [1.01, 0.99, 1] },
    ]);
    const results = report(dir);
    expect(results.pools.map((p) => [p.pool, p.documents.length])).toEqual([
      ["bench-arm", 3],
      ["bench-x86", 3],
    ]);
    expect(headline(results)?.throughput?.verdict).toBe("better");
    expect(headline(results)?.throughput?.ci?.[0]).toBeGreaterThan(1.2);
    const md = renderMarkdown(results);
    // The node table: one row per pool, its nodes listed.
    expect(md).toMatch(/\| bench-arm \| bench-arm-0 [^|]*; bench-arm-1 [^|]*; bench-arm-2 [^|]*\|/);
    expect(md.split("\n").filter((l) => /^\| bench-x86 \| bench-x86-0/.test(l))).toHaveLength(1);
    expect(md).toMatch(/Smallest detectable difference of this run: ±\d+\.\d %/);
    expect(md).toContain("⚠ Not sampled: one trial: time variation was not sampled");
    expect(md).not.toContain("instance-to-instance variation was not sampled");

    // The same folder through the command users run.
    const { code, stdout } = await cli("stacks/cli/report.ts", ["--from", dir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/the throughput — faster/);
    expect(readFileSync(join(dir, "report.md"), "utf8")).toContain("## Node medians");
  }, 30_000);

  it("A/A (the same type in both pools) gives an inconclusive verdict", () => {
    const results = report(
      folder("aa", [
        { name: "bench-a", arch: "arm64", poolFactor: 1, nodeFactors: [1, 0.98] },
        { name: "bench-b", arch: "arm64", poolFactor: 1, nodeFactors: [1.01, 0.99] },
      ]),
    );
    expect(headline(results)?.throughput?.verdict).toBe("inconclusive");
    expect(headline(results)?.perDollar?.verdict).toBe("inconclusive");
    expect(headline(results)?.sentence).toContain("inconclusive (the 95% CI includes 1.0)");
  });

  it("the interval widens when a pool's nodes disagree", () => {
    const width = (r: ResultsFile): number => Math.log((headline(r)?.throughput?.ci?.[1] ?? NaN) / (headline(r)?.throughput?.ci?.[0] ?? NaN));
    const agree = report(
      folder("agree", [
        { name: "bench-x86", arch: "amd64", poolFactor: 1, nodeFactors: [1, 1.005] },
        { name: "bench-arm", arch: "arm64", poolFactor: 1.2, nodeFactors: [0.995, 1] },
      ]),
    );
    const disagree = report(
      folder("disagree", [
        { name: "bench-x86", arch: "amd64", poolFactor: 1, nodeFactors: [0.9, 1.1] },
        { name: "bench-arm", arch: "arm64", poolFactor: 1.2, nodeFactors: [1.1, 0.9] },
      ]),
    );
    expect(width(disagree)).toBeGreaterThan(3 * width(agree));
    expect(headline(agree)?.throughput?.verdict).toBe("better");
  });

  it("one node per pool: the report says instance-to-instance variation was not sampled", () => {
    const md = renderMarkdown(
      report(
        folder("single", [
          { name: "bench-x86", arch: "amd64", poolFactor: 1, nodeFactors: [1] },
          { name: "bench-arm", arch: "arm64", poolFactor: 1.2, nodeFactors: [1] },
        ]),
      ),
    );
    expect(md).toContain("⚠ Not sampled: one node per pool: instance-to-instance variation was not sampled; the interval understates it");
  });

  it("trials are read by run id: two trials of the same nodes make time a sampled level", () => {
    const results = report(
      folder("trials", [
        { name: "bench-x86", arch: "amd64", poolFactor: 1, nodeFactors: [1, 1.01] },
        { name: "bench-arm", arch: "arm64", poolFactor: 1.25, nodeFactors: [0.99, 1] },
      ], { trials: 2 }),
    );
    expect(headline(results)?.trials).toEqual([2, 2]);
    expect(headline(results)?.notSampled).toEqual([]);
    expect(results.analysis.nodes.find((p) => p.pool === "bench-arm")?.nodes.map((n) => n.trials)).toEqual([
      ["1", "1-t2"],
      ["1", "1-t2"],
    ]);
  });
});
