import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, requireMediaType } from "./body.js";
import { HttpError, sendBytes, sendJson } from "./http-errors.js";
import { firstDuplicateKey, hasNonFiniteNumber, parsedKeyCount, sourceKeyCount } from "./json-keys.js";
import type { RuntimeInfo } from "./runtime-info.js";
import {
  COMPRESSION_ALGORITHMS,
  compress,
  isCompressionAlgorithm,
  type Json,
  JsonTooDeepError,
  sha256Hex,
  transformJson,
} from "./work.js";

export interface RouteContext {
  info: RuntimeInfo;
  maxBodyBytes: number;
  isReady(): boolean;
}

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, query: string, ctx: RouteContext) => void | Promise<void>;

export interface Route {
  methods: readonly string[];
  /** Probes are polled every few seconds by the kubelet: keep them out of the access log. */
  probe: boolean;
  description: string;
  handle: RouteHandler;
}

const READ = ["GET", "HEAD"] as const;
const WRITE = ["POST"] as const;
const BINARY_TYPES = ["application/octet-stream", "text/plain"] as const;

// Serialised once: the liveness probe is also the lightest endpoint the HTTP baseline measures.
const HEALTHY = Buffer.from('{"status":"ok"}');
const READY = Buffer.from('{"status":"ready"}');
const NOT_READY = Buffer.from('{"status":"shutting_down"}');
const JSON_TYPE = "application/json; charset=utf-8";

export const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  [
    "/",
    {
      methods: READ,
      probe: false,
      description: "this list of endpoints",
      handle: (_req, res) => sendJson(res, 200, { endpoints: describeRoutes() }),
    },
  ],
  [
    "/healthz",
    { methods: READ, probe: true, description: "liveness", handle: (_req, res) => sendBytes(res, 200, HEALTHY, JSON_TYPE) },
  ],
  [
    "/readyz",
    {
      methods: READ,
      probe: true,
      description: "readiness; 503 from the moment shutdown starts",
      handle: (_req, res, _query, ctx) => (ctx.isReady() ? sendBytes(res, 200, READY, JSON_TYPE) : sendBytes(res, 503, NOT_READY, JSON_TYPE)),
    },
  ],
  [
    "/info",
    {
      methods: READ,
      probe: false,
      description: "arch, CPU model, allocated CPUs, Node version, pod, node and image version",
      handle: (_req, res, _query, ctx) => sendJson(res, 200, ctx.info),
    },
  ],
  [
    "/api/json",
    {
      methods: WRITE,
      probe: false,
      description: "POST application/json: canonicalised document (sorted keys, trimmed strings) plus a summary",
      handle: async (req, res, _query, ctx) => {
        requireMediaType(req, ["application/json"]);
        const body = await readBody(req, ctx.maxBodyBytes);
        sendJson(res, 200, transformJson(parseJsonBody(body)));
      },
    },
  ],
  [
    "/api/hash",
    {
      methods: WRITE,
      probe: false,
      description: "POST application/octet-stream or text/plain: sha256 of the body",
      handle: async (req, res, _query, ctx) => {
        requireMediaType(req, BINARY_TYPES);
        const body = await readBody(req, ctx.maxBodyBytes);
        sendJson(res, 200, { algorithm: "sha256", bytes: body.length, digest: sha256Hex(body) });
      },
    },
  ],
  [
    "/api/compress",
    {
      methods: WRITE,
      probe: false,
      description: "POST application/octet-stream or text/plain, ?algorithm=gzip|brotli: the compressed body",
      handle: async (req, res, query, ctx) => {
        const algorithm = new URLSearchParams(query).get("algorithm") ?? "gzip";
        if (!isCompressionAlgorithm(algorithm)) {
          throw new HttpError(400, "bad_request", `algorithm=${algorithm} is not supported; use one of: ${COMPRESSION_ALGORITHMS.join(", ")}`);
        }
        requireMediaType(req, BINARY_TYPES);
        const body = await readBody(req, ctx.maxBodyBytes);
        const compressed = await compress(body, algorithm);
        sendBytes(res, 200, compressed, "application/octet-stream", {
          "x-archbench-algorithm": algorithm,
          "x-archbench-input-bytes": String(body.length),
        });
      },
    },
  ],
]);

export function describeRoutes(): { path: string; methods: readonly string[]; description: string }[] {
  return [...ROUTES].map(([path, route]) => ({ path, methods: route.methods, description: route.description }));
}

function parseJsonBody(body: Buffer): Json {
  if (body.length === 0) throw new HttpError(400, "invalid_json", "request body is empty; send a JSON document");
  const text = body.toString("utf8");
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (error) {
    throw new HttpError(400, "invalid_json", `request body is not valid JSON (${(error as Error).message}); send a JSON document`);
  }
  // JSON.parse would silently keep only the last of two equal keys, and turn 1e999 into Infinity (sent back as null).
  if (sourceKeyCount(text) !== parsedKeyCount(parsed)) {
    const key = firstDuplicateKey(text);
    throw new HttpError(400, "duplicate_key", `the document has the key ${JSON.stringify(key)} twice in one object, and only one could be kept; send each key once per object`);
  }
  if (hasNonFiniteNumber(parsed)) {
    throw new HttpError(400, "number_out_of_range", "the document has a number beyond the finite double range (about ±1.8e308), which would come back as null; send finite numbers");
  }
  return parsed;
}

/** Maps what a handler threw to the response it deserves. */
export function toHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  if (error instanceof JsonTooDeepError) return new HttpError(400, "json_too_deep", error.message);
  return undefined;
}
