import { createHash } from "node:crypto";
import { brotliCompress, constants as zlibConstants, gzip } from "node:zlib";
import { promisify } from "node:util";

/**
 * The service's representative CPU work, free of HTTP so the benchmark workloads can reuse it.
 */

export const MAX_JSON_DEPTH = 64;

/** Deeper input would recurse far enough to risk the stack; refuse it instead. */
export class JsonTooDeepError extends Error {
  constructor(readonly maxDepth: number) {
    super(`JSON nesting is deeper than ${maxDepth} levels; flatten the document to at most ${maxDepth} levels`);
    this.name = "JsonTooDeepError";
  }
}

export interface JsonSummary {
  /** Values visited (objects, arrays and scalars). */
  nodes: number;
  depth: number;
  numbers: { count: number; sum: number; min: number | null; max: number | null };
  strings: { count: number; totalLength: number };
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A typical API-side transform: canonicalise (sorted keys, trimmed strings) and summarise numbers and
 * strings in one walk.
 */
export function transformJson(input: Json, maxDepth = MAX_JSON_DEPTH): { summary: JsonSummary; data: Json } {
  const summary: JsonSummary = {
    nodes: 0,
    depth: 0,
    numbers: { count: 0, sum: 0, min: null, max: null },
    strings: { count: 0, totalLength: 0 },
  };
  const walk = (value: Json, depth: number): Json => {
    if (depth > maxDepth) throw new JsonTooDeepError(maxDepth);
    summary.nodes++;
    if (depth > summary.depth) summary.depth = depth;
    if (typeof value === "number") {
      const n = summary.numbers;
      n.count++;
      n.sum += value;
      n.min = n.min === null ? value : Math.min(n.min, value);
      n.max = n.max === null ? value : Math.max(n.max, value);
      return value;
    }
    if (typeof value === "string") {
      const trimmed = value.trim();
      summary.strings.count++;
      summary.strings.totalLength += trimmed.length;
      return trimmed;
    }
    if (value === null || typeof value === "boolean") return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) setOwn(out, key, walk(value[key]!, depth + 1));
    return out;
  };
  const data = walk(input, 1);
  return { summary, data };
}

/**
 * Sets an own, enumerable property whatever its name. Plain assignment of a client's key `__proto__`
 * would set the prototype instead (and the key would vanish from the output).
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function sha256Hex(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export const COMPRESSION_ALGORITHMS = ["gzip", "brotli"] as const;
export type CompressionAlgorithm = (typeof COMPRESSION_ALGORITHMS)[number];

export function isCompressionAlgorithm(value: string): value is CompressionAlgorithm {
  return (COMPRESSION_ALGORITHMS as readonly string[]).includes(value);
}

/** Levels a server uses for on-the-fly responses: gzip 6 (zlib's default), brotli 5 (not the slow 11). */
export const GZIP_LEVEL = 6;
export const BROTLI_QUALITY = 5;

export const gzipOptions = { level: GZIP_LEVEL };
export const brotliOptions = {
  params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT },
};

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export function compress(data: Buffer, algorithm: CompressionAlgorithm): Promise<Buffer> {
  return algorithm === "gzip" ? gzipAsync(data, gzipOptions) : brotliAsync(data, brotliOptions);
}
