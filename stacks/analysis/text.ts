import { formatRatio } from "../shared/number-format";
import type { NotSampled } from "../method";
import type { Comparison, PoolVerdict, WorkloadRow } from "./types";

/** The analysis's English: sentences built from numbers the phases computed, nothing computed here. */

/** What the interval could not see, in words a reader acts on. */
export function notSampledText(notSampled: readonly NotSampled[] | undefined): string[] {
  return (notSampled ?? []).map((n) =>
    n === "nodes"
      ? "one node per pool: instance-to-instance variation was not sampled; the interval understates it (use nodes: 2 or more per benchmark pool)"
      : "one trial: time variation was not sampled (npm run benchmark -- --trials 2 samples it)",
  );
}

export function verdictSentence(v: PoolVerdict, baselinePool: string, baselineType: string | undefined, level: number, problem?: string): string {
  const who = `${v.pool} (${v.arch}${v.instanceType ? `, ${v.instanceType}` : ""})`;
  const vs = `${baselinePool}${baselineType ? ` (${baselineType})` : ""}`;
  if (!v.throughput) return `${who} vs ${vs}: no workload could be compared${problem ? ` (${problem})` : ""}.`;
  const pct = `${Math.round(level * 100)}%`;
  const words = (c: Comparison, better: string, worse: string): string =>
    c.verdict === "inconclusive" ? `inconclusive (the ${pct} CI includes 1.0${c.ci ? "" : ", or is missing"})` : c.verdict === "better" ? better : worse;
  const fmt = (c: Comparison): string => formatRatio(c, level);
  const speed = `${fmt(v.throughput)} the throughput — ${words(v.throughput, "faster", "slower")}`;
  const money = v.perDollar ? `; ${fmt(v.perDollar)} the work per dollar — ${words(v.perDollar, "cheaper", "dearer")}` : "; no price, so no cost verdict";
  const sdd = v.smallestDetectableDifference === undefined ? "" : ` Smallest detectable difference: ±${(v.smallestDetectableDifference * 100).toFixed(1)} %.`;
  return `${who} vs ${vs}, geometric mean over ${v.workloadsCompared} workload(s): ${speed}${money}.${sdd}`;
}

export function headline(verdicts: readonly PoolVerdict[], baselinePool: string | undefined, problems: readonly string[], onlyBaselineUsable = false): string {
  if (verdicts.length === 0 && onlyBaselineUsable && baselinePool !== undefined) {
    return `No comparison: only pool ${baselinePool} has results (documents are grouped by their "pool"; give runs to compare different names, e.g. npm run bench:local -- --pool <name>).`;
  }
  if (verdicts.length === 0) return `No comparison: ${problems[0] ?? `only the baseline ${baselinePool ?? ""} has results`}.`;
  return verdicts.map((v) => v.sentence).join(" ");
}

/** "pool: key (cv 6.1%)" for every ok row the runner or the analysis flagged unstable, once each. */
export function unstableWorkloads(rows: readonly WorkloadRow[]): string[] {
  return [...new Set(rows.filter((r) => r.status === "ok" && !r.stable).map((r) => `${r.pool}: ${r.key} (cv ${(r.cv * 100).toFixed(1)}%)`))];
}
