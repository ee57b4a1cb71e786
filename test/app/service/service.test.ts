import { Agent } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { collectRuntimeInfo } from "../../../app/src/service/runtime-info";
import { type RunningService, startService, type ServiceOptions } from "../../../app/src/service/service";
import { captureLogger } from "../helpers/capture-logger";
import { send, sendRaw } from "../helpers/http-client";

const info = collectRuntimeInfo({ POD_NAME: "app-7f9c-abcde", POD_NAMESPACE: "archbench", NODE_NAME: "ip-10-0-1-2", APP_VERSION: "1.2.3" });
const running: RunningService[] = [];

async function start(overrides: Partial<ServiceOptions> = {}) {
  const { logger, lines } = captureLogger();
  const service = await startService({
    port: 0,
    host: "127.0.0.1",
    logger,
    info,
    maxBodyBytes: 1024,
    shutdownDeadlineMs: 5_000,
    drainDelayMs: 0,
    requestTimeoutMs: 5_000,
    ...overrides,
  });
  running.push(service);
  return { service, lines, url: service.url };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.shutdown("test over")));
});

describe("service endpoints", () => {
  it("answers liveness and readiness", async () => {
    const { url } = await start();
    const health = await send(url, { path: "/healthz" });
    expect(health.status).toBe(200);
    expect(health.json()).toEqual({ status: "ok" });
    const ready = await send(url, { path: "/readyz" });
    expect(ready.status).toBe(200);
    expect(ready.json()).toEqual({ status: "ready" });
  });

  it("reports arch, CPUs, Node version, pod, node and image version on /info", async () => {
    const { url } = await start();
    const res = await send(url, { path: "/info" });
    expect(res.status).toBe(200);
    const body = res.json() as Record<string, unknown>;
    expect(body).toMatchObject({
      arch: process.arch === "x64" ? "amd64" : process.arch,
      platform: "linux",
      nodeVersion: process.version,
      pod: "app-7f9c-abcde",
      namespace: "archbench",
      node: "ip-10-0-1-2",
      version: "1.2.3",
    });
    expect(body.cpus).toBeGreaterThan(0);
    expect(typeof body.cpuModel).toBe("string");
  });

  it("lists its endpoints on /", async () => {
    const { url } = await start();
    const body = (await send(url, { path: "/" })).json() as { endpoints: { path: string }[] };
    expect(body.endpoints.map((e) => e.path)).toEqual(["/", "/healthz", "/readyz", "/info", "/api/json", "/api/hash", "/api/compress"]);
  });

  it("canonicalises and summarises a JSON document", async () => {
    const { url } = await start();
    const res = await send(url, {
      method: "POST",
      path: "/api/json",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ b: [3, " x "], a: { z: -1 } }),
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      '{"summary":{"nodes":6,"depth":3,"numbers":{"count":2,"sum":2,"min":-1,"max":3},"strings":{"count":1,"totalLength":1}},' +
        '"data":{"a":{"z":-1},"b":[3,"x"]}}',
    );
  });

  it("keeps every key the client sent, __proto__ and other Object.prototype names included, at any depth", async () => {
    const { url } = await start();
    const body = '{"b":1,"__proto__":{"polluted":true},"constructor":2,"n":[{"__proto__":" x ","toString":null}]}';
    const res = await send(url, { method: "POST", path: "/api/json", headers: { "content-type": "application/json" }, body });
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      '{"summary":{"nodes":9,"depth":4,"numbers":{"count":2,"sum":3,"min":1,"max":2},"strings":{"count":1,"totalLength":1}},' +
        '"data":{"__proto__":{"polluted":true},"b":1,"constructor":2,"n":[{"__proto__":"x","toString":null}]}}',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // JSON.parse keeps the last of two equal keys and turns 1e999 into Infinity (sent back as null): both would lose what the client sent.
  it.each([
    ['{"a":1,"a":2}', "duplicate_key", /"a" twice in one object.*each key once/],
    ['{"x":[{"k":1,"\\u006b":2}]}', "duplicate_key", /"k" twice/],
    ['{"__proto__":1,"__proto__":2}', "duplicate_key", /"__proto__" twice/],
    ['{"a":1e999}', "number_out_of_range", /1e999|finite.*double/],
    ["[-1e400]", "number_out_of_range", /finite/],
  ])("refuses %s with 400 %s instead of dropping what the client sent", async (body, code, mention) => {
    const { url } = await start();
    const res = await send(url, { method: "POST", path: "/api/json", headers: { "content-type": "application/json" }, body });
    expect(res.status).toBe(400);
    const error = res.json() as { error: string; message: string };
    expect(error.error).toBe(code);
    expect(error.message).toMatch(mention);
  });

  it.each(["/api/json", "/api/hash", "/api/compress"])("refuses a compressed body on %s with a JSON 415 instead of reading it as plain", async (path) => {
    const { url } = await start();
    const contentType = path === "/api/json" ? "application/json" : "text/plain";
    const res = await send(url, { method: "POST", path, headers: { "content-type": contentType, "content-encoding": "gzip" }, body: "{}" });
    expect(res.status).toBe(415);
    expect(res.json()).toEqual({ error: "unsupported_media_type", message: expect.stringMatching(/content-encoding gzip.*uncompressed/) });
  });

  it("keeps equal keys that sit in different objects, and a colon inside a string", async () => {
    const { url } = await start();
    const body = '{"a":{"a":"x:y","b\\":":1},"b":[{"a":1},{"a":2}]}';
    const res = await send(url, { method: "POST", path: "/api/json", headers: { "content-type": "application/json" }, body });
    expect(res.status, res.text).toBe(200);
  });

  it("hashes the body with sha256", async () => {
    const { url } = await start();
    const res = await send(url, { method: "POST", path: "/api/hash", headers: { "content-type": "text/plain" }, body: "abc" });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({
      algorithm: "sha256",
      bytes: 3,
      digest: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    });
  });

  it.each(["gzip", "brotli"])("compresses the body with %s, round-trippable", async (algorithm) => {
    const { url } = await start();
    const text = "archbench ".repeat(50);
    const res = await send(url, {
      method: "POST",
      path: `/api/compress?algorithm=${algorithm}`,
      headers: { "content-type": "application/octet-stream" },
      body: text,
    });
    expect(res.status).toBe(200);
    expect(res.headers["x-archbench-input-bytes"]).toBe(String(text.length));
    const zlib = await import("node:zlib");
    const back = algorithm === "gzip" ? zlib.gunzipSync(res.body) : zlib.brotliDecompressSync(res.body);
    expect(back.toString()).toBe(text);
    expect(res.body.length).toBeLessThan(text.length / 5);
  });

  it("answers HEAD on read endpoints without a body", async () => {
    const { url } = await start();
    const res = await send(url, { method: "HEAD", path: "/healthz" });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
  });

  it("writes a structured access log for work endpoints but not for probes", async () => {
    const { url, lines } = await start();
    await send(url, { path: "/healthz" });
    await send(url, { path: "/readyz" });
    await send(url, { method: "POST", path: "/api/hash", headers: { "content-type": "text/plain" }, body: "x" });
    const requests = lines.filter((l) => l.msg === "request");
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ level: "info", method: "POST", path: "/api/hash", status: 200 });
    expect(typeof requests[0]!.durationMs).toBe("number");
    expect(typeof requests[0]!.time).toBe("string");
  });
});

