import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../infra/config";
import { readStackConfig } from "../../../stacks/offline/stack-config";
import type { BenchmarkStack, PulumiOperation } from "../../../stacks/lifecycle/benchmark-stack";
import { EXIT } from "../../../stacks/lifecycle/exit-codes";
import { Interrupts } from "../../../stacks/lifecycle/interrupts";
import { runBenchmark, type CollectOutcome, type LifecycleDeps } from "../../../stacks/lifecycle/run-benchmark";

type Call = string;

/** A fake of the Automation API surface: records calls, fails where told, can be interrupted mid-step. */
function fakeStack(calls: Call[], behaviour: { fail?: Partial<Record<"setConfig" | "up" | "destroy" | "remove", Error>>; duringUp?: () => void; duringDestroy?: () => void; hadStackFile?: boolean; runIds?: string[] } = {}): BenchmarkStack {
  const step = async (name: "setConfig" | "up" | "destroy" | "remove", op?: PulumiOperation, during?: () => void) => {
    calls.push(name);
    during?.();
    // A real pulumi process exits with an error when its signal aborts.
    if (op?.signal.aborted) throw new Error(`${name} cancelled`);
    const error = behaviour.fail?.[name];
    if (error) throw error;
    await Promise.resolve();
  };
  return {
    name: "dev",
    hadStackFile: behaviour.hadStackFile ?? true,
    stackFileConfig: readStackConfig("dev"),
    setConfig: (values) => {
      calls.push(`config:${Object.keys(values).sort().join(",")}`);
      const runId = (JSON.parse(values["archbench:benchmark"] ?? "{}") as { runId?: string }).runId;
      if (runId !== undefined) behaviour.runIds?.push(runId);
      return step("setConfig");
    },
    up: (op) => step("up", op, behaviour.duringUp),
    outputs: () => Promise.resolve({}),
    destroy: (op) => step("destroy", op, behaviour.duringDestroy),
    remove: () => step("remove"),
  };
}

interface Harness {
  deps: LifecycleDeps;
  calls: Call[];
  said: string[];
  interrupts: Interrupts;
}

function harness(over: Partial<LifecycleDeps> & { stack?: (calls: Call[], interrupts: Interrupts) => BenchmarkStack; collectOutcome?: CollectOutcome | Error; problems?: string[] } = {}): Harness {
  const calls: Call[] = [];
  const said: string[] = [];
  const interrupts = new Interrupts((line) => said.push(line), false);
  const values = { ...readStackConfig("dev"), "archbench:benchmark": JSON.stringify({ runId: "20261126-1500", durationSeconds: 20, repetitions: 5 }) };
  const deps: LifecycleDeps = {
    loadRunConfig: () => ({ values, config: parseConfig(values) }),
    preflight: () => {
      calls.push("preflight");
      return Promise.resolve(over.problems ?? []);
    },
    estimate: () => "estimate: $0.6922 per hour while up",
    confirm: () => {
      calls.push("confirm");
      return Promise.resolve(true);
    },
    interactive: true,
    openStack: () => {
      calls.push("open");
      return Promise.resolve((over.stack ?? ((c) => fakeStack(c)))(calls, interrupts));
    },
    collect: (_stack, trial) => {
      calls.push(trial.of === 1 ? "collect" : `collect:${trial.index}/${trial.of}:${trial.runId}`);
      const outcome = over.collectOutcome ?? { complete: true, headline: "m7g.xlarge: 1.3× the throughput", dir: "results/dev/20261126-1500" };
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve(outcome);
    },
    interrupts,
    say: (line) => said.push(line),
    pulumiOutput: () => undefined,
    projectDir: "/repo",
    ...over,
  };
  return { deps, calls, said, interrupts };
}

const options = { stack: "dev", keep: false, yes: true };

