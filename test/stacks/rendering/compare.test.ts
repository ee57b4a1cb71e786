import { describe, expect, it } from "vitest";
import { bundledPriceTable } from "../../../stacks/prices/bundled";
import { loadChartBundles } from "../../../stacks/rendering/bundles";
import { renderComparison } from "../../../stacks/rendering/compare";
import { assembleResults } from "../../../stacks/analysis/results-file";
import { poolsFromDocuments } from "../../../stacks/sources/files";
import { scenarioDocuments } from "../fixtures/documents";
import { scenarioResults } from "../fixtures/results";

describe("--compare", () => {
  it("sets two runs side by side", () => {
    const a = scenarioResults();
    const { x86, arm } = scenarioDocuments();
    const faster = { ...arm, workloads: arm.workloads.map((w) => (w.status === "ok" ? { ...w, samples: w.samples.map((s) => s * 1.1) } : w)) };
    const b = assembleResults({ ...a, pools: poolsFromDocuments([x86, faster]), prices: bundledPriceTable("us-east-1") });
    const { markdown, html } = renderComparison({ label: "kernel-6.1", results: a }, { label: "kernel-6.12", results: b }, loadChartBundles());
    expect(markdown).toContain("# archbench comparison — kernel-6.1 vs kernel-6.12");
    // The columns hold each pool's throughput (geometric mean over nodes), and say so.
    expect(markdown).toContain("| throughput, kernel-6.1 | throughput, kernel-6.12 |");
    expect(markdown).toMatch(/\| json · 1 thread \| bench-arm \| 1\.20× \(95% CI 1\.\d\d–1\.\d\d\) \| 1\.32× \(95% CI 1\.\d\d–1\.\d\d\) \| 120 ops\/s \| 132 ops\/s \| 1\.10× \|/);
    expect(html).toContain('"pool":"bench-arm · kernel-6.12"');
  });

  it("escapes labels, pools and units from documents and folder names in compare.md", () => {
    const { x86, arm } = scenarioDocuments();
    const evil = { ...arm, pool: "<img src=x>|**p**", workloads: arm.workloads.map((w) => ({ ...w, unit: "`u`/s" })) };
    const pools = poolsFromDocuments([x86, evil]);
    const b = assembleResults({ ...scenarioResults(), pools, prices: bundledPriceTable("us-east-1") });
    const { markdown } = renderComparison({ label: "<b>a</b>", results: scenarioResults() }, { label: "b|c", results: b }, loadChartBundles());
    expect(markdown).toContain("# archbench comparison — \\<b\\>a\\</b\\> vs b\\|c");
    expect(markdown).toContain("\\<img src=x\\>\\|\\*\\*p\\*\\*");
    expect(markdown).not.toMatch(/(^|[^\\])</m);
    for (const table of markdown.split(/\n{2,}/).filter((t) => t.startsWith("|"))) {
      expect(new Set(table.trim().split("\n").map((row) => row.split(/(?<!\\)\|/).length)).size, table).toBe(1);
    }
  });
});
