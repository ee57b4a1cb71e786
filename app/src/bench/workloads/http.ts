import { Agent, request } from "node:http";
import { silentLogger } from "../../service/logger.js";
import { collectRuntimeInfo } from "../../service/runtime-info.js";
import { startService } from "../../service/service.js";
import { makeOrders } from "./inputs.js";
import { type Measurement, threadCpuSecondsSince, type Workload } from "./types.js";

/** Requests kept in flight per thread: enough to keep the server busy, few enough to keep latency meaningful. */
export const HTTP_CONCURRENCY = 8;
const PATH = "/api/json";

/**
 * A real HTTP round trip over loopback: the service's own handler (POST /api/json with a 10-record,
 * ~4 KB document) and a keep-alive client, both in this thread, so each thread is one self-contained
 * server + load generator. Request logging is off: it measures request handling, not log shipping.
 */
export const httpWorkload: Workload = {
  unit: "req/s",
  description: `POST ${PATH} (~4 KB JSON) over loopback keep-alive, ${HTTP_CONCURRENCY} in flight per thread, per request`,
  start: async () => {
    const service = await startService({
      port: 0,
      host: "127.0.0.1",
      logger: silentLogger,
      info: collectRuntimeInfo(),
      maxBodyBytes: 1024 * 1024,
      shutdownDeadlineMs: 2_000,
      drainDelayMs: 0,
      requestTimeoutMs: 30_000,
    });
    const agent = new Agent({ keepAlive: true, maxSockets: HTTP_CONCURRENCY });
    const body = Buffer.from(JSON.stringify(makeOrders(10, 5)));
    const post = () => postOnce(service.port, agent, body);
    return {
      run: (seconds) => runRequests(seconds, post),
      close: async () => {
        agent.destroy();
        await service.shutdown("benchmark done");
      },
    };
  },
};

function postOnce(port: number, agent: Agent, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path: PATH, method: "POST", agent, headers: { "content-type": "application/json", "content-length": body.length } },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Closed-loop load: each of HTTP_CONCURRENCY loops sends its next request when the last one answers. */
export async function runRequests(seconds: number, post: () => Promise<number>): Promise<Measurement> {
  const latencies: number[] = [];
  let errors = 0;
  const cpuStart = process.threadCpuUsage();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        const status = await post();
        if (status === 200) latencies.push(performance.now() - sent);
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: HTTP_CONCURRENCY }, loop));
  if (latencies.length === 0) throw new Error(`no successful request in ${seconds} s (${errors} errors)`);
  return {
    units: latencies.length,
    elapsedSeconds: (performance.now() - start) / 1000,
    latenciesMs: Float64Array.from(latencies),
    errors,
    cpuSeconds: threadCpuSecondsSince(cpuStart),
  };
}
