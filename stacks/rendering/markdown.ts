import { instanceTypeOf } from "../analysis/costs";
import { notSampledText } from "../analysis/text";
import type { Analysis, Comparison, PoolNodes, WorkloadRow } from "../analysis/types";
import type { ResultsFile } from "../analysis/results-file";
import { formatNumber, formatPercent, formatRatio, formatUsd } from "../shared/number-format";
import { escapeMarkdown as md, escapeOptional as mdOpt } from "./markdown-escape";
import { markdownTable } from "./markdown-table";

/**
 * report.md: manifest, prices, tables and the verdict, from a results file. Pure. Every string that comes
 * from a document or a stored results.json goes through md() (./markdown-escape.ts): only this file's own
 * text carries markup.
 */

export function verdictWord(c: Comparison | undefined, better: string, worse: string): string {
  if (!c) return "—";
  return c.verdict === "better" ? better : c.verdict === "worse" ? worse : "*inconclusive*";
}

export function ratioCell(c: Comparison | undefined, level: number): string {
  return c ? formatRatio(c, level) : "—";
}

function title(results: ResultsFile): string {
  const m = results.manifest;
  const what = m.source === "cluster" ? `stack ${m.stack ?? "?"}` : "local files";
  return `# archbench report — ${md(what)}${m.runId ? `, run ${md(m.runId)}` : ""}`;
}

function manifestSection(results: ResultsFile): string {
  const m = results.manifest;
  const nodes = results.pools.flatMap((p) => p.documents.map((d) => d.node)).filter((n) => n !== undefined);
  const distinct = (values: Array<string | undefined>): string | undefined => {
    const set = [...new Set(values.filter((v): v is string => v !== undefined))];
    return set.length > 0 ? set.join(", ") : undefined;
  };
  const rows: Array<[string, string | undefined]> = [
    ["Source", m.source === "cluster" ? `cluster ${m.clusterName ?? "?"} (stack ${m.stack ?? "?"})` : `files: ${(m.inputs ?? []).join(", ")}`],
    ["Region", m.region],
    ["Availability zones", m.availabilityZones?.join(", ")],
    ["Benchmark zone", m.benchmarkZone],
    ["Kubernetes version", m.kubernetesVersion],
    ["Kubelet", distinct(nodes.map((n) => n.kubeletVersion))],
    ["AMI", m.pools.some((p) => p.ami) ? m.pools.filter((p) => p.ami).map((p) => `${p.name}: ${p.ami}`).join(", ") : distinct(nodes.map((n) => n.imageId))],
    ["OS image", distinct(nodes.map((n) => n.osImage))],
    ["Kernel", distinct(nodes.map((n) => n.kernelVersion))],
    ["Run id", m.runId],
    ["Image", m.imageRef],
    ["Image digest amd64", m.imageDigests.amd64],
    ["Image digest arm64", m.imageDigests.arm64],
    ["Instance types", distinct(results.pools.map(instanceTypeOf))],
    ["Baseline pool", results.analysis.baselinePool],
    ["Collected at", m.collectedAt],
  ];
  return ["## Run manifest", "", markdownTable(["field", "value"], rows.map(([k, v]) => [`**${k}**`, mdOpt(v)]))].join("\n");
}

