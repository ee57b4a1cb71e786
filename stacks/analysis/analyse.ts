import type { PriceTable } from "../prices/price-table";
import { testbedHourlyCost } from "../prices/testbed-cost";
import type { CollectedPool, ManifestPool } from "../sources/collected-pool";
import { instanceTypeOf, opsPerDollar, poolCost, usdPerMillionOps, type PoolCost } from "./costs";
import type { Arch } from "../sources/results-document";
import {
  coefficientOfVariation,
  geometricMean,
  hashSeed,
  median,
  percentileInterval,
  ratioOfMediansReplicates,
  seededRandom,
} from "./bootstrap";

/**
 * Turns collected documents into the answer: per workload and pool, throughput, its ratio to the baseline
 * pool with a bootstrap CI, performance per dollar, cost per million operations, and verdicts. Pure and
 * deterministic (seeded), so a report rebuilt from results.json shows the same numbers.
 */

export const DEFAULT_BOOTSTRAP = { seed: 1, iterations: 4000, level: 0.95 } as const;
/** Above this coefficient of variation a workload is flagged unstable even if its runner said stable. */
export const MAX_STABLE_CV = 0.05;

export interface AnalysisOptions {
  baselinePool?: string;
  seed?: number;
  iterations?: number;
  level?: number;
}

/** A ratio to the baseline: >1 is better (more throughput, more work per dollar). */
export interface Comparison {
  estimate: number;
  /** Bootstrap percentile interval; null when a side has no samples (truncated document). */
  ci: [number, number] | null;
  verdict: "better" | "worse" | "inconclusive";
}

export interface WorkloadRow {
  /** `name · scope`: how workloads are matched across pools. */
  key: string;
  workload: string;
  scope: string;
  unit: string;
  threads: number;
  pool: string;
  arch: Arch;
  instanceType?: string;
  isBaseline: boolean;
  status: "ok" | "failed";
  error?: string;
  samples: number[];
  median: number;
  cv: number;
  stable: boolean;
  /** vCPUs the workload kept busy: its threads, capped at the container's CPUs. */
  cpusUsed: number;
  perVcpu: number;
  /** perVcpu × the node's vCPUs: what a whole node would do (an estimate; vCPU ≠ core on x86). */
  perNode?: number;
  opsPerDollar?: number;
  usdPerMillion?: number;
  throughputVsBaseline?: Comparison;
  perDollarVsBaseline?: Comparison;
  notes: string[];
}

export interface HttpRow {
  pool: string;
  arch: Arch;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  errors: number;
  usdPerMillionRequests?: number;
  /** rps ratio to the baseline; a single measurement, so no interval. */
  rpsVsBaseline?: number;
}

export interface PoolVerdict {
  pool: string;
  arch: Arch;
  instanceType?: string;
  workloadsCompared: number;
  /** Geometric mean over workloads of the throughput ratio, its CI combined replicate by replicate. */
  throughput?: Comparison;
  perDollar?: Comparison;
  sentence: string;
}

export interface TestbedCost {
  lines: Array<{ item: string; usdPerHour: number }>;
  totalUsdPerHour: number;
  notes: string[];
}

export interface Analysis {
  baselinePool?: string;
  bootstrap: { seed: number; iterations: number; level: number; method: string };
  pools: Array<PoolCost & { arch?: Arch; outcome: CollectedPool["outcome"]; cpus?: number; reason?: string }>;
  workloads: WorkloadRow[];
  http: HttpRow[];
  verdicts: PoolVerdict[];
  unstable: string[];
  /** Pools without a usable result, and other reasons the answer is incomplete. */
  problems: string[];
  headline: string;
  testbedCost?: TestbedCost;
}

function scopeOf(threads: number, cpus: number): string {
  if (threads === 1) return "1 thread";
  if (threads >= cpus) return "all CPUs";
  return `${threads} threads`;
}

export function compare(replicates: Float64Array | null, estimate: number, level: number): Comparison {
  const ci = replicates ? percentileInterval(replicates, level) : null;
  const verdict = ci === null ? "inconclusive" : ci[0] > 1 ? "better" : ci[1] < 1 ? "worse" : "inconclusive";
  return { estimate, ci, verdict };
}

function scale(c: Comparison, factor: number, replicates: Float64Array | null, level: number): Comparison {
  return compare(replicates ? replicates.map((r) => r * factor) : null, c.estimate * factor, level);
}

