import { describe, expect, it } from "vitest";
import { loadChartBundles } from "../../../stacks/rendering/bundles";
import { OVERALL_KEY, reportCharts, throughputPoints } from "../../../stacks/rendering/charts";
import { markdownToHtml } from "../../../stacks/rendering/html";
import { renderReport } from "../../../stacks/rendering/report";
import { scenarioResults } from "../fixtures/results";

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
    expect(overall?.ratio).toBeCloseTo(results.analysis.verdicts[0]?.throughput?.estimate ?? NaN, 12);
    expect(overall?.lo).toBeCloseTo(results.analysis.verdicts[0]?.throughput?.ci?.[0] ?? NaN, 12);
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