function poolsSection(results: ResultsFile): string {
  const a = results.analysis;
  // One row per benchmark pod (node × trial); a pool without any pod gets one row with its reason.
  const rows = results.pools.flatMap((p) => {
    const cost = a.pools.find((c) => c.pool === p.pool);
    const priceCells = [formatUsd(cost?.usdPerHour), formatUsd(cost?.usdPerVcpuHour)];
    if (p.documents.length === 0) {
      return [[md(p.pool), mdOpt(p.arch), `**${md(p.outcome)}**`, mdOpt(cost?.instanceType), undefined, undefined, undefined, undefined, cost?.nodeVcpus, undefined, undefined, ...priceCells, mdOpt(p.reason)]];
    }
    return p.documents.map((d) => [
      md(p.pool),
      mdOpt(d.document?.arch ?? p.arch),
      d.outcome === "ok" ? "ok" : `**${md(d.outcome)}**`,
      mdOpt(cost?.instanceType),
      mdOpt(d.node?.name ?? d.document?.node),
      mdOpt(d.trial),
      mdOpt(d.node?.zone),
      mdOpt(d.document?.cpuModel),
      cost?.nodeVcpus,
      d.document?.cpus,
      mdOpt(d.node?.kernelVersion),
      ...priceCells,
      // A price note on a pod without results would only add noise next to its reason.
      md([d.reason, d.outcome === "ok" ? cost?.note : undefined, d.documentSource ? `from ${d.documentSource}` : undefined].filter(Boolean).join("; ")),
    ]);
  });
  return [
    "## Pools and nodes",
    "",
    markdownTable(
      ["pool", "arch", "result", "instance type", "node", "trial", "zone", "CPU model", "node vCPUs", "container CPUs", "kernel", "$/hour", "$/vCPU-hour", "notes"],
      rows,
    ),
  ].join("\n");
}

/** One row per pool, its nodes listed: each node's median per workload, and whether it sits far from its peers. */
function nodesSection(a: Analysis): string {
  if (a.nodes.length === 0) return "";
  const keys = [...new Set(a.workloads.filter((r) => r.status === "ok").map((r) => r.key))];
  const nodeLabel = (n: PoolNodes["nodes"][number]): string => {
    const rel = n.relativeToOthers === undefined ? "" : ` ${n.relativeToOthers.toFixed(3)}× its peers`;
    const flag = n.far === true ? " ⚠ **far from its pool's others**" : "";
    return `${md(n.node)}${n.trials.length > 1 ? ` (${n.trials.length} trials)` : ""}${rel}${flag}`;
  };
  return [
    "## Node medians",
    "",
    "Each pool's nodes in the order listed; a cell gives each node's median (over its rounds and trials), separated by \" / \". " +
      "A node is flagged when its mean over workloads sits far from its pool's other nodes (t-test at a 1 % false-alarm rate per run; " +
      "with two pools of two nodes no such test is possible).",
    "",
    markdownTable(
      ["pool", "nodes", ...keys.map((k) => md(k))],
      a.nodes.map((p) => [
        md(p.pool),
        p.nodes.map(nodeLabel).join("; "),
        ...keys.map((k) => {
          const values = p.nodes.map((n) => n.medians[k]);
          return values.some((v) => v !== undefined) ? values.map((v) => (v === undefined ? "—" : formatNumber(v))).join(" / ") : undefined;
        }),
      ]),
    ),
  ].join("\n");
}

function pricesSection(results: ResultsFile): string {
  const p = results.prices;
  const lines = ["## Prices", ""];
  if (!p) {
    lines.push(`No prices: ${md(results.pricesNote ?? "no price table for this run")}. Throughput is reported; cost columns are empty.`);
    return lines.join("\n");
  }
  lines.push(
    `On-demand Linux, ${md(p.region)}, ${md(p.currency)} per hour, as of **${md(p.date)}**. Source: ${md(p.source.replace(/\.$/, ""))}.` +
      (results.pricesNote ? ` ${md(results.pricesNote)}` : ""),
    "",
    markdownTable(
      ["item", "USD/hour"],
      [
        ...Object.entries(p.usdPerHour).map(([type, usd]) => [md(type), formatNumber(usd)]),
        ["EKS control plane (standard support)", formatNumber(p.eksControlPlaneUsdPerHour)],
        ["NAT gateway (+ per-GB processing)", formatNumber(p.natGatewayUsdPerHour)],
      ],
    ),
  );
  const t = results.analysis.testbedCost;
  if (t) {
    lines.push(
      "",
      "What the testbed costs while it runs:",
      "",
      markdownTable(["item", "USD/hour"], [...t.lines.map((l) => [md(l.item), formatNumber(l.usdPerHour)]), ["**total**", `**${formatNumber(t.totalUsdPerHour)}**`]]),
      ...t.notes.map((n) => `\n_${md(n)}._`),
    );
  }
  return lines.join("\n");
}

