import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { documentFromText } from "./document-text";
import { poolOutcome, type CollectedDocument, type CollectedPool } from "./collected-pool";
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
  const pools = groupIntoPools(files.map((f) => documentFile(join(path, f))));
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

/** One file's document and the pool it belongs to (the document's `pool`, else the file's name). */
export interface FileDocument {
  pool: string;
  entry: CollectedDocument;
  /** The file a malformed document came from: it becomes its own pool, "<pool> (<file>)". */
  badFile?: string;
}

/** One document file → one document entry; never throws for bad content. */
export function documentFile(file: string): FileDocument {
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
  const found = documentEntry(document);
  if (document.instanceType === undefined) found.entry.warnings.push(`${name}: no instanceType in the document (local run?): no price for this pool`);
  if (document.truncated) found.entry.warnings.push(`${name}: truncated document (samples dropped): no confidence interval`);
  return found;
}

/** A valid document read from a file, with its node and trial (= its runId). */
export function documentEntry(document: BenchmarkDocument): FileDocument {
  return {
    pool: document.pool,
    entry: { trial: document.runId, outcome: "ok", documentSource: "file", document, node: { name: document.node }, warnings: [] },
  };
}

/** The documents as pools (for tests and callers that already hold documents). */
export function poolsFromDocuments(documents: readonly BenchmarkDocument[]): CollectedPool[] {
  return groupIntoPools(documents.map(documentEntry));
}

function malformed(pool: string, file: string, reason: string, text: string): FileDocument {
  return {
    pool,
    badFile: file,
    entry: {
      outcome: "malformed",
      reason,
      documentSource: "file",
      raw: text.length > MAX_RAW_CHARS ? `${text.slice(0, MAX_RAW_CHARS)}…(truncated)` : text,
      warnings: [],
    },
  };
}

/**
 * Documents → pools: grouped by `pool`; inside a pool nodes are told apart by `node` and trials by `runId`.
 * Two documents of one node with the same runId (a local run repeated on one machine) are kept as separate
 * trials ("<runId>#2"), with a warning, rather than averaged as one. A pool name whose documents disagree
 * on arch or instance type (`bench:local` runs from different machines all say "local") cannot be one pool:
 * it is split by node ("local@<node>"), with a warning. A bad file is its own pool, "<pool> (<file>)".
 * Pools keep the order they first appear in. Pure.
 */
export function groupIntoPools(found: readonly FileDocument[]): CollectedPool[] {
  const kinds = new Map<string, Set<string>>();
  for (const { pool, entry } of found) {
    if (!entry.document) continue;
    kinds.set(pool, (kinds.get(pool) ?? new Set()).add(`${entry.document.arch}|${entry.document.instanceType ?? ""}`));
  }
  const pools = new Map<string, CollectedPool>();
  const seen = new Set<string>();
  for (const { pool: named, entry, badFile } of found) {
    const doc = entry.document;
    const split = doc !== undefined && (kinds.get(named)?.size ?? 0) > 1;
    const pool = badFile !== undefined ? `${named} (${badFile})` : split ? `${named}@${doc.node}` : named;
    let current = pools.get(pool);
    if (!current) {
      current = { pool, outcome: "missing", documents: [], warnings: [] };
      if (split) current.warnings.push(`pool "${named}" appears on machines of different arch or instance type: renamed ${pool}`);
      pools.set(pool, current);
    }
    let placed = entry;
    if (doc) {
      current.arch ??= doc.arch;
      if (doc.instanceType !== undefined) current.instanceType ??= doc.instanceType;
      let trial = doc.runId;
      for (let i = 2; seen.has(JSON.stringify([pool, doc.node, trial])); i++) trial = `${doc.runId}#${i}`;
      seen.add(JSON.stringify([pool, doc.node, trial]));
      if (trial !== doc.runId) {
        placed = { ...entry, trial, warnings: [...entry.warnings, `node ${doc.node} of pool "${pool}" has several documents with runId "${doc.runId}": this one is trial ${trial}`] };
      }
    }
    current.documents.push(placed);
  }
  return [...pools.values()].map((p) => ({ ...p, ...poolOutcome(p.documents) }));
}

/** The manifest of an offline run: what the documents themselves say. */
export function manifestFromDocuments(pools: CollectedPool[], inputs: string[], region: string | undefined, collectedAt: string): RunManifest {
  const docs = pools.flatMap((p) => p.documents.map((d) => d.document)).filter((d): d is BenchmarkDocument => d !== undefined);
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
