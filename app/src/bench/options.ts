import { parseArgs } from "node:util";
import { BENCH_DEFAULTS, defaultWarmupSeconds } from "./runner-defaults.js";
import { isWorkloadName, WORKLOAD_NAMES, type WorkloadName } from "./workload-names.js";
import { MAX_SEED } from "./schedule.js";

/** A bad flag or environment variable: the message names it and says how to fix it. Exit code 2. */
export class OptionError extends Error {
  override name = "OptionError";
}

export type ThreadsSpec = { kind: "auto" } | { kind: "list"; counts: ("all" | number)[] };

export interface BenchOptions {
  durationSeconds: number;
  /** Rounds (flag --repetitions, or its alias --rounds). */
  repetitions: number;
  /** Seeds the round order; undefined: the CLI draws one and records it. */
  seed: number | undefined;
  warmupSeconds: number;
  workloads: WorkloadName[];
  threads: ThreadsSpec;
  /** Fraction: 0.05 = a CV above 5 % is unstable. */
  cvThreshold: number;
  pool: string;
  runId: string;
  out: string | undefined;
  terminationLogPath: string;
  help: boolean;
  /** From the Job's environment when present. */
  arch: string | undefined;
  instanceType: string | undefined;
  image: string | undefined;
  nodeName: string | undefined;
  podName: string | undefined;
  podNamespace: string | undefined;
}

export { BENCH_DEFAULTS };

/** Each option: its flag, its environment variable (flags win), and how to read it. */
const OPTIONS = {
  duration: { env: "ARCHBENCH_DURATION_SECONDS", type: "string" },
  repetitions: { env: "ARCHBENCH_REPETITIONS", type: "string" },
  rounds: { env: undefined, type: "string" },
  seed: { env: "ARCHBENCH_SEED", type: "string" },
  warmup: { env: "ARCHBENCH_WARMUP_SECONDS", type: "string" },
  workloads: { env: "ARCHBENCH_WORKLOADS", type: "string" },
  threads: { env: "ARCHBENCH_THREADS", type: "string" },
  "cv-threshold": { env: "ARCHBENCH_CV_THRESHOLD", type: "string" },
  pool: { env: "ARCHBENCH_POOL", type: "string" },
  "run-id": { env: "ARCHBENCH_RUN_ID", type: "string" },
  out: { env: "ARCHBENCH_OUT", type: "string" },
  "termination-log": { env: "ARCHBENCH_TERMINATION_LOG", type: "string" },
  help: { env: undefined, type: "boolean" },
} as const;
type OptionName = keyof typeof OPTIONS;

export const USAGE = `Usage: bench [options]   (npm run bench:local -- [options]; in the image: node dist/bench/cli.js [options])

Runs each workload single-threaded and on all allocated CPUs (worker threads) in interleaved rounds:
after one discarded warm-up per (workload, threads) pair, each round times every pair once, in an
order shuffled per round from a recorded seed. Prints the results document as the last line of stdout.

Options (each also read from the environment variable shown; a flag wins):
  --duration SECONDS      ARCHBENCH_DURATION_SECONDS  length of one timed repetition (default ${BENCH_DEFAULTS.durationSeconds}; fractions allowed)
  --repetitions N         ARCHBENCH_REPETITIONS       rounds: timed samples per workload and thread count (default ${BENCH_DEFAULTS.repetitions})
  --rounds N                                          the same as --repetitions
  --seed N                ARCHBENCH_SEED              seed of the round order, 0 to ${MAX_SEED} (default: random, recorded in the document)
  --warmup SECONDS        ARCHBENCH_WARMUP_SECONDS    discarded warm-up per workload and thread count (default min(${BENCH_DEFAULTS.maxDefaultWarmupSeconds}, duration))
  --workloads LIST        ARCHBENCH_WORKLOADS         comma list from: ${WORKLOAD_NAMES.join(", ")} (default: all)
  --threads LIST          ARCHBENCH_THREADS           "auto" (1 and all allocated CPUs) or a comma list of counts and "all"
  --cv-threshold PERCENT  ARCHBENCH_CV_THRESHOLD      flag a workload unstable above this coefficient of variation (default ${BENCH_DEFAULTS.cvThresholdPercent})
  --pool NAME             ARCHBENCH_POOL              pool name recorded in the document (default "${BENCH_DEFAULTS.pool}")
  --run-id ID             ARCHBENCH_RUN_ID            run id recorded in the document (default "${BENCH_DEFAULTS.runId}")
  --out FILE              ARCHBENCH_OUT               also write the document to FILE
  --termination-log FILE  ARCHBENCH_TERMINATION_LOG   compact document (<= 4096 bytes) goes here if the file exists (default ${BENCH_DEFAULTS.terminationLogPath})
  --help                                              this text
Also read when set: ARCHBENCH_ARCH, ARCHBENCH_INSTANCE_TYPE, ARCHBENCH_IMAGE, NODE_NAME, POD_NAME, POD_NAMESPACE.
Exit codes: 0 results written, 1 every workload failed, 2 invalid options.`;