function workloadRowCells(r: WorkloadRow, level: number): Array<string | undefined> {
  if (r.status === "failed") return [md(r.pool), md(r.arch), "**failed**", "", "", "", "", "", "", "", "", "", mdOpt(r.error)];
  return [
    r.isBaseline ? `${md(r.pool)} (baseline)` : md(r.pool),
    md(r.arch),
    `${formatNumber(r.throughput)} (${r.nodes} node${r.nodes === 1 ? "" : "s"}, n=${r.samples.length})`,
    formatNumber(r.perVcpu),
    r.perCore === undefined ? undefined : formatNumber(r.perCore),
    r.perNode === undefined ? undefined : formatNumber(r.perNode),
    `${formatPercent(r.cv)}${r.stable ? "" : " ⚠ unstable"}`,
    r.isBaseline ? "1 (baseline)" : ratioCell(r.throughputVsBaseline, level),
    r.isBaseline ? "" : verdictWord(r.throughputVsBaseline, "faster", "slower"),
    r.opsPerDollar === undefined ? undefined : formatNumber(r.opsPerDollar),
    formatUsd(r.usdPerMillion),
    r.isBaseline ? (r.opsPerDollar === undefined ? undefined : "1 (baseline)") : ratioCell(r.perDollarVsBaseline, level),
    md(r.notes.join("; ")),
  ];
}

function workloadsSection(a: Analysis): string {
  const level = a.interval.level;
  const pct = `${Math.round(level * 100)}%`;
  const keys = [...new Set(a.workloads.map((r) => r.key))];
  const parts = [
    "## Workloads",
    "",
    `Throughput is the pool's geometric mean over its nodes of each node's mean over rounds (and trials). "vs baseline" is its ratio to ${a.baselinePool === undefined ? "the baseline" : md(a.baselinePool)} ` +
      `with a ${pct} interval that includes the spread between nodes; a verdict is *inconclusive* when the interval includes 1.0. ` +
      `Per vCPU divides by the vCPUs the workload used; per core multiplies that by the type's threads per core ` +
      `(an Intel or pre-7th-generation AMD vCPU is a hyper-thread, so 2; a Graviton or newer AMD vCPU is a whole core, so 1); ` +
      `per node multiplies per vCPU by the node's vCPUs. The work-per-dollar ratio prices the vCPUs the workload used ` +
      `(the node's price split evenly over its vCPUs), i.e. it follows the per-vCPU figure. cv: median over nodes of the spread between a node's rounds.`,
  ];
  for (const key of keys) {
    // Baseline first: the row every other row is read against.
    const rows = a.workloads.filter((r) => r.key === key).sort((x, y) => Number(y.isBaseline) - Number(x.isBaseline));
    const rawUnit = rows[0]?.unit ?? "";
    const unit = md(rawUnit);
    // What one operation is, for the cost columns: "MB/s" → MB, "req/s" → req.
    const per = md(rawUnit.replace(/\/s$/, "")) || "ops";
    parts.push(
      "",
      `### ${md(key)}`,
      "",
      markdownTable(
        ["pool", "arch", `throughput ${unit}`, "per vCPU", "per core", "per node (est.)", "cv", `vs baseline (${pct} CI)`, "verdict", `${per} per $`, `$ per million ${per}`, `work per $ vs baseline (${pct} CI)`, "notes"],
        rows.map((r) => workloadRowCells(r, level)),
      ),
    );
  }
  return parts.join("\n");
}

