import { describe, expect, it } from "vitest";
import { everyPodOk, mergeTrials } from "../../../stacks/sources/collected-pool";
import { poolsFromDocuments } from "../../../stacks/sources/files";
import { parseStoredResults, RESULTS_FILE_VERSION } from "../../../stacks/sources/stored-results";
import { scenarioDocuments } from "../fixtures/documents";

const manifest = { source: "files", imageDigests: {}, pools: [], collectedAt: "2026-11-26T10:00:00Z" };

describe("results.json versions", () => {
  const { x86, arm } = scenarioDocuments();

  it("loads a version-1 file (one document per pool) as pools of one document each", () => {
    const v1 = {
      resultsFileVersion: 1,
      generatedAt: "2026-11-26T10:00:00Z",
      manifest,
      prices: null,
      pools: [
        { pool: "bench-x86", arch: "amd64", instanceType: "m7i.xlarge", jobName: "j", podName: "p", outcome: "ok", documentSource: "log", document: x86, node: { name: "n1" }, warnings: ["w"] },
        { pool: "bench-gone", outcome: "missing", reason: "Job archbench/j not found", warnings: [] },
      ],
    };
    const stored = parseStoredResults(v1, "results.json");
    expect(stored.resultsFileVersion).toBe(RESULTS_FILE_VERSION);
    expect(stored.pools[0]).toMatchObject({ pool: "bench-x86", outcome: "ok", instanceType: "m7i.xlarge" });
    expect(stored.pools[0]?.documents).toEqual([{ jobName: "j", podName: "p", outcome: "ok", documentSource: "log", document: x86, node: { name: "n1" }, trial: "7", warnings: ["w"] }]);
    expect(stored.pools[1]).toEqual({ pool: "bench-gone", outcome: "missing", reason: "Job archbench/j not found", documents: [], warnings: [] });
  });

  it("names the file and the field when a version-1 file is broken", () => {
    expect(() => parseStoredResults({ resultsFileVersion: 1, generatedAt: "x", manifest, prices: null, pools: [{ pool: "" }] }, "old/results.json")).toThrow(
      /^old\/results\.json: a version-1 results\.json that does not validate: .*pools\.0\.pool: /,
    );
  });

  it("stores pools with their documents (version 2) and reads them back", () => {
    const pools = poolsFromDocuments([x86, arm]);
    const stored = parseStoredResults(JSON.parse(JSON.stringify({ resultsFileVersion: 2, generatedAt: "x", manifest, prices: null, pools })), "results.json");
    expect(stored.pools).toEqual(pools);
  });
});

describe("merging trials", () => {
  const { x86, arm } = scenarioDocuments();

  it("concatenates a pool's documents and recomputes its outcome; new pools are appended", () => {
    const first = poolsFromDocuments([x86]);
    const failedLater = [{ pool: "bench-x86", outcome: "failed" as const, documents: [{ trial: "7-t2", outcome: "failed" as const, reason: "OOMKilled", warnings: [] }], warnings: [] }];
    const merged = mergeTrials(first, [...failedLater, ...poolsFromDocuments([{ ...arm, runId: "7-t2" }])]);
    expect(merged.map((p) => [p.pool, p.outcome, p.documents.map((d) => `${d.trial}:${d.outcome}`)])).toEqual([
      ["bench-x86", "ok", ["7:ok", "7-t2:failed"]],
      ["bench-arm", "ok", ["7-t2:ok"]],
    ]);
    expect(first[0]?.documents).toHaveLength(1);
    expect(everyPodOk(merged)).toBe(false);
    expect(everyPodOk(poolsFromDocuments([x86, arm]))).toBe(true);
  });
});