describe("bad requests get a 4xx with a JSON error", () => {
  const cases: { name: string; req: Parameters<typeof send>[1]; status: number; code: string; mention: RegExp }[] = [
    {
      name: "malformed JSON",
      req: { method: "POST", path: "/api/json", headers: { "content-type": "application/json" }, body: '{"a":' },
      status: 400,
      code: "invalid_json",
      mention: /not valid JSON/,
    },
    {
      name: "an empty JSON body",
      req: { method: "POST", path: "/api/json", headers: { "content-type": "application/json" }, body: "" },
      status: 400,
      code: "invalid_json",
      mention: /empty/,
    },
    {
      name: "JSON nested deeper than the limit",
      req: { method: "POST", path: "/api/json", headers: { "content-type": "application/json" }, body: "[".repeat(100) + "]".repeat(100) },
      status: 400,
      code: "json_too_deep",
      mention: /64 levels/,
    },
    {
      name: "an oversized body (Content-Length)",
      req: { method: "POST", path: "/api/hash", headers: { "content-type": "text/plain" }, body: "x".repeat(1025) },
      status: 413,
      code: "payload_too_large",
      mention: /at most 1024 bytes/,
    },
    {
      name: "a wrong method",
      req: { method: "DELETE", path: "/api/json" },
      status: 405,
      code: "method_not_allowed",
      mention: /use POST/,
    },
    {
      name: "a wrong content type",
      req: { method: "POST", path: "/api/json", headers: { "content-type": "text/plain" }, body: "{}" },
      status: 415,
      code: "unsupported_media_type",
      mention: /application\/json/,
    },
    {
      name: "a missing content type",
      req: { method: "POST", path: "/api/hash", body: "abc" },
      status: 415,
      code: "unsupported_media_type",
      mention: /\(missing\)/,
    },
    {
      name: "an unknown compression algorithm",
      req: { method: "POST", path: "/api/compress?algorithm=zstd", headers: { "content-type": "text/plain" }, body: "abc" },
      status: 400,
      code: "bad_request",
      mention: /gzip, brotli/,
    },
    { name: "an unknown path", req: { path: "/nope?x=1" }, status: 404, code: "not_found", mention: /\/nope/ },
  ];

  it.each(cases)("$name -> $status $code", async ({ req, status, code, mention }) => {
    const { url } = await start();
    const res = await send(url, req);
    expect(res.status).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const body = res.json() as { error: string; message: string };
    expect(body.error).toBe(code);
    expect(body.message).toMatch(mention);
    // still serving afterwards
    expect((await send(url, { path: "/healthz" })).status).toBe(200);
  });

  it("names the allowed methods in the Allow header", async () => {
    const { url } = await start();
    const res = await send(url, { method: "POST", path: "/healthz" });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe("GET, HEAD");
  });

  it("refuses a chunked body once it passes the limit, and closes that connection", async () => {
    const { service } = await start();
    const chunk = "y".repeat(600);
    const raw =
      "POST /api/hash HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n" +
      `${(600).toString(16)}\r\n${chunk}\r\n${(600).toString(16)}\r\n${chunk}\r\n0\r\n\r\n`;
    const answer = await sendRaw(service.port, raw);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toContain('"error":"payload_too_large"');
  });

  it("answers malformed HTTP with a JSON 400 instead of crashing", async () => {
    const { service, url } = await start();
    const answer = await sendRaw(service.port, "THIS IS NOT HTTP\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(answer).toContain('"error":"bad_request"');
    expect((await send(url, { path: "/healthz" })).status).toBe(200);
  });

  it("times out a request whose body never arrives with a 408", async () => {
    const { service } = await start({ requestTimeoutMs: 300 });
    const started = Date.now();
    const answer = await sendRaw(service.port, "POST /api/hash HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nabc");
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("graceful shutdown", () => {
  it("marks itself not ready at once and keeps serving during the drain delay", async () => {
    const { service, url } = await start({ drainDelayMs: 1_000 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await send(url, { path: "/readyz", agent })).status).toBe(200);
    const done = service.shutdown("test");
    const during = await send(url, { path: "/readyz", agent });
    expect(during.status).toBe(503);
    expect(during.json()).toEqual({ status: "shutting_down" });
    expect(during.headers.connection).toBe("close");
    expect((await send(url, { path: "/healthz" })).status).toBe(200);
    await done;
    agent.destroy();
    await expect(send(url, { path: "/healthz" })).rejects.toThrow(/ECONNREFUSED/);
  });

  it("finishes every in-flight request under load and then stops accepting", async () => {
    const { service, url, lines } = await start({ maxBodyBytes: 1024 * 1024 });
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const body = "z".repeat(256 * 1024);
    const load = Array.from({ length: 48 }, (_, i) =>
      send(url, {
        method: "POST",
        path: `/api/compress?algorithm=${i % 2 ? "brotli" : "gzip"}`,
        headers: { "content-type": "text/plain" },
        body,
        agent,
      }),
    );
    const settled = Promise.allSettled(load);
    // wait until requests are really in flight, then shut down under load
    while (service.inFlightRequests() < 8) await new Promise((r) => setImmediate(r));
    const inFlightAtShutdown = service.inFlightRequests();
    const outcome = await service.shutdown("SIGTERM");
    const results = await settled;
    const fulfilled = results.filter((r) => r.status === "fulfilled").map((r) => r.value);
    // Requests already in flight must all succeed; queued ones (never sent) may be refused.
    expect(inFlightAtShutdown).toBeGreaterThanOrEqual(8);
    expect(fulfilled.length).toBeGreaterThanOrEqual(inFlightAtShutdown);
    expect(fulfilled.every((r) => r.status === 200)).toBe(true);
    expect(outcome.abandonedRequests).toBe(0);
    // every request the server started ended in a response that the client received
    expect(lines.filter((l) => l.msg === "request")).toHaveLength(fulfilled.length);
    agent.destroy();
  });

  it("cuts requests that overrun the deadline", async () => {
    const { service, url } = await start({ shutdownDeadlineMs: 200 });
    // a request whose body never completes stays in flight
    const stuck = sendRaw(service.port, "POST /api/hash HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nabc");
    while (service.inFlightRequests() < 1) await new Promise((r) => setImmediate(r));
    const outcome = await service.shutdown("SIGTERM");
    expect(outcome.abandonedRequests).toBe(1);
    await expect(stuck).resolves.toBe("");
    await expect(send(url, { path: "/healthz" })).rejects.toThrow(/ECONNREFUSED/);
  });
});
