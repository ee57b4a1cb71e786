import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundledPriceTable } from "../../../stacks/prices/bundled";
import { loadChartBundles } from "../../../stacks/rendering/bundles";
import { OVERALL_KEY, reportCharts, throughputPoints } from "../../../stacks/rendering/charts";
import { renderComparison } from "../../../stacks/rendering/compare";
import { formatNumber, formatRatio } from "../../../stacks/shared/number-format";
import { markdownToHtml } from "../../../stacks/rendering/html";
import { loadInput } from "../../../stacks/sources/files";
import { renderMarkdown } from "../../../stacks/rendering/markdown";
import { resultsFromInput } from "../../../stacks/pipeline/results-pipeline";
import { renderReport } from "../../../stacks/rendering/report";
import { assembleResults } from "../../../stacks/analysis/results-file";
import type { ResultsFile } from "../../../stacks/analysis/results-file";
import { scenarioDocuments } from "../fixtures/documents";

const scratch = mkdtempSync(join(tmpdir(), "archbench-report-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scenarioResults(): ResultsFile {
  const { x86, arm } = scenarioDocuments();
  return assembleResults({
    manifest: {
      source: "cluster",
      stack: "dev",
      region: "us-east-1",
      runId: "7",
      imageDigests: { amd64: "sha256:aaa", arm64: "sha256:bbb" },
      pools: [
        { name: "bench-x86", arch: "amd64", instanceType: "m7i.xlarge", nodes: 1, role: "benchmark" },
        { name: "bench-arm", arch: "arm64", instanceType: "m7g.xlarge", nodes: 1, role: "benchmark" },
      ],
      collectedAt: "2026-11-26T10:00:00Z",
    },
    pools: [x86, arm].map((document) => ({ pool: document.pool, arch: document.arch, instanceType: document.instanceType as string, outcome: "ok" as const, document, warnings: [] })),
    prices: bundledPriceTable("us-east-1"),
    generatedAt: "2026-11-26T10:00:00Z",
  });
}

describe("report.md", () => {
  const results = scenarioResults();
  const md = renderMarkdown(results);
  const a = results.analysis;

  it("shows every workload row's numbers as the analysis computed them", () => {
    for (const r of a.workloads) {
      const line = md.split("\n").find((l) => l.startsWith(`| ${r.isBaseline ? `${r.pool} (baseline)` : r.pool} |`) && l.includes(`${formatNumber(r.median)} (n=${r.samples.length})`));
      expect(line, `${r.pool} ${r.key}`).toBeDefined();
      if (r.throughputVsBaseline) expect(line).toContain(formatRatio(r.throughputVsBaseline, results.analysis.bootstrap.level));
      if (r.perDollarVsBaseline) expect(line).toContain(formatRatio(r.perDollarVsBaseline, results.analysis.bootstrap.level));
      expect(line).toContain(`$${formatNumber(r.usdPerMillion as number)}`);
    }
    // And the hand-computed figures themselves (see analysis.test.ts).
    expect(md).toContain("| bench-arm | arm64 | 120 (n=5) | 120 | 480 | 0.0% | 1.20× (95% CI 1.20–1.20) | faster | 10,588,235 | $0.09444 | 1.48× (95% CI 1.48–1.48) | — |");
    expect(md).toContain("| 1.00× (95% CI 0.90–1.10) | *inconclusive* |");
  });

  it("leads with the verdict and lists the manifest, prices with their date, and unstable workloads", () => {
    expect(md.split("\n").slice(0, 5).join("\n")).toContain(`- ${a.verdicts[0]?.sentence ?? "?"}`);
    expect(md).toContain("| **Image digest arm64** | sha256:bbb |");
    expect(md).toContain("as of **2026-07-20**");
    expect(md).toContain("| m7g.xlarge | 0.1632 |");
    expect(md).toContain("| EKS control plane (standard support) | 0.1 |");
    expect(md).toContain("⚠ Unstable workloads");
    expect(md).toContain("| **total** | **0.5098** |"); // 0.2016 + 0.1632 + 0.10 EKS + 0.045 NAT
  });
});

describe("report.html", () => {
  const results = scenarioResults();
  const { html } = renderReport(results);

  it("inlines the chart libraries: no external scripts, opens offline", () => {
    const bundles = loadChartBundles();
    expect(html).toContain(bundles.vega.slice(0, 200));
    expect(html).toContain(bundles.vegaLite.slice(-200));
    expect(html).toContain(bundles.vegaEmbed.slice(0, 200));
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href="?https?:/);
  });

  it("charts carry the analysis' ratios and intervals", () => {
    const specs = JSON.parse(/<script id="chart-specs" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? "{}") as Record<string, { data: { values: unknown[] } }>;
    expect(Object.keys(specs)).toEqual(["chart-throughput", "chart-per-dollar"]);
    expect(specs["chart-throughput"]?.data.values).toEqual(throughputPoints(results.analysis));
    const overall = throughputPoints(results.analysis).find((p) => p.key === OVERALL_KEY);
    expect(overall?.ratio).toBeCloseTo(Math.sqrt(1.2), 12);
    expect(overall?.lo).toBeCloseTo(Math.sqrt(1.08), 12);
  });

  it("has no chart when nothing could be compared, and says so", () => {
    const charts = reportCharts({ ...results.analysis, workloads: [], verdicts: [] });
    expect(charts.every((c) => c.spec === null)).toBe(true);
  });

  it("converts the Markdown subset it writes", () => {
    expect(markdownToHtml("## A <b>\n\n| x | y |\n| --- | --- |\n| 1 \\| 2 | **3** |\n\n- *inconclusive* <i>")).toBe(
      "<h2>A &lt;b&gt;</h2>\n<table>\n<thead><tr><th>x</th><th>y</th></tr></thead>\n<tbody>\n<tr><td>1 | 2</td><td><strong>3</strong></td></tr>\n</tbody>\n</table>\n<ul>\n<li><em>inconclusive</em> &lt;i&gt;</li>\n</ul>",
    );
  });
});

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
    expect(results.analysis.verdicts[0]?.throughput?.estimate).toBeCloseTo(Math.sqrt(1.2), 12);
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
    expect(() => loadInput(file)).toThrow(/v0\/results\.json: not a results\.json this version can read \(resultsFileVersion 1\): resultsFileVersion: /);
  });
});

describe("--compare", () => {
  it("sets two runs side by side", () => {
    const a = scenarioResults();
    const { x86, arm } = scenarioDocuments();
    const faster = { ...arm, workloads: arm.workloads.map((w) => (w.status === "ok" ? { ...w, samples: w.samples.map((s) => s * 1.1) } : w)) };
    const b = assembleResults({ ...a, pools: [x86, faster].map((document) => ({ pool: document.pool, outcome: "ok" as const, document, warnings: [] })), prices: bundledPriceTable("us-east-1") });
    const { markdown, html } = renderComparison({ label: "kernel-6.1", results: a }, { label: "kernel-6.12", results: b }, loadChartBundles());
    expect(markdown).toContain("# archbench comparison — kernel-6.1 vs kernel-6.12");
    expect(markdown).toContain("| json · 1 thread | bench-arm | 1.20× (95% CI 1.20–1.20) | 1.32× (95% CI 1.32–1.32) | 120 ops/s | 132 ops/s | 1.10× |");
    expect(html).toContain('"pool":"bench-arm · kernel-6.12"');
  });
});
