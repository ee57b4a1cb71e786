import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { documentFromText } from "./document-text";
import type { CollectedPool } from "./collected-pool";
import type { RunManifest } from "./run-manifest";
import { parseStoredResults, type StoredResults } from "./stored-results";
import { parseBenchmarkDocument, type Arch, type BenchmarkDocument } from "./results-document";

/**
 * Reads what an offline report is built from: a results.json (a folder holding one, or the file), or a
 * folder of raw Job documents (one per *.json file; *.log files are read by their last line, as captured
 * from `kubectl logs` or `npm run bench:local`). A bad file becomes a "malformed" entry naming the file
 * and the field, so the rest is still reported.
 */

export type LoadedInput = { kind: "results"; file: string; stored: StoredResults } | { kind: "documents"; dir: string; pools: CollectedPool[]; inputs: string[] };

/** Keeps a bad file's text in results.json without letting a huge file bloat it. */
const MAX_RAW_CHARS = 64 * 1024;

export function loadInput(path: string): LoadedInput {
  if (!existsSync(path)) throw new Error(`${path}: no such file or folder`);
  if (statSync(path).isFile()) {
    if (basename(path) !== "results.json") throw new Error(`${path}: pass a folder of documents or a results.json`);
    return { kind: "results", file: path, stored: readResultsJson(path) };
  }
  const resultsJson = join(path, "results.json");
  if (existsSync(resultsJson)) return { kind: "results", file: resultsJson, stored: readResultsJson(resultsJson) };

  const files = readdirSync(path)
    .filter((f) => f.endsWith(".json") || f.endsWith(".log"))
    .sort();
  if (files.length === 0) throw new Error(`${path}: no results.json and no *.json or *.log documents`);
  const pools = disambiguate(files.map((f) => documentFile(join(path, f))));
  return { kind: "documents", dir: path, pools, inputs: files };
}

function readResultsJson(file: string): StoredResults {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`);
  }
  return parseStoredResults(json, file);
}

/** One document file → one pool entry; never throws for bad content. */
export function documentFile(file: string): CollectedPool {
  const name = basename(file);
  const text = readFileSync(file, "utf8");
  let json: unknown;
  let parsed = false;
  try {
    json = JSON.parse(text);
    parsed = true;
  } catch {
    // Not one JSON value: maybe a captured log whose last line is the document.
  }
  const fallbackPool = name.replace(/\.(json|log)$/, "");
  let document: BenchmarkDocument;
  if (parsed) {
    try {
      document = parseBenchmarkDocument(json);
    } catch (error) {
      const pool = typeof (json as { pool?: unknown })?.pool === "string" ? (json as { pool: string }).pool : fallbackPool;
      return malformed(pool, name, `${name}: ${(error as Error).message}`, text);
    }
  } else {
    const reading = documentFromText(text, name);
    if (!reading.ok) return malformed(fallbackPool, name, reading.reason, text);
    document = reading.document;
  }
  const pool = poolFromDocument(document);
  if (document.instanceType === undefined) pool.warnings.push(`${name}: no instanceType in the document (local run?): no price for this pool`);
  if (document.truncated) pool.warnings.push(`${name}: truncated document (samples dropped): no confidence interval`);
  return pool;
}

/** A pool whose result is a valid document read from a file. */
export function poolFromDocument(document: BenchmarkDocument): CollectedPool {
  return {
    pool: document.pool,
    arch: document.arch,
    ...(document.instanceType !== undefined && { instanceType: document.instanceType }),
    outcome: "ok",
    documentSource: "file",
    document,
    warnings: [],
  };
}

function malformed(pool: string, file: string, reason: string, text: string): CollectedPool {
  return {
    pool: `${pool} (${file})`,
    outcome: "malformed",
    reason,
    documentSource: "file",
    raw: text.length > MAX_RAW_CHARS ? `${text.slice(0, MAX_RAW_CHARS)}…(truncated)` : text,
    warnings: [],
  };
}

/** Local runs on different machines often share a pool name ("local"): tell them apart by node. */
function disambiguate(pools: CollectedPool[]): CollectedPool[] {
  const counts = new Map<string, number>();
  for (const p of pools) counts.set(p.pool, (counts.get(p.pool) ?? 0) + 1);
  const used = new Set<string>();
  return pools.map((p) => {
    if ((counts.get(p.pool) ?? 0) < 2) return p;
    let name = p.document ? `${p.pool}@${p.document.node}` : p.pool;
    for (let i = 2; used.has(name); i++) name = `${p.pool}#${i}`;
    used.add(name);
    return { ...p, pool: name, warnings: [...p.warnings, `pool "${p.pool}" appears in several files: renamed ${name}`] };
  });
}

/** The manifest of an offline run: what the documents themselves say. */
export function manifestFromDocuments(pools: CollectedPool[], inputs: string[], region: string | undefined, collectedAt: string): RunManifest {
  const docs = pools.map((p) => p.document).filter((d): d is BenchmarkDocument => d !== undefined);
  const runIds = [...new Set(docs.map((d) => d.runId))];
  const digestOf = (arch: Arch): string | undefined => {
    const digests = [...new Set(docs.filter((d) => d.arch === arch && d.image?.includes("sha256:")).map((d) => d.image as string))];
    return digests.length > 0 ? digests.join(", ") : undefined;
  };
  const amd64 = digestOf("amd64");
  const arm64 = digestOf("arm64");
  return {
    source: "files",
    ...(region !== undefined && { region }),
    ...(runIds.length > 0 && { runId: runIds.join(", ") }),
    imageDigests: { ...(amd64 !== undefined && { amd64 }), ...(arm64 !== undefined && { arm64 }) },
    pools: pools.map((p) => ({
      name: p.pool,
      ...(p.arch !== undefined && { arch: p.arch }),
      ...(p.instanceType !== undefined && { instanceType: p.instanceType }),
    })),
    collectedAt,
    inputs,
  };
}