function httpSection(a: Analysis): string {
  if (a.http.length === 0) return "";
  return [
    "## HTTP round trip",
    "",
    markdownTable(
      ["pool", "arch", "req/s", "p50 ms", "p90 ms", "p99 ms", "errors", "req/s vs baseline", "$ per million requests"],
      a.http.map((h) => [
        md(h.pool),
        md(h.arch),
        formatNumber(h.rps),
        formatNumber(h.p50Ms),
        formatNumber(h.p90Ms),
        formatNumber(h.p99Ms),
        h.errors,
        h.pool === a.baselinePool ? "1 (baseline)" : h.rpsVsBaseline === undefined ? undefined : `${h.rpsVsBaseline.toFixed(2)}× (one run, no CI)`,
        formatUsd(h.usdPerMillionRequests),
      ]),
    ),
  ].join("\n");
}

export function verdictSection(a: Analysis): string {
  const lines = ["## Verdict", ""];
  if (a.verdicts.length === 0) lines.push(md(a.headline));
  for (const v of a.verdicts) lines.push(`- ${md(v.sentence)}`);
  // The run's resolution: the headline interval's half-width, and what the interval could not see.
  const sdd = a.verdicts.map((v) => v.smallestDetectableDifference).filter((d): d is number => d !== undefined);
  if (sdd.length > 0) {
    lines.push("", `**Smallest detectable difference of this run: ±${(Math.max(...sdd) * 100).toFixed(1)} %** (half-width of the headline ratio's ${Math.round(a.interval.level * 100)}% interval; smaller differences cannot be decided by this run).`);
  }
  const unseen = [...new Set(a.verdicts.flatMap((v) => notSampledText(v.notSampled)))];
  for (const u of unseen) lines.push("", `⚠ Not sampled: ${u}.`);
  if (a.unstable.length > 0) lines.push("", `⚠ Unstable workloads (high variation between repetitions; treat their ratios with care): ${md(a.unstable.join("; "))}.`);
  return lines.join("\n");
}

function problemsSection(a: Analysis): string {
  if (a.problems.length === 0) return "";
  return ["## Problems and warnings", "", ...a.problems.map((p) => `- ${md(p)}`)].join("\n");
}

/** Entries of the input folder that were not read: named, so no input is dropped silently. */
function skippedSection(results: ResultsFile): string {
  const skipped = results.manifest.skipped ?? [];
  if (skipped.length === 0) return "";
  return ["## Skipped inputs", "", "Not read (not a readable regular file, or over a limit):", "", ...skipped.map((s) => `- ${md(s.file)}: ${md(s.reason)}`)].join("\n");
}

function methodSection(a: Analysis): string {
  const i = a.interval;
  return [
    "## Method",
    "",
    `Confidence intervals (${Math.round(i.level * 100)}%): ${i.method}. Samples come from interleaved rounds (each round runs every workload once, in a shuffled order); ` +
      `a node's value is its mean log throughput over rounds (and trials), a pool's the mean over its nodes, and the interval's spread comes from the differences between nodes ` +
      `(pooled over both pools and over workloads), with Student's t. The overall verdict is the geometric mean of the workloads' ratios. ` +
      `With one node per pool the spread can only come from trials or rounds, and the interval understates what a second run on other instances would show. ` +
      `Work per dollar splits a node's on-demand price evenly over its vCPUs and charges each workload for the vCPUs it used; ` +
      `the EKS control plane and NAT gateway are fixed costs shared by both architectures and left out of the ratios.`,
  ].join("\n");
}

export function renderMarkdown(results: ResultsFile): string {
  const a = results.analysis;
  const sections = [
    title(results),
    verdictSection(a),
    manifestSection(results),
    poolsSection(results),
    nodesSection(a),
    pricesSection(results),
    workloadsSection(a),
    httpSection(a),
    problemsSection(a),
    skippedSection(results),
    methodSection(a),
  ];
  return `${sections.filter((s) => s !== "").join("\n\n")}\n`;
}
