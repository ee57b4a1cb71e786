import { randomInt } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { readAllocatedCpus } from "../system/cgroup-cpus.js";
import { detectCpuModel } from "../system/cpu-model.js";
import { compactDocument } from "./compact.js";
import { buildDocument } from "./document.js";
import { OptionError, parseBenchOptions, USAGE } from "./options.js";
import { resolveArch, resolveThreadModes } from "./plan.js";
import { renderTable } from "./report-table.js";
import { expectedRunSeconds, type ProgressEvent, runSuite } from "./runner.js";
import { MAX_SEED } from "./schedule.js";
import { workerMeasurer } from "./worker-measurer.js";
import { WORKLOADS } from "./workloads/index.js";

/**
 * The benchmark Job's command (`node dist/bench/cli.js`) and `npm run bench:local`.
 * stdout: the results document as its last line. stderr: plan, progress and a table.
 */
async function main(argv: string[]): Promise<number> {
  const say = (text: string) => process.stderr.write(`${text}\n`);
  let setup;
  try {
    const options = parseBenchOptions(argv, process.env);
    if (options.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const allocated = readAllocatedCpus();
    setup = { options, allocated, arch: resolveArch(options.arch, process.arch), threadModes: resolveThreadModes(options.threads, allocated.cpus) };
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    say(`archbench bench: ${error.message}`);
    return 2;
  }
  const { options, allocated, arch, threadModes } = setup;
  const plan = {
    workloads: options.workloads,
    threadModes,
    durationSeconds: options.durationSeconds,
    repetitions: options.repetitions,
    // Drawn when not given, and recorded: any run's order can be replayed with --seed.
    seed: options.seed ?? randomInt(MAX_SEED + 1),
    warmupSeconds: options.warmupSeconds,
    cvThreshold: options.cvThreshold,
    units: Object.fromEntries(Object.entries(WORKLOADS).map(([name, w]) => [name, w.unit])),
  };
  const cpuModel = detectCpuModel();
  const node = options.nodeName ?? hostname();
  const expected = expectedRunSeconds(plan);

  say(`archbench bench: ${arch} ${cpuModel || "(unknown CPU)"}, ${allocated.cpus} CPU(s) allocated (${allocated.source}), Node ${process.version}`);
  say(`  pool ${options.pool}, run ${options.runId}, node ${node}${options.podName ? `, pod ${options.podNamespace ?? ""}/${options.podName}` : ""}`);
  say(
    `  ${plan.workloads.length} workloads x threads [${threadModes.join(", ")}] x (warm-up ${plan.warmupSeconds} s + ${plan.repetitions} rounds x ${plan.durationSeconds} s)` +
      ` = expected run time ${formatDuration(expected)} (plus set-up)`,
  );
  say(`  interleaved rounds: warm-ups first, then each round runs every pair once in a shuffled order; seed ${plan.seed} (replay the order with --seed ${plan.seed})`);
  // Every pair keeps its own warmed-up threads between rounds: memory grows with this count.
  say(`  ${plan.workloads.length * threadModes.reduce((sum, t) => sum + t, 0)} worker threads stay up for the whole run (one set per pair)`);
  if (plan.repetitions < 5) say(`  note: ${plan.repetitions} rounds; use 5 or more for a trustworthy confidence interval`);

  const startedAt = new Date();
  const suite = await runSuite(plan, workerMeasurer, (event) => say(progressLine(event)));
  const doc = buildDocument(
    {
      runId: options.runId,
      pool: options.pool,
      arch,
      instanceType: options.instanceType,
      node,
      cpuModel,
      cpus: allocated.cpus,
      nodeVersion: process.version,
      image: options.image,
      startedAt,
      durationSeconds: plan.durationSeconds,
      repetitions: plan.repetitions,
    },
    suite,
  );

  say(`\n${renderTable(doc)}\n\ntook ${formatDuration((Date.now() - startedAt.getTime()) / 1000)} (expected ${formatDuration(expected)} + set-up)`);
  const json = JSON.stringify(doc);
  if (options.out) writeFileSync(options.out, `${json}\n`);
  // Only inside Kubernetes (the kubelet creates the file); never create it elsewhere.
  if (existsSync(options.terminationLogPath)) writeFileSync(options.terminationLogPath, compactDocument(doc));
  process.stdout.write(`${json}\n`);
  return suite.workloads.some((w) => w.status === "ok") ? 0 : 1;
}

function progressLine(event: ProgressEvent): string {
  switch (event.type) {
    case "warmup":
      return `[warm-up ${event.index}/${event.total}] ${event.workload} x${event.threads} (discarded)`;
    case "round":
      return `round ${event.round} of ${event.rounds}`;
    case "sample":
      return `  ${event.workload} x${event.threads}: ${event.throughput.toPrecision(4)}${event.cpuShare === undefined ? "" : ` (CPU share ${percent(event.cpuShare)})`}`;
    case "done": {
      const pair = `${event.result.name} x${event.result.threads}`;
      if (event.result.status !== "ok") return `${pair}: FAILED: ${event.result.error}`;
      const { median, unit, cv, stable } = event.result;
      const starved =
        event.cpuShare !== undefined && event.cpuShare < LOW_CPU_SHARE
          ? `\n  warning: each thread got only ${percent(event.cpuShare)} of a CPU (other load or CFS throttling): figures understate this CPU`
          : "";
      return `${pair}: median ${median.toPrecision(4)} ${unit}, CV ${percent(cv)}${stable ? "" : " (UNSTABLE)"}${starved}`;
    }
  }
}

/** Below this, threads were not running most of the time: the machine was shared or throttled. */
const LOW_CPU_SHARE = 0.9;

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${seconds < 10 ? seconds.toFixed(1) : s} s`;
}

process.exitCode = await main(process.argv.slice(2));
