import type { ResultsFile } from "../analysis/results-file";
import type { ChartBundles } from "./bundles";
import { ratioChartSpec, throughputPoints, perDollarPoints, type ReportChart } from "./charts";
import { formatNumber, formatRatio } from "../shared/number-format";
import { escapeMarkdown as md, escapeOptional as mdOpt } from "./markdown-escape";
import { markdownTable } from "./markdown-table";
import { renderHtml } from "./html";
import { instanceTypeOf } from "../analysis/costs";

/** Two runs side by side (e.g. two kernels, two instance generations, cluster vs laptop). Pure. */

export interface LabelledRun {
  label: string;
  results: ResultsFile;
}

function runFacts(r: ResultsFile): Record<string, string | undefined> {
  const m = r.manifest;
  const nodes = r.pools.flatMap((p) => p.documents.map((d) => d.node)).filter((n) => n !== undefined);
  const distinct = (values: Array<string | undefined>): string | undefined => {
    const set = [...new Set(values.filter((v): v is string => v !== undefined))];
    return set.length > 0 ? set.join(", ") : undefined;
  };
  return {
    Source: m.source === "cluster" ? `stack ${m.stack ?? "?"}` : `files (${(m.inputs ?? []).length})`,
    "Run id": m.runId,
    Region: m.region,
    "Kubernetes version": m.kubernetesVersion,
    Kernel: distinct(nodes.map((n) => n.kernelVersion)),
    AMI: distinct(nodes.map((n) => n.imageId)),
    "Image digest amd64": m.imageDigests.amd64,
    "Image digest arm64": m.imageDigests.arm64,
    "Instance types": distinct(r.pools.map(instanceTypeOf)),
    "Prices as of": r.prices ? `${r.prices.date} (${r.prices.region})` : "no prices",
    "Baseline pool": r.analysis.baselinePool,
    "Collected at": m.collectedAt,
  };
}

export function renderComparisonMarkdown(a: LabelledRun, b: LabelledRun): string {
  const level = a.results.analysis.interval.level;
  // Labels, facts, pools, workloads and sentences come from documents and folder names: escaped (./markdown-escape.ts).
  const la = md(a.label);
  const lb = md(b.label);
  const facts = (r: ResultsFile): Record<string, string | undefined> => Object.fromEntries(Object.entries(runFacts(r)).map(([k, v]) => [k, mdOpt(v)]));
  const factsA = facts(a.results);
  const factsB = facts(b.results);
  const parts = [
    `# archbench comparison — ${la} vs ${lb}`,
    "## Verdicts",
    `- **${la}:** ${md(a.results.analysis.headline)}\n- **${lb}:** ${md(b.results.analysis.headline)}`,
    "## Runs",
    markdownTable(["", la, lb], Object.keys(factsA).map((k) => [`**${k}**`, factsA[k], factsB[k]])),
  ];

  const pools = [...new Set([...a.results.analysis.verdicts, ...b.results.analysis.verdicts].map((v) => v.pool))];
  if (pools.length > 0) {
    const verdictOf = (r: ResultsFile, pool: string) => r.analysis.verdicts.find((v) => v.pool === pool);
    parts.push(
      "## Overall (geometric mean over workloads)",
      markdownTable(
        ["pool", `throughput, ${la}`, `throughput, ${lb}`, `work per $, ${la}`, `work per $, ${lb}`],
        pools.map((pool) => {
          const va = verdictOf(a.results, pool);
          const vb = verdictOf(b.results, pool);
          const f = (c: Parameters<typeof formatRatio>[0] | undefined): string | undefined => (c ? formatRatio(c, level) : undefined);
          return [md(pool), f(va?.throughput), f(vb?.throughput), f(va?.perDollar), f(vb?.perDollar)];
        }),
      ),
    );
  }

  const keys = [...new Set([...a.results.analysis.workloads, ...b.results.analysis.workloads].map((w) => `${w.key}\u0000${w.pool}`))];
  const rows = keys.map((k) => {
    const [key, pool] = k.split("\u0000") as [string, string];
    const wa = a.results.analysis.workloads.find((w) => w.key === key && w.pool === pool && w.status === "ok");
    const wb = b.results.analysis.workloads.find((w) => w.key === key && w.pool === pool && w.status === "ok");
    const ratio = (w: typeof wa): string | undefined => (w?.isBaseline ? "1 (baseline)" : w?.throughputVsBaseline ? formatRatio(w.throughputVsBaseline, level) : undefined);
    const change = wa && wb && wa.unit === wb.unit && wa.throughput > 0 ? `${(wb.throughput / wa.throughput).toFixed(2)}×` : undefined;
    const throughput = (w: typeof wa): string | undefined => (w ? `${formatNumber(w.throughput)} ${md(w.unit)}` : undefined);
    return [md(key), md(pool), ratio(wa), ratio(wb), throughput(wa), throughput(wb), change];
  });
  parts.push(
    "## Workloads",
    `Ratios are to each run's own baseline pool; "${lb} / ${la}" compares the throughput of the same pool name across the runs.`,
    markdownTable(["workload", "pool", `vs baseline, ${la}`, `vs baseline, ${lb}`, `throughput, ${la}`, `throughput, ${lb}`, `${lb} / ${la}`], rows),
  );
  return `${parts.join("\n\n")}\n`;
}

export function comparisonCharts(a: LabelledRun, b: LabelledRun): ReportChart[] {
  const relabel = (run: LabelledRun, points: ReturnType<typeof throughputPoints>) => points.map((p) => ({ ...p, pool: `${p.pool} · ${run.label}` }));
  const throughput = [...relabel(a, throughputPoints(a.results.analysis)), ...relabel(b, throughputPoints(b.results.analysis))];
  const perDollar = [...relabel(a, perDollarPoints(a.results.analysis)), ...relabel(b, perDollarPoints(b.results.analysis))];
  return [
    {
      id: "chart-throughput",
      caption: "Throughput relative to each run's baseline, with its CI.",
      spec: throughput.length > 0 ? ratioChartSpec("Throughput vs baseline, by run", "× baseline", throughput) : null,
    },
    {
      id: "chart-per-dollar",
      caption: "Work per dollar relative to each run's baseline, with its CI.",
      spec: perDollar.length > 0 ? ratioChartSpec("Work per dollar vs baseline, by run", "× baseline (ops per $)", perDollar) : null,
    },
  ];
}

export function renderComparison(a: LabelledRun, b: LabelledRun, bundles: ChartBundles): { markdown: string; html: string } {
  const markdown = renderComparisonMarkdown(a, b);
  return { markdown, html: renderHtml(`archbench comparison — ${a.label} vs ${b.label}`, markdown, comparisonCharts(a, b), bundles, "Runs") };
}
