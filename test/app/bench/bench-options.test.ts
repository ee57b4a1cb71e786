import { describe, expect, it } from "vitest";
import { BENCH_DEFAULTS, OptionError, parseBenchOptions } from "../../../app/src/bench/options";
import { resolveArch, resolveThreadModes, wholeCpus } from "../../../app/src/bench/plan";
import { expectedRunSeconds } from "../../../app/src/bench/runner";
import { WORKLOAD_NAMES } from "../../../app/src/bench/workload-names";

const parse = (argv: string[], env: Record<string, string> = {}) => parseBenchOptions(argv, env);
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OptionError);
    return (error as Error).message;
  }
  throw new Error("expected an OptionError");
};

describe("runner options", () => {
  it("exports the workload names in the agreed order", () => {
    expect(WORKLOAD_NAMES).toEqual(["json", "sha256", "gzip", "brotli", "regex", "sort", "http"]);
  });

  it("has defaults that fit the 5-minute budget for 7 workloads x 2 thread modes", () => {
    const o = parse([]);
    expect(o).toMatchObject({
      durationSeconds: 3,
      repetitions: 5,
      warmupSeconds: 3,
      workloads: [...WORKLOAD_NAMES],
      threads: { kind: "auto" },
      cvThreshold: 0.05,
      pool: "local",
      runId: "local",
      out: undefined,
      terminationLogPath: "/dev/termination-log",
      help: false,
    });
    const seconds = expectedRunSeconds({ workloads: o.workloads, threadModes: [1, 4], warmupSeconds: o.warmupSeconds, repetitions: o.repetitions, durationSeconds: o.durationSeconds });
    expect(seconds).toBe(252);
    expect(seconds).toBeLessThanOrEqual(300);
  });

  it("defaults the warm-up to min(5, duration)", () => {
    expect(parse(["--duration", "20"]).warmupSeconds).toBe(BENCH_DEFAULTS.maxDefaultWarmupSeconds);
    expect(parse(["--duration", "0.5"]).warmupSeconds).toBe(0.5);
    expect(parse(["--duration", "20", "--warmup", "0"]).warmupSeconds).toBe(0);
  });

  it("reads every option from the environment, and a flag wins over its variable", () => {
    const env = {
      ARCHBENCH_DURATION_SECONDS: "20",
      ARCHBENCH_REPETITIONS: "7",
      ARCHBENCH_WARMUP_SECONDS: "2",
      ARCHBENCH_WORKLOADS: "gzip, json,gzip",
      ARCHBENCH_THREADS: "1,all",
      ARCHBENCH_CV_THRESHOLD: "2.5",
      ARCHBENCH_POOL: "bench-arm",
      ARCHBENCH_RUN_ID: "2026-11-26",
      ARCHBENCH_TERMINATION_LOG: "/tmp/x",
      ARCHBENCH_ARCH: "arm64",
      ARCHBENCH_INSTANCE_TYPE: "m7g.xlarge",
      ARCHBENCH_IMAGE: "123.dkr.ecr.us-east-1.amazonaws.com/archbench@sha256:abc",
      NODE_NAME: "ip-10-0-1-2.ec2.internal",
      POD_NAME: "bench-arm-run-1-x",
      POD_NAMESPACE: "archbench",
    };
    expect(parse([], env)).toMatchObject({
      durationSeconds: 20,
      repetitions: 7,
      warmupSeconds: 2,
      workloads: ["gzip", "json"],
      threads: { kind: "list", counts: [1, "all"] },
      cvThreshold: 0.025,
      pool: "bench-arm",
      runId: "2026-11-26",
      terminationLogPath: "/tmp/x",
      arch: "arm64",
      instanceType: "m7g.xlarge",
      image: "123.dkr.ecr.us-east-1.amazonaws.com/archbench@sha256:abc",
      nodeName: "ip-10-0-1-2.ec2.internal",
      podName: "bench-arm-run-1-x",
      podNamespace: "archbench",
    });
    const flags = parse(["--duration", "1", "--repetitions", "3", "--pool", "p2", "--run-id", "r2", "--workloads", "http", "--out", "o.json"], env);
    expect(flags).toMatchObject({ durationSeconds: 1, repetitions: 3, pool: "p2", runId: "r2", workloads: ["http"], out: "o.json" });
  });

  it.each([
    [["--duration", "abc"], {}, "--duration=abc is not valid: use a seconds per repetition"],
    [["--duration", "0"], {}, "--duration=0 is not valid"],
    [[], { ARCHBENCH_DURATION_SECONDS: "-5" }, "ARCHBENCH_DURATION_SECONDS=-5 is not valid"],
    [["--repetitions", "2.5"], {}, "--repetitions=2.5 is not valid: use a whole number of repetitions"],
    [["--warmup=-1"], {}, "--warmup=-1 is not valid"],
    [["--warmup", "-1"], {}, "ambiguous"],
    [["--seed=-1"], {}, "--seed=-1 is not valid: use a whole number, from 0 to 4294967295"],
    [[], { ARCHBENCH_SEED: "1.5" }, "ARCHBENCH_SEED=1.5 is not valid"],
    [["--seed", "4294967296"], {}, "--seed=4294967296 is not valid"],
    [["--rounds", "0"], {}, "--rounds=0 is not valid"],
    [["--repetitions", "3", "--rounds", "4"], {}, "--repetitions=3 and --rounds=4 disagree: they are the same option; give one"],
    [["--cv-threshold", "0"], {}, "--cv-threshold=0 is not valid: use a percentage such as 5"],
    [["--workloads", "json,zip"], {}, '--workloads: unknown workload "zip"; use a comma list of json, sha256, gzip, brotli, regex, sort, http'],
    [[], { ARCHBENCH_WORKLOADS: " , " }, "ARCHBENCH_WORKLOADS is empty"],
    [["--threads", "0"], {}, '--threads=0 is not valid: use "auto" or a comma list'],
    [["--pool", "has space"], {}, "--pool=has space is not valid"],
    [["--bogus"], {}, "Unknown option '--bogus'"],
    [["--duration"], {}, "--duration"],
    [["extra"], {}, "Unexpected argument 'extra'"],
  ])("refuses %j %j, naming the option and the fix", (argv, env, message) => {
    expect(errorOf(() => parse(argv, env))).toContain(message);
  });

  it("accepts --help", () => expect(parse(["--help"]).help).toBe(true));

  it("takes --rounds as another name for --repetitions, and a flag over ARCHBENCH_REPETITIONS", () => {
    expect(parse(["--rounds", "7"]).repetitions).toBe(7);
    expect(parse(["--rounds", "7", "--repetitions", "7"]).repetitions).toBe(7);
    expect(parse(["--rounds", "7"], { ARCHBENCH_REPETITIONS: "3" }).repetitions).toBe(7);
    expect(parse([], { ARCHBENCH_REPETITIONS: "3" }).repetitions).toBe(3);
  });

  it("reads the seed from --seed or ARCHBENCH_SEED, and leaves it to the CLI to draw one when absent", () => {
    expect(parse([]).seed).toBeUndefined();
    expect(parse(["--seed", "0"]).seed).toBe(0);
    expect(parse([], { ARCHBENCH_SEED: "4294967295" }).seed).toBe(4294967295);
    expect(parse(["--seed", "12"], { ARCHBENCH_SEED: "13" }).seed).toBe(12);
  });
});

