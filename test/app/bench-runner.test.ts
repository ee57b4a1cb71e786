import { describe, expect, it } from "vitest";
import type { GroupSample, MeasurementGroup, Measurer } from "../../app/src/bench/measurer";
import { type ProgressEvent, type RunPlan, runSuite } from "../../app/src/bench/runner";
import { combineMeasurements, workerMeasurer } from "../../app/src/bench/worker-measurer";

/** A measurer that plays back scripted throughputs and records what the runner asked for. */
function fakeMeasurer(script: Record<string, (threads: number, call: number) => GroupSample | Error>, failOpen: string[] = []) {
  const calls: { workload: string; threads: number; seconds: number }[] = [];
  const closed: string[] = [];
  const measurer: Measurer = {
    open: (workload, threads) => {
      if (failOpen.includes(workload)) return Promise.reject(new Error(`cannot set up ${workload}`));
      let call = 0;
      const group: MeasurementGroup = {
        run: (seconds) => {
          calls.push({ workload, threads, seconds });
          const result = script[workload]!(threads, call++);
          return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
        },
        close: () => {
          closed.push(`${workload}x${threads}`);
          return Promise.resolve();
        },
      };
      return Promise.resolve(group);
    },
  };
  return { measurer, calls, closed };
}

const plan = (overrides: Partial<RunPlan> = {}): RunPlan => ({
  workloads: ["json"],
  threadModes: [1, 2],
  durationSeconds: 0.5,
  repetitions: 3,
  warmupSeconds: 0.25,
  cvThreshold: 0.05,
  units: { json: "MB/s", sort: "ops/s", http: "req/s" },
  ...overrides,
});