export function parseBenchOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  let values: Partial<Record<OptionName, string | boolean>>;
  try {
    values = parseArgs({
      args: [...argv],
      options: Object.fromEntries(Object.entries(OPTIONS).map(([name, o]) => [name, { type: o.type }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new OptionError(`${(error as Error).message}. Run with --help for the options.`);
  }

  /** The raw text of an option and where it came from, for error messages. */
  const raw = (name: Exclude<OptionName, "help">): { text: string; source: string } | undefined => {
    const flag = values[name];
    if (typeof flag === "string") return { text: flag, source: `--${name}` };
    const envName = OPTIONS[name].env;
    if (envName === undefined) return undefined;
    const fromEnv = env[envName]?.trim();
    return fromEnv ? { text: fromEnv, source: envName } : undefined;
  };

  const durationSeconds = number(raw("duration"), BENCH_DEFAULTS.durationSeconds, { min: 0, minExclusive: true, max: 3600, what: "seconds per repetition, such as 3 or 0.5" });
  const repetitions = number(roundsFlag(raw("repetitions"), raw("rounds")), BENCH_DEFAULTS.repetitions, { min: 1, max: 1000, integer: true, what: "whole number of repetitions, at least 1 (5 or more for a trustworthy CI)" });
  const warmupSeconds = number(raw("warmup"), defaultWarmupSeconds(durationSeconds), { min: 0, max: 3600, what: "seconds of warm-up, 0 or more" });
  const seed = raw("seed") === undefined ? undefined : number(raw("seed"), 0, { min: 0, max: MAX_SEED, integer: true, what: "whole number" });
  const cvPercent = number(raw("cv-threshold"), BENCH_DEFAULTS.cvThresholdPercent, { min: 0, minExclusive: true, max: 100, what: "percentage such as 5" });

  return {
    durationSeconds,
    repetitions,
    seed,
    warmupSeconds,
    workloads: workloadList(raw("workloads")),
    threads: threadsSpec(raw("threads")),
    cvThreshold: cvPercent / 100,
    pool: name(raw("pool"), BENCH_DEFAULTS.pool),
    runId: name(raw("run-id"), BENCH_DEFAULTS.runId),
    out: raw("out")?.text,
    terminationLogPath: raw("termination-log")?.text ?? BENCH_DEFAULTS.terminationLogPath,
    help: values.help === true,
    arch: env.ARCHBENCH_ARCH?.trim() || undefined,
    instanceType: env.ARCHBENCH_INSTANCE_TYPE?.trim() || undefined,
    image: env.ARCHBENCH_IMAGE?.trim() || undefined,
    nodeName: env.NODE_NAME?.trim() || undefined,
    podName: env.POD_NAME?.trim() || undefined,
    podNamespace: env.POD_NAMESPACE?.trim() || undefined,
  };
}

/** --rounds is another name for --repetitions; both at once must agree. */
function roundsFlag(repetitions: { text: string; source: string } | undefined, rounds: { text: string; source: string } | undefined) {
  if (rounds && repetitions?.source === "--repetitions" && Number(repetitions.text) !== Number(rounds.text)) {
    throw new OptionError(`--repetitions=${repetitions.text} and --rounds=${rounds.text} disagree: they are the same option; give one`);
  }
  // A flag wins over ARCHBENCH_REPETITIONS.
  return rounds && repetitions?.source !== "--repetitions" ? rounds : repetitions;
}

interface NumberRule {
  min: number;
  minExclusive?: boolean;
  max: number;
  integer?: boolean;
  what: string;
}

function number(value: { text: string; source: string } | undefined, fallback: number, rule: NumberRule): number {
  if (value === undefined) return fallback;
  const n = Number(value.text);
  const tooLow = rule.minExclusive ? n <= rule.min : n < rule.min;
  if (value.text === "" || !Number.isFinite(n) || tooLow || n > rule.max || (rule.integer && !Number.isInteger(n))) {
    const range = `${rule.minExclusive ? "above" : "from"} ${rule.min} ${rule.minExclusive ? "and up to" : "to"} ${rule.max}`;
    throw new OptionError(`${value.source}=${value.text} is not valid: use a ${rule.what}, ${range}`);
  }
  return n;
}

function workloadList(value: { text: string; source: string } | undefined): WorkloadName[] {
  if (value === undefined) return [...WORKLOAD_NAMES];
  const names = value.text.split(",").map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new OptionError(`${value.source} is empty: name at least one of ${WORKLOAD_NAMES.join(", ")}`);
  const unknown = names.filter((n) => !isWorkloadName(n));
  if (unknown.length > 0) {
    throw new OptionError(`${value.source}: unknown workload ${unknown.map((u) => `"${u}"`).join(", ")}; use a comma list of ${WORKLOAD_NAMES.join(", ")}`);
  }
  return [...new Set(names as WorkloadName[])];
}

function threadsSpec(value: { text: string; source: string } | undefined): ThreadsSpec {
  if (value === undefined || value.text === "auto") return { kind: "auto" };
  const counts = value.text.split(",").map((part) => {
    const p = part.trim();
    if (p === "all") return "all" as const;
    const n = Number(p);
    if (p === "" || !Number.isInteger(n) || n < 1) {
      throw new OptionError(`${value.source}=${value.text} is not valid: use "auto" or a comma list of whole numbers >= 1 and "all", such as 1,all`);
    }
    return n;
  });
  return { kind: "list", counts };
}

function name(value: { text: string; source: string } | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (!/^[A-Za-z0-9._-]{1,63}$/.test(value.text)) {
    throw new OptionError(`${value.source}=${value.text} is not valid: use 1-63 letters, digits, '.', '_' or '-'`);
  }
  return value.text;
}