describe("thread modes from allocated CPUs", () => {
  it.each([
    [4, [1, 4]],
    [2, [1, 2]],
    [1, [1]],
    [1.5, [1]],
    [0.5, [1]],
    [3.9999999999, [1, 4]],
  ])("auto with %s CPUs -> %j", (cpus, modes) => expect(resolveThreadModes({ kind: "auto" }, cpus)).toEqual(modes));

  it("expands 'all', dedupes and sorts", () => {
    expect(resolveThreadModes({ kind: "list", counts: ["all", 1, 2, 1] }, 4)).toEqual([1, 2, 4]);
  });

  it("refuses more threads than allocated CPUs", () => {
    expect(errorOf(() => resolveThreadModes({ kind: "list", counts: [8] }, 4))).toContain("only 4 CPU(s) are allocated");
  });

  it("rounds a fractional quota down", () => expect(wholeCpus(2.5)).toBe(2));
});

describe("architecture", () => {
  it("maps Node's arch names to Kubernetes'", () => {
    expect(resolveArch(undefined, "x64")).toBe("amd64");
    expect(resolveArch(undefined, "arm64")).toBe("arm64");
    expect(resolveArch("arm64", "arm64")).toBe("arm64");
  });
  it("refuses a Job whose expected arch differs from the CPU it runs on", () => {
    expect(errorOf(() => resolveArch("arm64", "x64"))).toContain("ARCHBENCH_ARCH=arm64 but this process runs on amd64");
  });
  it("refuses unknown arch names", () => {
    expect(errorOf(() => resolveArch("aarch64", "arm64"))).toContain("use amd64 or arm64");
    expect(errorOf(() => resolveArch(undefined, "ppc64"))).toContain("set ARCHBENCH_ARCH");
  });
});