describe("runSuite", () => {
  it("discards the warm-up, times N repetitions per thread mode, and summarises them", async () => {
    // call 0 is the warm-up (a wild figure that must not show up); then 90, 110, 100 (x threads)
    const figures = [1e6, 90, 110, 100];
    const { measurer, calls, closed } = fakeMeasurer({ json: (threads, call) => ({ throughput: figures[call]! * threads }) });
    const suite = await runSuite(plan(), measurer);
    expect(calls.map((c) => `${c.threads}:${c.seconds}`)).toEqual(["1:0.25", "1:0.5", "1:0.5", "1:0.5", "2:0.25", "2:0.5", "2:0.5", "2:0.5"]);
    expect(closed).toEqual(["jsonx1", "jsonx2"]);
    expect(suite.workloads).toHaveLength(2);
    const [one, two] = suite.workloads;
    expect(one).toMatchObject({ status: "ok", name: "json", unit: "MB/s", threads: 1, samples: [90, 110, 100], median: 100, stable: false });
    // mean 100, sd 10 -> CV 0.1
    expect(one!.status === "ok" && one!.cv).toBeCloseTo(0.1, 12);
    expect(two).toMatchObject({ threads: 2, samples: [180, 220, 200], median: 200 });
    expect(suite.http).toBeNull();
  });

  it("skips the warm-up when it is 0", async () => {
    const { measurer, calls } = fakeMeasurer({ json: () => ({ throughput: 1 }) });
    await runSuite(plan({ warmupSeconds: 0, threadModes: [1], repetitions: 2 }), measurer);
    expect(calls.map((c) => c.seconds)).toEqual([0.5, 0.5]);
  });

  it("reports a failing workload as failed and still runs the others", async () => {
    const { measurer, closed } = fakeMeasurer(
      { json: () => ({ throughput: 5 }), sort: (_t, call) => (call === 2 ? new Error("sort blew up") : { throughput: 1 }) },
      ["http"],
    );
    const suite = await runSuite(plan({ workloads: ["json", "sort", "http"], threadModes: [1] }), measurer);
    expect(suite.workloads.map((w) => `${w.name}:${w.status}`)).toEqual(["json:ok", "sort:failed", "http:failed"]);
    expect(suite.workloads[1]).toEqual({ status: "failed", name: "sort", unit: "ops/s", threads: 1, error: "sort blew up" });
    expect(suite.workloads[2]).toEqual({ status: "failed", name: "http", unit: "req/s", threads: 1, error: "cannot set up http" });
    expect(closed).toEqual(["jsonx1", "sortx1"]);
    expect(suite.http).toBeNull();
  });

  it("takes the http block from the busiest mode: median req/s, latency percentiles over all timed requests, errors summed", async () => {
    const latencies = [
      Float64Array.from([1, 2, 3, 4, 5]),
      Float64Array.from([6, 7, 8, 9, 10]),
      Float64Array.from([11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]),
    ];
    const { measurer } = fakeMeasurer({
      http: (threads, call) =>
        threads === 1
          ? { throughput: 999, latenciesMs: Float64Array.from([500]), errors: 50 }
          : call === 0
            ? { throughput: 1, latenciesMs: Float64Array.from([1000]), errors: 7 } // warm-up: ignored
            : { throughput: [0, 300, 100, 200][call]!, latenciesMs: latencies[call - 1]!, errors: call },
    });
    const suite = await runSuite(plan({ workloads: ["http"] }), measurer);
    // latencies 1..21: p50 at position 10 -> 11; p90 at 18 -> 19; p99 at 19.8 -> 20.8
    expect(suite.http).toEqual({ rps: 200, p50Ms: 11, p90Ms: 19, p99Ms: expect.closeTo(20.8, 10) as number, errors: 1 + 2 + 3 });
  });

  it("combines threads by adding their rates and merging their latencies", () => {
    const combined = combineMeasurements([
      { units: 100, elapsedSeconds: 2, latenciesMs: Float64Array.from([1, 2]), errors: 1 },
      { units: 30, elapsedSeconds: 1, latenciesMs: Float64Array.from([3]), errors: 2 },
    ]);
    expect(combined.throughput).toBe(80);
    expect(Array.from(combined.latenciesMs!)).toEqual([1, 2, 3]);
    expect(combined.errors).toBe(3);
    expect(combineMeasurements([{ units: 10, elapsedSeconds: 0.5 }])).toEqual({ throughput: 20 });
  });

  it("reports the CPU share the threads got: CPU seconds over wall seconds", () => {
    const combined = combineMeasurements([
      { units: 1, elapsedSeconds: 2, cpuSeconds: 2 },
      { units: 1, elapsedSeconds: 2, cpuSeconds: 1 },
    ]);
    expect(combined.cpuShare).toBe(0.75);
  });

  it("passes each repetition's CPU share and their median to progress", async () => {
    const shares = [0.1, 0.9, 0.5, 0.7];
    const { measurer } = fakeMeasurer({ json: (_t, call) => ({ throughput: 10 + call, cpuShare: shares[call]! }) });
    const events: ProgressEvent[] = [];
    await runSuite(plan({ threadModes: [1] }), measurer, (e) => events.push(e));
    expect(events.filter((e) => e.type === "repetition").map((e) => e.type === "repetition" && e.cpuShare)).toEqual([0.9, 0.5, 0.7]);
    expect(events.at(-1)).toMatchObject({ type: "done", cpuShare: 0.7 });
  });
});

describe("worker threads (real)", () => {
  it("measures a workload on two threads and closes them", async () => {
    const group = await workerMeasurer.open("sha256", 2);
    const sample = await group.run(0.05);
    await group.close();
    expect(sample.throughput).toBeGreaterThan(0);
    expect(sample.latenciesMs).toBeUndefined();
    expect(sample.cpuShare).toBeGreaterThan(0);
    expect(sample.cpuShare).toBeLessThanOrEqual(1.1);
  });

  it("returns http latencies from the loopback round trip", async () => {
    const group = await workerMeasurer.open("http", 1);
    const sample = await group.run(0.1);
    await group.close();
    expect(sample.throughput).toBeGreaterThan(0);
    expect(sample.latenciesMs!.length).toBeGreaterThan(0);
    expect(sample.errors).toBe(0);
  });

  it("turns a workload that cannot start into a failed entry, and the suite goes on", async () => {
    const suite = await runSuite(
      plan({ workloads: ["no-such-workload", "regex"], threadModes: [1], repetitions: 2, durationSeconds: 0.03, warmupSeconds: 0 }),
      workerMeasurer,
    );
    expect(suite.workloads[0]).toMatchObject({ status: "failed", name: "no-such-workload", error: expect.stringContaining('unknown workload "no-such-workload"') as string });
    expect(suite.workloads[1]).toMatchObject({ status: "ok", name: "regex" });
  });
});
