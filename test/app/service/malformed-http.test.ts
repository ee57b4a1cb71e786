import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { collectRuntimeInfo } from "../../../app/src/service/runtime-info";
import { type RunningService, startService } from "../../../app/src/service/service";
import { captureLogger } from "../helpers/capture-logger";
import { send } from "../helpers/http-client";

/**
 * Requests Node's HTTP layer answers before (or instead of) the request handler: each must still get
 * its 4xx with the JSON error body, over a raw socket as a careless or hostile client sends it.
 */
const info = collectRuntimeInfo({});
const running: RunningService[] = [];

async function start(): Promise<RunningService> {
  const service = await startService({
    port: 0,
    host: "127.0.0.1",
    logger: captureLogger().logger,
    info,
    maxBodyBytes: 1024,
    shutdownDeadlineMs: 2_000,
    drainDelayMs: 0,
    requestTimeoutMs: 5_000,
  });
  running.push(service);
  return service;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.shutdown("test over")));
});

/** Everything the server sends until it closes; a reset after the answer still counts as the answer. */
function exchange(port: number, raw: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("close", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.on("error", (error) => (chunks.length > 0 ? undefined : reject(error)));
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer within 5 s; got: ${Buffer.concat(chunks).toString("latin1")}`)));
    socket.end(raw);
  });
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Splits pipelined HTTP/1.1 responses (each with content-length) into status, headers and body. */
function parseResponses(text: string): RawResponse[] {
  const out: RawResponse[] = [];
  let rest = text;
  while (rest.length > 0) {
    const headEnd = rest.indexOf("\r\n\r\n");
    if (headEnd < 0) throw new Error(`not an HTTP response: ${JSON.stringify(rest)}`);
    const [statusLine, ...lines] = rest.slice(0, headEnd).split("\r\n");
    const headers = Object.fromEntries(
      lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()] as const),
    );
    const length = Number(headers["content-length"] ?? 0);
    out.push({ status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine ?? "")?.[1]), headers, body: rest.slice(headEnd + 4, headEnd + 4 + length) });
    rest = rest.slice(headEnd + 4 + length);
  }
  return out;
}

function expectJsonError(response: RawResponse | undefined, status: number, code: string, mention: RegExp): void {
  expect(response?.status).toBe(status);
  expect(response?.headers["content-type"]).toMatch(/^application\/json/);
  expect(response?.headers.connection).toBe("close");
  const body = JSON.parse(response?.body ?? "") as { error: unknown; message: unknown };
  expect(body).toEqual({ error: code, message: expect.stringMatching(mention) as unknown });
}

const cases: { name: string; raw: string; status: number; code: string; mention: RegExp }[] = [
  { name: "HTTP/1.1 without Host", raw: "GET /healthz HTTP/1.1\r\n\r\n", status: 400, code: "bad_request", mention: /Host header/ },
  { name: "two Host headers", raw: "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", status: 400, code: "bad_request", mention: /more than one Host/ },
  {
    name: "a control character in a header value",
    raw: "GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\n\r\n",
    status: 400,
    code: "bad_request",
    mention: /Invalid header value char \(HPE_INVALID_HEADER_TOKEN\)/,
  },
  { name: "an HTTP/2 preface", raw: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", status: 400, code: "bad_request", mention: /HPE_PAUSED_H2_UPGRADE/ },
  { name: "a bare LF line ending", raw: "GET / HTTP/1.1\nHost: x\n\n", status: 400, code: "bad_request", mention: /HPE_/ },
  {
    name: "two different Content-Lengths",
    raw: "POST /api/json HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
    status: 400,
    code: "bad_request",
    mention: /HPE_/,
  },
  { name: "a transfer coding other than chunked last", raw: "POST /api/hash HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", status: 400, code: "bad_request", mention: /HPE_/ },
  { name: "a space in a header name", raw: "GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n", status: 400, code: "bad_request", mention: /HPE_/ },
  { name: "a header line without a colon", raw: "GET / HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n", status: 400, code: "bad_request", mention: /HPE_/ },
  { name: "an unknown method", raw: "BREW / HTTP/1.1\r\nHost: x\r\n\r\n", status: 400, code: "bad_request", mention: /HPE_INVALID_METHOD/ },
  { name: "an unsupported HTTP version", raw: "GET / HTTP/3.7\r\nHost: x\r\n\r\n", status: 400, code: "bad_request", mention: /HPE_/ },
  { name: "not HTTP at all", raw: "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n", status: 400, code: "bad_request", mention: /well-formed/ },
  {
    name: "both Content-Length and Transfer-Encoding",
    raw: "POST /api/hash HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    status: 400,
    code: "bad_request",
    mention: /HPE_/,
  },
  { name: "a bad chunk size", raw: "POST /api/hash HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", status: 400, code: "bad_request", mention: /HPE_/ },
  {
    name: "headers larger than Node's limit",
    raw: `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    status: 431,
    code: "headers_too_large",
    mention: /fewer or shorter headers/,
  },
  {
    name: "chunk extensions larger than Node's limit",
    raw: `POST /api/hash HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n1;${"e".repeat(20_000)}\r\n`,
    status: 413,
    code: "payload_too_large",
    mention: /chunk extensions/,
  },
  { name: "an expectation other than 100-continue", raw: "GET /healthz HTTP/1.1\r\nHost: x\r\nExpect: tea\r\n\r\n", status: 417, code: "expectation_failed", mention: /100-continue/ },
  { name: "CONNECT", raw: "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", status: 405, code: "method_not_allowed", mention: /not a proxy/ },
];

describe("HTTP that Node's parser or HTTP layer refuses gets a JSON 4xx", () => {
  it.each(cases)("$name -> $status $code", async ({ raw, status, code, mention }) => {
    const service = await start();
    const responses = parseResponses(await exchange(service.port, raw));
    expect(responses).toHaveLength(1);
    expectJsonError(responses[0], status, code, mention);
    expect((await send(service.url, { path: "/healthz" })).status).toBe(200);
  });

  it("names the methods CONNECT could have used", async () => {
    const service = await start();
    const [response] = parseResponses(await exchange(service.port, "CONNECT x:1 HTTP/1.1\r\nHost: x:1\r\n\r\n"));
    expect(response?.headers.allow).toBe("GET, HEAD, POST");
  });

  it("never writes an error into a response already under way: a pipelined bad request after a good one only closes", async () => {
    const service = await start();
    const answer = await exchange(service.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n");
    const responses = parseResponses(answer);
    expect(responses.map((r) => [r.status, r.body])).toEqual([[200, '{"status":"ok"}']]);
  });

  it("answers a bad request that follows a finished exchange on a keep-alive connection", async () => {
    const service = await start();
    const socket = connect(service.port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    while (!Buffer.concat(chunks).toString().includes('{"status":"ok"}')) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50)); // let the first response finish on the server side
    socket.end("GET / HTTP/1.1\r\nHost: x\r\nBad Name: v\r\n\r\n");
    await closed;
    const responses = parseResponses(Buffer.concat(chunks).toString("latin1"));
    expect(responses.map((r) => r.status)).toEqual([200, 400]);
    expectJsonError(responses[1], 400, "bad_request", /HPE_/);
  });

  it("still serves HTTP/1.0 without Host, which does not require one", async () => {
    const service = await start();
    const [response] = parseResponses(await exchange(service.port, "GET /healthz HTTP/1.0\r\n\r\n"));
    expect(response?.status).toBe(200);
  });
});