describe("runBenchmark: trials (--trials N)", () => {
  it("re-runs up under a new run id per trial on the same stack, collects every trial, then tears down once", async () => {
    const runIds: string[] = [];
    const h = harness({ stack: (calls) => fakeStack(calls, { runIds }) });
    const estimates: number[] = [];
    h.deps.estimate = (_config, trials) => {
      estimates.push(trials);
      return "estimate";
    };
    const result = await runBenchmark({ ...options, trials: 3 }, h.deps);
    expect(result.exitCode).toBe(EXIT.ok);
    expect(estimates).toEqual([3]);
    expect(result.steps).toEqual(["config", "preflight", "confirm", "stack", "up", "collect", "up", "collect", "up", "collect", "teardown"]);
    expect(h.calls).toEqual([
      "preflight",
      "open",
      "config:archbench:benchmark",
      "setConfig",
      "up",
      "collect:1/3:20261126-1500",
      // Only the benchmark key (its run id) changes between trials: the cluster and the image stay.
      "config:archbench:benchmark",
      "setConfig",
      "up",
      "collect:2/3:20261126-1500-t2",
      "config:archbench:benchmark",
      "setConfig",
      "up",
      "collect:3/3:20261126-1500-t3",
      "destroy",
      "remove",
    ]);
    expect(runIds).toEqual(["20261126-1500", "20261126-1500-t2", "20261126-1500-t3"]);
    expect(h.said.join("\n")).toContain("re-running the benchmark Jobs on the same cluster (20261126-1500-t2) (trial 2 of 3)");
  });

  it("a failed up in a later trial stops the trials and still tears down (6)", async () => {
    let ups = 0;
    const h = harness({
      stack: (calls) => {
        const stack = fakeStack(calls);
        return { ...stack, up: (op) => (++ups === 2 ? Promise.reject(new Error("Job bench-x86-run-t2 failed")) : stack.up(op)) };
      },
    });
    const result = await runBenchmark({ ...options, trials: 3 }, h.deps);
    expect(result.exitCode).toBe(EXIT.up);
    expect(h.calls.filter((c) => c.startsWith("collect"))).toEqual(["collect:1/3:20261126-1500"]);
    expect(h.calls.slice(-2)).toEqual(["destroy", "remove"]);
    expect(h.said.join("\n")).toContain("pulumi up failed (trial 2 of 3): Job bench-x86-run-t2 failed");
  });

  it("a failed teardown after a later trial names the run ids the resources may carry (each up retags them)", async () => {
    const h = harness({ stack: (calls) => fakeStack(calls, { fail: { destroy: new Error("DependencyViolation") } }) });
    const result = await runBenchmark({ ...options, trials: 2 }, h.deps);
    expect(result.exitCode).toBe(EXIT.teardown);
    expect(h.said.join("\n")).toContain("archbench:runId=20261126-1500-t2 or 20261126-1500");
  });

  it("an incomplete trial makes the run incomplete (8) even when the last one is complete", async () => {
    let collects = 0;
    const h = harness();
    h.deps.collect = () => Promise.resolve({ complete: ++collects !== 1, headline: "h", dir: "results/dev/x" });
    const result = await runBenchmark({ ...options, trials: 2 }, h.deps);
    expect(result.exitCode).toBe(EXIT.resultsIncomplete);
    expect(h.calls.slice(-2)).toEqual(["destroy", "remove"]);
  });
});

describe("runBenchmark: the happy path", () => {
  it("runs the steps in order, sets only the changed config keys, and tears down", async () => {
    const h = harness();
    const result = await runBenchmark(options, h.deps);
    expect(result.exitCode).toBe(EXIT.ok);
    expect(result.steps).toEqual(["config", "preflight", "confirm", "stack", "up", "collect", "teardown"]);
    // --yes: no prompt. The dev file already has everything but the run id.
    expect(h.calls).toEqual(["preflight", "open", "config:archbench:benchmark", "setConfig", "up", "collect", "destroy", "remove"]);
    expect(h.said.join("\n")).toContain('stack "dev" destroyed and removed');
  });

  it("asks before creating anything when --yes is absent, and stops (4) when declined", async () => {
    const h = harness({ confirm: () => Promise.resolve(false) });
    const result = await runBenchmark({ ...options, yes: false }, h.deps);
    expect(result.exitCode).toBe(EXIT.notConfirmed);
    expect(h.calls).toEqual(["preflight"]);
    expect(h.said).toContain("not confirmed: nothing was created");
  });

  it("refuses to prompt without a terminal, saying to pass --yes (4)", async () => {
    const h = harness({ interactive: false });
    const result = await runBenchmark({ ...options, yes: false }, h.deps);
    expect(result.exitCode).toBe(EXIT.notConfirmed);
    expect(h.calls).toEqual(["preflight"]);
    expect(h.said.join("\n")).toContain("stdin is not a terminal, so there is nobody to confirm the cost: pass --yes");
  });

  it("--keep leaves the stack up and prints the exact teardown command", async () => {
    const h = harness();
    const result = await runBenchmark({ ...options, keep: true }, h.deps);
    expect(result.exitCode).toBe(EXIT.ok);
    expect(h.calls).not.toContain("destroy");
    expect(h.said.join("\n")).toContain("cd /repo && pulumi destroy --stack dev --yes && pulumi stack rm dev --yes --preserve-config");
  });
});

describe("runBenchmark: nothing is created when the run stops early", () => {
  it("invalid config → 2, before preflight", async () => {
    const h = harness({ loadRunConfig: () => { throw new ConfigError(["archbench:pools: is required"]); } });
    const result = await runBenchmark(options, h.deps);
    expect(result.exitCode).toBe(EXIT.usage);
    expect(h.calls).toEqual([]);
    expect(h.said[0]).toContain("archbench:pools: is required");
  });

  it("preflight problems → 3, each listed", async () => {
    const h = harness({ problems: ["Pulumi CLI not found: install it", "docker buildx is not usable"] });
    const result = await runBenchmark(options, h.deps);
    expect(result.exitCode).toBe(EXIT.preflight);
    expect(h.calls).toEqual(["preflight"]);
    expect(h.said.join("\n")).toContain("preflight failed (2 problems):\n  - Pulumi CLI not found");
  });

  it("the stack cannot be opened → 5, no teardown", async () => {
    const h = harness({ openStack: () => Promise.reject(new Error("no backend")) });
    const result = await runBenchmark(options, h.deps);
    expect(result.exitCode).toBe(EXIT.stack);
    expect(result.steps).not.toContain("teardown");
  });
});

