import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { collectResults } from "../../../stacks/pipeline/results-pipeline";
import { bundledPriceTable } from "../../../stacks/prices/bundled";
import type { CollectedPool } from "../../../stacks/sources/collected-pool";
import { poolsFromDocuments } from "../../../stacks/sources/files";
import { generatedDocument, seeded } from "../fixtures/documents";
import { fakeStackOutputs } from "../fixtures/stack-outputs";

/** `--trials`: each trial's collection is added to the earlier ones, and the report covers them all. */
const root = mkdtempSync(join(tmpdir(), "archbench-trials-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const random = seeded(5);
const trialPools = (runId: string): CollectedPool[] =>
  poolsFromDocuments(
    [
      ["bench-x86", "amd64", 1],
      ["bench-arm", "arm64", 1.3],
    ].flatMap(([pool, arch, factor]) =>
      [1, 0.99].map((nodeFactor, i) =>
        generatedDocument({ pool: pool as string, node: `${pool as string}-${i}`, arch: arch as "amd64" | "arm64", runId, poolFactor: factor as number, nodeFactor, roundNoise: 0.02, rounds: 6, random }),
      ),
    ),
  );

async function collectTrial(runId: string, earlierTrials: CollectedPool[]) {
  return collectResults("dev", {
    outputs: { read: () => Promise.resolve({ ...fakeStackOutputs("unused"), runId }) },
    collectPools: () => Promise.resolve(trialPools(runId)),
    progress: { step: () => undefined, warn: () => undefined },
    resultsRoot: root,
    prices: (region) => Promise.resolve({ table: bundledPriceTable(region) }),
    earlierTrials,
    reportRunId: "20261129-0900",
    now: () => new Date("2026-11-29T10:00:00Z"),
  });
}

describe("collectResults over trials", () => {
  it("adds each trial's documents to the earlier ones, in one report folder named after the first run id", async () => {
    const first = await collectTrial("20261129-0900", []);
    const second = await collectTrial("20261129-0900-t2", first.results.pools);
    expect(second.dir).toBe(join(root, "dev", "20261129-0900"));
    expect(second.latest.flatMap((p) => p.documents.map((d) => d.trial))).toEqual(Array(4).fill("20261129-0900-t2"));
    const arm = second.results.pools.find((p) => p.pool === "bench-arm");
    expect(arm?.documents.map((d) => [d.node?.name, d.trial])).toEqual([
      ["bench-arm-0", "20261129-0900"],
      ["bench-arm-1", "20261129-0900"],
      ["bench-arm-0", "20261129-0900-t2"],
      ["bench-arm-1", "20261129-0900-t2"],
    ]);
    expect(second.results.analysis.verdicts[0]?.trials).toEqual([2, 2]);
    expect(second.results.manifest.runId).toBe("20261129-0900, 20261129-0900-t2");
    expect(readFileSync(join(second.dir, "report.md"), "utf8")).toContain("run 20261129-0900, 20261129-0900-t2");
  });
});