/** Default baseline: the first amd64 pool, as DESIGN.md's config contract says. */
export function defaultBaseline(pools: readonly CollectedPool[]): string | undefined {
  return (pools.find((p) => (p.document?.arch ?? p.arch) === "amd64") ?? pools[0])?.pool;
}

export function analyse(
  pools: readonly CollectedPool[],
  prices: PriceTable | undefined,
  options: AnalysisOptions = {},
  manifestPools: readonly ManifestPool[] = [],
  natGateway?: "none" | "single",
): Analysis {
  const seed = options.seed ?? DEFAULT_BOOTSTRAP.seed;
  const iterations = options.iterations ?? DEFAULT_BOOTSTRAP.iterations;
  const level = options.level ?? DEFAULT_BOOTSTRAP.level;
  const problems: string[] = [];

  const baselinePool = options.baselinePool ?? defaultBaseline(pools);
  const usable = pools.filter((p): p is CollectedPool & { document: NonNullable<CollectedPool["document"]> } => p.outcome === "ok" && p.document !== undefined);
  for (const p of pools) {
    if (p.outcome !== "ok") problems.push(`${p.pool}: ${p.outcome}${p.reason ? ` — ${p.reason}` : ""}`);
    for (const w of p.warnings) problems.push(`${p.pool}: ${w}`);
  }
  const baseline = usable.find((p) => p.pool === baselinePool);
  if (baselinePool === undefined) problems.push("no pools: nothing to compare");
  else if (!pools.some((p) => p.pool === baselinePool)) problems.push(`baseline pool "${baselinePool}" is not among the pools (${pools.map((p) => p.pool).join(", ")})`);
  else if (!baseline) problems.push(`baseline pool "${baselinePool}" has no usable result: no ratios can be computed`);

  const costs = new Map(pools.map((p) => [p.pool, poolCost(p, prices)]));

  // One row per pool × workload; replicates kept aside for the overall verdict.
  const rows: WorkloadRow[] = [];
  const samplesByRow = new Map<WorkloadRow, number[]>();
  for (const p of usable) {
    const cost = costs.get(p.pool);
    const seen = new Set<string>();
    for (const w of p.document.workloads) {
      const scope = scopeOf(w.threads, p.document.cpus);
      const key = `${w.name} · ${scope}`;
      if (seen.has(key)) {
        problems.push(`${p.pool}: workload "${key}" appears twice; the first is used`);
        continue;
      }
      seen.add(key);
      const cpusUsed = Math.min(w.threads, p.document.cpus);
      const base = {
        key,
        workload: w.name,
        scope,
        unit: w.unit,
        threads: w.threads,
        pool: p.pool,
        arch: p.document.arch,
        ...(instanceTypeOf(p) !== undefined && { instanceType: instanceTypeOf(p) }),
        isBaseline: p.pool === baselinePool,
        cpusUsed,
        notes: [] as string[],
      };
      if (w.status === "failed") {
        rows.push({ ...base, status: "failed", error: w.error, samples: [], median: 0, cv: 0, stable: false, perVcpu: 0 });
        problems.push(`${p.pool}: workload "${key}" failed — ${w.error}`);
        continue;
      }
      const samples = [...w.samples];
      if (samples.length === 0) base.notes.push("no samples (truncated document): no confidence interval");
      const med = samples.length > 0 ? median(samples) : w.median;
      const cv = samples.length > 1 ? coefficientOfVariation(samples) : w.cv;
      const stable = w.stable && cv <= MAX_STABLE_CV;
      const row: WorkloadRow = { ...base, status: "ok", samples, median: med, cv, stable, perVcpu: med / cpusUsed };
      if (cost?.nodeVcpus !== undefined) row.perNode = row.perVcpu * cost.nodeVcpus;
      if (cost?.usdPerVcpuHour !== undefined) {
        row.opsPerDollar = opsPerDollar(med, cpusUsed, cost.usdPerVcpuHour);
        const usd = usdPerMillionOps(med, cpusUsed, cost.usdPerVcpuHour);
        if (usd !== undefined) row.usdPerMillion = usd;
      }
      rows.push(row);
      samplesByRow.set(row, samples);
    }
  }

  // Ratios to the baseline, and the per-workload replicates that feed each pool's overall verdict.
  const replicatesByPool = new Map<string, Array<{ throughput: Float64Array | null; perDollarFactor?: number; row: WorkloadRow }>>();
  const baselineRows = new Map(rows.filter((r) => r.isBaseline && r.status === "ok").map((r) => [r.key, r]));
  for (const row of rows) {
    if (row.isBaseline || row.status !== "ok" || !baseline) continue;
    const ref = baselineRows.get(row.key);
    if (!ref) {
      row.notes.push(`baseline ${baseline.pool} has no successful "${row.key}": no ratio`);
      continue;
    }
    if (ref.unit !== row.unit) {
      row.notes.push(`unit ${row.unit} differs from the baseline's ${ref.unit}: no ratio`);
      continue;
    }
    if (ref.cpusUsed !== row.cpusUsed) row.notes.push(`ran on ${row.cpusUsed} CPUs vs the baseline's ${ref.cpusUsed}: compare per vCPU or per dollar`);
    const candSamples = samplesByRow.get(row) ?? [];
    const refSamples = samplesByRow.get(ref) ?? [];
    const replicates =
      candSamples.length > 0 && refSamples.length > 0
        ? ratioOfMediansReplicates(candSamples, refSamples, iterations, seededRandom(hashSeed(seed, `${row.pool}|${row.key}`)))
        : null;
    if (ref.median <= 0) {
      row.notes.push("baseline median is 0: no ratio");
      continue;
    }
    row.throughputVsBaseline = compare(replicates, row.median / ref.median, level);
    const candCost = costs.get(row.pool)?.usdPerVcpuHour;
    const refCost = costs.get(ref.pool)?.usdPerVcpuHour;
    let perDollarFactor: number | undefined;
    if (candCost !== undefined && refCost !== undefined) {
      perDollarFactor = (refCost * ref.cpusUsed) / (candCost * row.cpusUsed);
      row.perDollarVsBaseline = scale(row.throughputVsBaseline, perDollarFactor, replicates, level);
    }
    const list = replicatesByPool.get(row.pool) ?? [];
    list.push({ throughput: replicates, row, ...(perDollarFactor !== undefined && { perDollarFactor }) });
    replicatesByPool.set(row.pool, list);
  }

  const verdicts: PoolVerdict[] = [];
  for (const p of usable) {
    if (p.pool === baselinePool || !baseline) continue;
    const entries = replicatesByPool.get(p.pool) ?? [];
    const cost = costs.get(p.pool);
    const verdict: PoolVerdict = {
      pool: p.pool,
      arch: p.document.arch,
      ...(cost?.instanceType !== undefined && { instanceType: cost.instanceType }),
      workloadsCompared: entries.length,
      sentence: "",
    };
    if (entries.length > 0) {
      verdict.throughput = combine(entries.map((e) => ({ estimate: (e.row.throughputVsBaseline as Comparison).estimate, replicates: e.throughput })), iterations, level);
      if (entries.every((e) => e.perDollarFactor !== undefined)) {
        verdict.perDollar = combine(
          entries.map((e) => ({
            estimate: (e.row.throughputVsBaseline as Comparison).estimate * (e.perDollarFactor as number),
            replicates: e.throughput ? e.throughput.map((r) => r * (e.perDollarFactor as number)) : null,
          })),
          iterations,
          level,
        );
      }
    }
    verdict.sentence = verdictSentence(verdict, baseline.pool, costs.get(baseline.pool)?.instanceType, level);
    verdicts.push(verdict);
  }

  const http: HttpRow[] = [];
  const baseHttp = baseline?.document.http ?? null;
  for (const p of usable) {
    const h = p.document.http;
    if (!h) continue;
    const cost = costs.get(p.pool);
    const row: HttpRow = { pool: p.pool, arch: p.document.arch, ...h };
    if (cost?.usdPerVcpuHour !== undefined) {
      const usd = usdPerMillionOps(h.rps, p.document.cpus, cost.usdPerVcpuHour);
      if (usd !== undefined) row.usdPerMillionRequests = usd;
    }
    if (baseHttp && baseHttp.rps > 0) row.rpsVsBaseline = h.rps / baseHttp.rps;
    http.push(row);
  }

  const unstable = [...new Set(rows.filter((r) => r.status === "ok" && !r.stable).map((r) => `${r.pool}: ${r.key} (cv ${(r.cv * 100).toFixed(1)}%)`))];
  // Only a deployed stack knows its node counts; offline documents do not, so no testbed total for them.
  const testbedCost = prices && manifestPools.some((p) => p.nodes !== undefined) ? testbedCostOf(manifestPools, prices, natGateway) : undefined;

  return {
    ...(baselinePool !== undefined && { baselinePool }),
    bootstrap: { seed, iterations, level, method: "percentile bootstrap of the ratio of medians, both sides resampled" },
    pools: pools.map((p) => {
      const cost = costs.get(p.pool) as PoolCost;
      const arch = p.document?.arch ?? p.arch;
      return {
        ...cost,
        outcome: p.outcome,
        ...(arch !== undefined && { arch }),
        ...(p.document && { cpus: p.document.cpus }),
        ...(p.reason !== undefined && { reason: p.reason }),
      };
    }),
    workloads: rows,
    http,
    verdicts,
    unstable,
    problems,
    headline: headlineOf(verdicts, baselinePool, problems),
    ...(testbedCost && { testbedCost }),
  };
}

