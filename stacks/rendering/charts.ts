import type { Analysis, Comparison } from "../analysis/types";

/**
 * Vega-Lite specs for report.html. Pure: data comes from the analysis, so the charts show exactly the
 * numbers in the tables. One row per workload (facet), one bar per pool, CI as an error rule, 1.0 marked.
 */

export interface ChartPoint {
  key: string;
  pool: string;
  arch: string;
  ratio: number;
  lo: number;
  hi: number;
  verdict: string;
}

export type VegaLiteSpec = Record<string, unknown>;

const point = (key: string, pool: string, arch: string, c: Comparison): ChartPoint => ({
  key,
  pool,
  arch,
  ratio: c.estimate,
  lo: c.ci?.[0] ?? c.estimate,
  hi: c.ci?.[1] ?? c.estimate,
  verdict: c.verdict,
});

const baselinePoint = (key: string, pool: string, arch: string): ChartPoint => ({ key, pool, arch, ratio: 1, lo: 1, hi: 1, verdict: "baseline" });

export const OVERALL_KEY = "overall (geometric mean)";

/** Throughput relative to the baseline: per workload, plus the overall geometric mean. */
export function throughputPoints(a: Analysis): ChartPoint[] {
  const points: ChartPoint[] = [];
  for (const r of a.workloads) {
    if (r.status !== "ok") continue;
    if (r.isBaseline) points.push(baselinePoint(r.key, r.pool, r.arch));
    else if (r.throughputVsBaseline) points.push(point(r.key, r.pool, r.arch, r.throughputVsBaseline));
  }
  for (const v of a.verdicts) if (v.throughput) points.push(point(OVERALL_KEY, v.pool, v.arch, v.throughput));
  return points;
}

/** Work per dollar relative to the baseline, same layout. */
export function perDollarPoints(a: Analysis): ChartPoint[] {
  const points: ChartPoint[] = [];
  for (const r of a.workloads) {
    if (r.status !== "ok") continue;
    if (r.isBaseline && r.opsPerDollar !== undefined) points.push(baselinePoint(r.key, r.pool, r.arch));
    else if (r.perDollarVsBaseline) points.push(point(r.key, r.pool, r.arch, r.perDollarVsBaseline));
  }
  for (const v of a.verdicts) if (v.perDollar) points.push(point(OVERALL_KEY, v.pool, v.arch, v.perDollar));
  return points;
}

export function ratioChartSpec(title: string, axisTitle: string, points: ChartPoint[]): VegaLiteSpec {
  const tooltip = [
    { field: "key", title: "workload" },
    { field: "pool" },
    { field: "ratio", format: ".3f" },
    { field: "lo", title: "CI low", format: ".3f" },
    { field: "hi", title: "CI high", format: ".3f" },
    { field: "verdict" },
  ];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    data: { values: points },
    facet: { row: { field: "key", type: "nominal", title: null, sort: null, header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold" } } },
    spec: {
      width: 480,
      layer: [
        {
          mark: { type: "bar", height: { band: 0.7 } },
          encoding: {
            y: { field: "pool", type: "nominal", title: null },
            x: { field: "ratio", type: "quantitative", title: axisTitle, scale: { zero: true } },
            color: { field: "arch", type: "nominal", scale: { domain: ["amd64", "arm64"], range: ["#4c78a8", "#f58518"] } },
            tooltip,
          },
        },
        {
          mark: { type: "rule", strokeWidth: 2, color: "black" },
          encoding: { y: { field: "pool", type: "nominal" }, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" } },
        },
        { mark: { type: "rule", strokeDash: [4, 4], color: "#666" }, encoding: { x: { datum: 1 } } },
      ],
    },
    resolve: { scale: { y: "independent" } },
    config: { view: { stroke: null } },
  };
}

export interface ReportChart {
  id: string;
  caption: string;
  spec: VegaLiteSpec | null;
}

export function reportCharts(a: Analysis): ReportChart[] {
  const pct = `${Math.round(a.interval.level * 100)}%`;
  const base = a.baselinePool ?? "baseline";
  const throughput = throughputPoints(a);
  const perDollar = perDollarPoints(a);
  return [
    {
      id: "chart-throughput",
      caption: `Throughput relative to ${base} per workload and pool, with ${pct} CI (right of the dashed line is faster).`,
      spec: throughput.length > 0 ? ratioChartSpec(`Throughput vs ${base}`, `× ${base} (median ratio)`, throughput) : null,
    },
    {
      id: "chart-per-dollar",
      caption: `Work per dollar relative to ${base} per workload and pool, with ${pct} CI (right of the dashed line is cheaper per unit of work).`,
      spec: perDollar.length > 0 ? ratioChartSpec(`Work per dollar vs ${base}`, `× ${base} (ops per $)`, perDollar) : null,
    },
  ];
}