describe("runBenchmark: teardown on every failure path", () => {
  it.each([
    ["setting the config", { setConfig: new Error("config set-all failed") }, EXIT.stack, ["setConfig", "destroy", "remove"]],
    ["up", { up: new Error("Job bench-arm-run-1 failed") }, EXIT.up, ["setConfig", "up", "destroy", "remove"]],
  ] as const)("%s fails → torn down, exit %#", async (_what, fail, code, tail) => {
    const h = harness({ stack: (calls) => fakeStack(calls, { fail }) });
    const result = await runBenchmark(options, h.deps);
    expect(result.exitCode).toBe(code);
    expect(h.calls.filter((c) => !c.startsWith("config:") && c !== "preflight" && c !== "open")).toEqual(tail);
  });

  it("collecting fails → torn down, exit 7", async () => {
    const h = harness({ collectOutcome: new Error("HTTP 401: Unauthorized") });
    const result = await runBenchmark(options, h.deps);
    expect(result.exitCode).toBe(EXIT.collect);
    expect(h.calls.slice(-3)).toEqual(["collect", "destroy", "remove"]);
  });

  it("incomplete results → report kept, torn down, exit 8", async () => {
    const h = harness({ collectOutcome: { complete: false, headline: "bench-arm: no result", dir: "results/dev/x" } });
    const result = await runBenchmark(options, h.deps);
    expect(result.exitCode).toBe(EXIT.resultsIncomplete);
    expect(h.calls.slice(-2)).toEqual(["destroy", "remove"]);
  });

  it("a failed destroy outranks the earlier failure: exit 9 with the command to finish", async () => {
    const h = harness({ stack: (calls) => fakeStack(calls, { fail: { up: new Error("boom"), destroy: new Error("DependencyViolation") } }) });
    const result = await runBenchmark(options, h.deps);
    expect(result.exitCode).toBe(EXIT.teardown);
    expect(result.ending).toEqual({ failedStep: "up", teardown: "failed" });
    const text = h.said.join("\n");
    expect(text).toContain("teardown failed: DependencyViolation");
    expect(text).toContain("archbench:runId=20261126-1500");
    expect(text).toContain("pulumi destroy --stack dev --yes");
  });
});

describe("runBenchmark: signals", () => {
  it("SIGTERM during up cancels up (forwarded to pulumi) and tears down: exit 143", async () => {
    let upSignal: AbortSignal | undefined;
    const h = harness({
      stack: (calls, interrupts) => {
        const stack = fakeStack(calls, { duringUp: () => interrupts.handle("SIGTERM") });
        const up = stack.up.bind(stack);
        return { ...stack, up: (op) => ((upSignal = op.signal), up(op)) };
      },
    });
    const result = await runBenchmark(options, h.deps);
    expect(upSignal?.aborted).toBe(true);
    expect(result.exitCode).toBe(EXIT.sigterm);
    expect(h.calls).not.toContain("collect");
    expect(h.calls.slice(-2)).toEqual(["destroy", "remove"]);
  });

  it("Ctrl-C from a terminal is not forwarded (pulumi got it already) but still ends in teardown: exit 130", async () => {
    const calls: Call[] = [];
    const said: string[] = [];
    const interrupts = new Interrupts((l) => said.push(l), true);
    let upSignal: AbortSignal | undefined;
    const h = harness({
      interrupts,
      stack: () => {
        const stack = fakeStack(calls, { duringUp: () => interrupts.handle("SIGINT"), fail: { up: new Error("update canceled") } });
        return { ...stack, up: (op) => ((upSignal = op.signal), stack.up(op)) };
      },
    });
    const result = await runBenchmark(options, h.deps);
    expect(upSignal?.aborted).toBe(false);
    expect(result.exitCode).toBe(EXIT.sigint);
    expect(calls.slice(-2)).toEqual(["destroy", "remove"]);
  });

  it("a second signal aborts the teardown and says what may be left: exit 9", async () => {
    const h = harness({
      stack: (calls, interrupts) => fakeStack(calls, { duringUp: () => interrupts.handle("SIGINT"), duringDestroy: () => interrupts.handle("SIGINT") }),
    });
    const result = await runBenchmark(options, h.deps);
    expect(result.exitCode).toBe(EXIT.teardown);
    expect(h.calls).not.toContain("remove");
    expect(h.said.join("\n")).toContain("teardown aborted by a second signal. Stack \"dev\" may still hold resources");
  });

  it("a signal while collecting stops waiting and tears down", async () => {
    const h = harness();
    h.deps.collect = () => {
      h.calls.push("collect");
      h.interrupts.handle("SIGTERM");
      return new Promise<CollectOutcome>(() => undefined); // a stuck API call
    };
    const result = await runBenchmark(options, h.deps);
    expect(result.exitCode).toBe(EXIT.sigterm);
    expect(h.calls.slice(-3)).toEqual(["collect", "destroy", "remove"]);
  });
});
