import { describe, expect, it } from "vitest";
import type { GroupSample, MeasurementGroup, Measurer } from "../../../app/src/bench/measurer";
import { mulberry32 } from "../../../app/src/bench/prng";
import { type ProgressEvent, type RunPlan, runSuite } from "../../../app/src/bench/runner";
import { roundOrders, shuffle } from "../../../app/src/bench/schedule";
import { combineMeasurements, workerMeasurer } from "../../../app/src/bench/worker-measurer";

/**
 * A measurer that plays back scripted throughputs (by each pair's call number: 0 is its warm-up) and
 * records what the runner asked for. Its clock advances by the seconds each run asks for.
 */
function fakeMeasurer(script: Record<string, (threads: number, call: number) => GroupSample | Error>, failOpen: string[] = []) {
  const calls: { workload: string; threads: number; seconds: number; at: number }[] = [];
  const closed: string[] = [];
  let now = 1000;
  const clock = () => now;
  const measurer: Measurer = {
    open: (workload, threads) => {
      if (failOpen.includes(workload)) return Promise.reject(new Error(`cannot set up ${workload}`));
      let call = 0;
      const group: MeasurementGroup = {
        run: (seconds) => {
          calls.push({ workload, threads, seconds, at: now });
          now += seconds;
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
  return { measurer, calls, closed, clock };
}

const plan = (overrides: Partial<RunPlan> = {}): RunPlan => ({
  workloads: ["json"],
  threadModes: [1, 2],
  durationSeconds: 0.5,
  repetitions: 3,
  warmupSeconds: 0.25,
  seed: 42,
  cvThreshold: 0.05,
  units: { json: "MB/s", sort: "ops/s", http: "req/s" },
  ...overrides,
});

const pairName = (c: { workload: string; threads: number }) => `${c.workload}x${c.threads}`;
const resultName = (w: { name: string; threads: number }) => `${w.name}x${w.threads}`;
/** Splits the timed calls (after the warm-ups) into rounds of `pairs` calls each. */
const roundsOf = (calls: { workload: string; threads: number }[], pairs: number) =>
  Array.from({ length: calls.length / pairs }, (_, r) => calls.slice(r * pairs, (r + 1) * pairs).map(pairName));

describe("runSuite: interleaved rounds", () => {
  const script = { json: () => ({ throughput: 1 }), sort: () => ({ throughput: 2 }) };
  const fourPairs = (overrides: Partial<RunPlan> = {}) => plan({ workloads: ["json", "sort"], threadModes: [1, 2], repetitions: 6, ...overrides });

  it("warms every pair up once, all before the first timed sample, then runs every pair exactly once per round", async () => {
    const { measurer, calls, clock } = fakeMeasurer(script);
    await runSuite(fourPairs(), measurer, () => {}, clock);
    const warmups = calls.slice(0, 4);
    expect(warmups.map((c) => c.seconds)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(warmups.map(pairName)).toEqual(["jsonx1", "jsonx2", "sortx1", "sortx2"]);
    const timed = calls.slice(4);
    expect(timed).toHaveLength(4 * 6);
    expect(timed.every((c) => c.seconds === 0.5)).toBe(true);
    for (const round of roundsOf(timed, 4)) expect([...round].sort()).toEqual(["jsonx1", "jsonx2", "sortx1", "sortx2"]);
  });

  it("shuffles each round from the seed: the same seed replays the order, another seed and other rounds differ", async () => {
    const run = async (seed: number) => {
      const fake = fakeMeasurer(script);
      const suite = await runSuite(fourPairs({ seed }), fake.measurer, () => {}, fake.clock);
      return { rounds: roundsOf(fake.calls.slice(4), 4), suite };
    };
    const first = await run(7);
    const again = await run(7);
    const other = await run(8);
    expect(again.rounds).toEqual(first.rounds);
    expect(other.rounds).not.toEqual(first.rounds);
    expect(new Set(first.rounds.map((r) => r.join())).size).toBeGreaterThan(1);
    // the recorded schedule is what ran (indices into the document's workloads) and regenerates from the seed
    const names = first.suite.workloads.map(resultName);
    expect(first.suite.schedule).toEqual({ kind: "interleaved-rounds", seed: 7, rounds: 6, order: roundOrders(7, 4, 6) });
    expect(first.suite.schedule.order!.map((round) => round.map((i) => names[i]))).toEqual(first.rounds);
  });

  it("records when each sample started, in suite seconds, parallel to samples and increasing", async () => {
    const { measurer, calls, clock } = fakeMeasurer(script);
    const suite = await runSuite(fourPairs({ repetitions: 3 }), measurer, () => {}, clock);
    for (const w of suite.workloads) {
      if (w.status !== "ok") throw new Error(`${resultName(w)} failed`);
      const expected = calls.slice(4).filter((c) => pairName(c) === resultName(w)).map((c) => c.at - 1000);
      expect(w.sampleStartSeconds).toEqual(expected);
      expect(w.sampleStartSeconds).toHaveLength(w.samples.length);
      expect(w.sampleStartSeconds!.every((t, k) => k === 0 || t > w.sampleStartSeconds![k - 1]!)).toBe(true);
      // after the four warm-ups (4 x 0.25 s), one 4 x 0.5 s round apart
      expect(w.sampleStartSeconds![0]).toBeGreaterThanOrEqual(1);
      expect(w.sampleStartSeconds![1]! - w.sampleStartSeconds![0]!).toBeGreaterThanOrEqual(0.5);
    }
  });

  it("reports progress as warm-ups, rounds k of n, samples, then one summary per pair", async () => {
    const { measurer, clock } = fakeMeasurer(script);
    const events: ProgressEvent[] = [];
    await runSuite(fourPairs({ repetitions: 2 }), measurer, (e) => events.push(e), clock);
    expect(events.map((e) => e.type)).toEqual([
      ...Array<string>(4).fill("warmup"),
      "round",
      ...Array<string>(4).fill("sample"),
      "round",
      ...Array<string>(4).fill("sample"),
      ...Array<string>(4).fill("done"),
    ]);
    expect(events.filter((e) => e.type === "round")).toEqual([
      { type: "round", round: 1, rounds: 2 },
      { type: "round", round: 2, rounds: 2 },
    ]);
  });
});

describe("schedule", () => {
  it("roundOrders gives one permutation of the pairs per round, the same for the same seed", () => {
    const orders = roundOrders(123, 14, 5);
    expect(orders).toHaveLength(5);
    for (const order of orders) expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 14 }, (_, i) => i));
    expect(roundOrders(123, 14, 5)).toEqual(orders);
    expect(roundOrders(124, 14, 5)).not.toEqual(orders);
    expect(new Set(orders.map((o) => o.join())).size).toBe(5);
  });

  it("shuffles uniformly (Fisher–Yates): each of the 6 orders of 3 items about 1/6 of the time", () => {
    const random = mulberry32(99);
    const counts = new Map<string, number>();
    const draws = 12_000;
    for (let i = 0; i < draws; i++) {
      const key = shuffle(["a", "b", "c"], random).join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // expected 2000 each, sd ~41: a biased shuffle (j drawn from 0..n-1) is off by ~300
    for (const count of counts.values()) expect(Math.abs(count - draws / 6)).toBeLessThan(200);
  });
});

describe("runSuite", () => {
  it("discards the warm-up, times N repetitions per thread mode, and summarises them", async () => {
    // call 0 is the warm-up (a wild figure that must not show up); then 90, 110, 100 (x threads)
    const figures = [1e6, 90, 110, 100];
    const { measurer, calls, closed } = fakeMeasurer({ json: (threads, call) => ({ throughput: figures[call]! * threads }) });
    const suite = await runSuite(plan(), measurer);
    expect(calls.map((c) => `${c.threads}:${c.seconds}`).slice(0, 2)).toEqual(["1:0.25", "2:0.25"]);
    expect(calls.slice(2).map((c) => c.seconds)).toEqual(Array<number>(6).fill(0.5));
    expect(closed.sort()).toEqual(["jsonx1", "jsonx2"]);
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
    const { measurer, closed, calls } = fakeMeasurer(
      { json: () => ({ throughput: 5 }), sort: (_t, call) => (call === 2 ? new Error("sort blew up") : { throughput: 1 }) },
      ["http"],
    );
    const suite = await runSuite(plan({ workloads: ["json", "sort", "http"], threadModes: [1] }), measurer);
    expect(suite.workloads.map((w) => `${w.name}:${w.status}`)).toEqual(["json:ok", "sort:failed", "http:failed"]);
    expect(suite.workloads[1]).toEqual({ status: "failed", name: "sort", unit: "ops/s", threads: 1, error: "sort blew up" });
    expect(suite.workloads[2]).toEqual({ status: "failed", name: "http", unit: "req/s", threads: 1, error: "cannot set up http" });
    expect(closed.sort()).toEqual(["jsonx1", "sortx1"]);
    // sort stops being run once it failed (warm-up, sample 1, the failing call); json gets every round
    expect(calls.filter((c) => c.workload === "sort")).toHaveLength(3);
    expect(suite.workloads[0]).toMatchObject({ samples: [5, 5, 5] });
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
    expect(events.filter((e) => e.type === "sample").map((e) => e.type === "sample" && e.cpuShare)).toEqual([0.9, 0.5, 0.7]);
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