/** Geometric mean of ratios over workloads; the CI combines the workloads' replicates index by index. */
function combine(entries: Array<{ estimate: number; replicates: Float64Array | null }>, iterations: number, level: number): Comparison {
  const estimate = geometricMean(entries.map((e) => e.estimate));
  if (entries.some((e) => e.replicates === null)) return compare(null, estimate, level);
  const combined = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) combined[i] = geometricMean(entries.map((e) => (e.replicates as Float64Array)[i] as number));
  return compare(combined, estimate, level);
}

/** "1.23× (95% CI 1.18–1.29)": how every ratio is written in the report. */
export function formatRatio(c: Comparison, level: number = DEFAULT_BOOTSTRAP.level): string {
  const ci = c.ci ? ` (${Math.round(level * 100)}% CI ${c.ci[0].toFixed(2)}–${c.ci[1].toFixed(2)})` : " (no CI)";
  return `${c.estimate.toFixed(2)}×${ci}`;
}

function verdictSentence(v: PoolVerdict, baselinePool: string, baselineType: string | undefined, level: number): string {
  const who = `${v.pool} (${v.arch}${v.instanceType ? `, ${v.instanceType}` : ""})`;
  const vs = `${baselinePool}${baselineType ? ` (${baselineType})` : ""}`;
  if (!v.throughput) return `${who} vs ${vs}: no workload could be compared.`;
  const pct = `${Math.round(level * 100)}%`;
  const words = (c: Comparison, better: string, worse: string): string =>
    c.verdict === "inconclusive" ? `inconclusive (the ${pct} CI includes 1.0${c.ci ? "" : ", or is missing"})` : c.verdict === "better" ? better : worse;
  const fmt = (c: Comparison): string => formatRatio(c, level);
  const speed = `${fmt(v.throughput)} the throughput — ${words(v.throughput, "faster", "slower")}`;
  const money = v.perDollar ? `; ${fmt(v.perDollar)} the work per dollar — ${words(v.perDollar, "cheaper", "dearer")}` : "; no price, so no cost verdict";
  return `${who} vs ${vs}, geometric mean over ${v.workloadsCompared} workload(s): ${speed}${money}.`;
}

function headlineOf(verdicts: PoolVerdict[], baselinePool: string | undefined, problems: string[]): string {
  if (verdicts.length === 0) return `No comparison: ${problems[0] ?? `only the baseline ${baselinePool ?? ""} has results`}.`;
  return verdicts.map((v) => v.sentence).join(" ");
}

function testbedCostOf(pools: readonly ManifestPool[], prices: PriceTable, natGateway: "none" | "single" | undefined): TestbedCost {
  const hourly = testbedHourlyCost(pools, natGateway, prices);
  const lines: TestbedCost["lines"] = [];
  const notes: string[] = [];
  for (const l of hourly.lines) {
    const item = l.kind === "pool" ? l.what.replace(": ", `: ${l.count} × `) : l.what;
    if (l.usdPerHour === undefined) notes.push(l.note ?? `${l.what}: no price`);
    else lines.push({ item, usdPerHour: l.usdPerHour });
  }
  if (natGateway === undefined) notes.push("NAT gateway assumes the default network.natGateway: single");
  notes.push("data transfer is not included");
  return { lines, totalUsdPerHour: hourly.usdPerHour, notes };
}
