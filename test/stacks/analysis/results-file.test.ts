import { describe, expect, it } from "vitest";
import { assembleResults } from "../../../stacks/analysis/results-file";
import { bundledPriceTable } from "../../../stacks/prices/bundled";
import { renderMarkdown } from "../../../stacks/rendering/markdown";
import { poolsFromDocuments } from "../../../stacks/sources/files";
import { scenarioDocuments } from "../fixtures/documents";

describe("results.json's prices", () => {
  // An instance type is a document's word: looked up on a plain object, "constructor" found Object itself.
  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])("an instance type named %s has no price, not a function", (instanceType) => {
    const { x86, arm } = scenarioDocuments();
    const results = assembleResults({
      manifest: { source: "files", region: "us-east-1", imageDigests: {}, pools: [], collectedAt: "2026-11-26T10:00:00Z" },
      pools: poolsFromDocuments([x86, { ...arm, instanceType }]),
      prices: bundledPriceTable("us-east-1"),
    });
    expect(Object.keys(results.prices?.usdPerHour ?? {})).toEqual(["m7i.xlarge"]);
    expect(renderMarkdown(results)).not.toMatch(/native code|function /);
  });
});
