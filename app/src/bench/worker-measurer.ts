import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { GroupSample, MeasurementGroup, Measurer } from "./measurer.js";
import type { FromWorker, ToWorker, WorkerInit } from "./worker-protocol.js";
import type { Measurement } from "./workloads/types.js";

/** Measures with one worker thread per requested thread; the main thread only coordinates. */
export const workerMeasurer: Measurer = {
  async open(workload, threads) {
    const channels = Array.from({ length: threads }, () => new WorkerChannel(workload));
    try {
      await Promise.all(channels.map((c) => c.expect("ready")));
    } catch (error) {
      await Promise.all(channels.map((c) => c.terminate()));
      throw error;
    }
    return new WorkerGroup(channels);
  },
};

class WorkerGroup implements MeasurementGroup {
  constructor(private readonly channels: WorkerChannel[]) {}

  async run(seconds: number): Promise<GroupSample> {
    const results = await Promise.all(
      this.channels.map((c) => {
        c.send({ type: "run", seconds });
        return c.expect("result");
      }),
    );
    return combineMeasurements(results.map((r) => r.measurement));
  }

  async close(): Promise<void> {
    await Promise.all(
      this.channels.map(async (c) => {
        c.send({ type: "close" });
        try {
          await c.expect("closed", 5_000);
        } finally {
          await c.terminate();
        }
      }),
    );
  }
}

/** Pure: the figures of threads that ran side by side. */
export function combineMeasurements(measurements: readonly Measurement[]): GroupSample {
  let throughput = 0;
  let errors = 0;
  let latencyCount = 0;
  let cpuSeconds = 0;
  let elapsedSeconds = 0;
  for (const m of measurements) {
    throughput += m.elapsedSeconds > 0 ? m.units / m.elapsedSeconds : 0;
    errors += m.errors ?? 0;
    latencyCount += m.latenciesMs?.length ?? 0;
    cpuSeconds += m.cpuSeconds ?? 0;
    elapsedSeconds += m.elapsedSeconds;
  }
  const cpuShare = measurements.every((m) => m.cpuSeconds !== undefined) && elapsedSeconds > 0 ? { cpuShare: cpuSeconds / elapsedSeconds } : {};
  const withLatencies = measurements.filter((m) => m.latenciesMs !== undefined);
  if (withLatencies.length === 0) return { throughput, ...cpuShare };
  const latenciesMs = new Float64Array(latencyCount);
  let offset = 0;
  for (const m of withLatencies) {
    latenciesMs.set(m.latenciesMs!, offset);
    offset += m.latenciesMs!.length;
  }
  return { throughput, latenciesMs, errors, ...cpuShare };
}

/** A worker and its replies, one request at a time; an exit or crash rejects whatever is awaited. */
class WorkerChannel {
  private readonly worker: Worker;
  private readonly inbox: FromWorker[] = [];
  private waiting: ((message: FromWorker) => void) | undefined;
  private failure: Error | undefined;

  constructor(workload: string) {
    const { url, execArgv } = workerEntry();
    this.worker = new Worker(url, { workerData: { workload } satisfies WorkerInit, execArgv });
    this.worker.on("message", (message: FromWorker) => this.deliver(message));
    this.worker.on("error", (error: Error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`${workload} worker exited (code ${code})`)));
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  async expect<T extends FromWorker["type"]>(type: T, timeoutMs?: number): Promise<Extract<FromWorker, { type: T }>> {
    const message = await this.next(timeoutMs);
    if (message.type === "error") throw new Error(message.message);
    if (message.type !== type) throw new Error(`worker sent ${message.type}, expected ${type}`);
    return message as Extract<FromWorker, { type: T }>;
  }

  async terminate(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }

  private next(timeoutMs?: number): Promise<FromWorker> {
    const queued = this.inbox.shift();
    if (queued) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => reject(new Error(`worker did not answer in ${timeoutMs} ms`)), timeoutMs);
      this.waiting = (message) => {
        clearTimeout(timer);
        resolve(message);
      };
    });
  }

  private deliver(message: FromWorker): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(message);
    else this.inbox.push(message);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.deliver({ type: "error", message: error.message });
  }
}

/**
 * The worker's module. Built, it is worker.js beside this file. From source (npm run bench:local,
 * vitest) it is worker.ts, which a bare worker cannot load, so it gets the tsx loader unless the
 * process already has one to pass on.
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith(".ts");
  const url = new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
  if (!fromSource || process.execArgv.some((arg) => arg.includes("tsx"))) return { url, execArgv: process.execArgv };
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return { url, execArgv: [...process.execArgv, "--import", tsxLoader] };
}
