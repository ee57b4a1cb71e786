import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync, type Stats } from "node:fs";
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
 * and the field, so the rest is still reported. An entry that is not a readable regular file (a folder,
 * FIFO, socket or device named *.json, a dangling or looping symlink, an unreadable, empty, binary or
 * oversized file) is skipped with its reason, never opened when it could block. A symlink to a regular
 * file is followed and read like the file.
 */

/** An input entry the report did not read, and why. */
export interface SkippedInput {
  file: string;
  reason: string;
}

export type LoadedInput =
  | { kind: "results"; file: string; stored: StoredResults }
  | {
      kind: "documents";
      dir: string;
      pools: CollectedPool[];
      inputs: string[];
      skipped: SkippedInput[];
      /** A results.json in the folder that this read ignored in favour of the documents (a re-run). */
      staleResultsJson?: string;
    };

/** A document is under 1 MB at the runner's limits (./results-document.ts); a log carries more. Larger is not ours. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;
/** A run has a handful of pools and nodes; these bound one report's reading and analysis. */
export const MAX_INPUT_FILES = 64;
export const MAX_TOTAL_INPUT_BYTES = 16 * 1024 * 1024;

/** Names read as documents (any case: X86.JSON too). */
const DOCUMENT_NAME = /\.(json|log)$/i;
/** What a report writes into the folder itself: not inputs, so not listed as skipped. */
const REPORT_OUTPUTS = new Set(["results.json", "report.md", "report.html", "compare.md", "compare.html"]);

/** Keeps a bad file's text in results.json without letting a huge file bloat it. */
const MAX_RAW_CHARS = 64 * 1024;

export function loadInput(path: string): LoadedInput {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${path}: ${code === "ENOENT" ? "no such file or folder" : code === "ELOOP" ? "symlink loop" : (error as Error).message}`);
  }
  if (!stats.isDirectory()) {
    if (basename(path) !== "results.json") throw new Error(`${path}: pass a folder of documents or a results.json`);
    return { kind: "results", file: path, stored: readResultsJson(path) };
  }
  const resultsJson = join(path, "results.json");
  const entries = readdirSync(path).sort();
  const names = entries.filter((f) => DOCUMENT_NAME.test(f) && f !== "results.json");
  // Any other file is named too (not read), so a document saved as .txt or .json.gz is not dropped unseen.
  const ignored: SkippedInput[] = entries
    .filter((f) => !DOCUMENT_NAME.test(f) && !f.startsWith(".") && !REPORT_OUTPUTS.has(f) && lstatOrUndefined(join(path, f))?.isDirectory() === false)
    .map((f) => ({ file: f, reason: "not named .json or .log, so not read as a document" }));
  const hasResultsJson = lstatOrUndefined(resultsJson) !== undefined;
  // results.json stands for the folder only when it is the only input: documents always win, so a
  // document added since the last report is never ignored.
  if (names.length === 0 && hasResultsJson) return { kind: "results", file: resultsJson, stored: readResultsJson(resultsJson) };
  if (names.length === 0) {
    const other = ignored.length > 0 ? ` (other files: ${ignored.map((i) => i.file).join(", ")})` : "";
    throw new Error(`${path}: no results.json and no *.json or *.log documents${other}`);
  }
  if (names.length > MAX_INPUT_FILES) {
    throw new Error(`${path}: ${names.length} *.json/*.log files; a report reads at most ${MAX_INPUT_FILES} (one run's documents): split the folder`);
  }

  const skipped: SkippedInput[] = [...ignored];
  const read: Array<{ name: string; text: string }> = [];
  // A copy of a document (or a symlink to it) is the same measurement: counted twice it would pass for another trial.
  const firstWithText = new Map<string, string>();
  let total = 0;
  for (const name of names) {
    const file = readInputFile(join(path, name));
    if (!file.ok) {
      skipped.push({ file: name, reason: file.reason });
      continue;
    }
    total += file.text.length;
    if (total > MAX_TOTAL_INPUT_BYTES) {
      throw new Error(`${path}: over ${MAX_TOTAL_INPUT_BYTES / 1024 / 1024} MiB of documents in all (at ${name}); a report reads one run's documents: split the folder`);
    }
    const first = firstWithText.get(file.text);
    if (first !== undefined) {
      skipped.push({ file: name, reason: `the same bytes as ${first} (a copy or a symlink): read once` });
      continue;
    }
    firstWithText.set(file.text, name);
    read.push({ name, text: file.text });
  }
  if (read.length === 0) {
    throw new Error(`${path}: no readable document; skipped: ${skipped.map((s) => `${s.file} (${s.reason})`).join("; ")}`);
  }
  const pools = groupIntoPools(read.map((f) => documentFromFileText(f.name, f.text)));
  return {
    kind: "documents",
    dir: path,
    pools,
    inputs: read.map((f) => f.name),
    skipped,
    ...(hasResultsJson && { staleResultsJson: resultsJson }),
  };
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** What an entry is, in words, for the reason it was skipped. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a regular file";
}

/**
 * One input entry's text, or why it cannot be read. Checks the type before opening (a FIFO would block
 * the read forever) and again on the open descriptor (the entry may change in between); O_NONBLOCK
 * keeps even that open from waiting on a FIFO.
 */
export function readInputFile(file: string): { ok: true; text: string } | { ok: false; reason: string } {
  const link = lstatOrUndefined(file);
  if (link === undefined) return { ok: false, reason: "vanished while the folder was read" };
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { ok: false, reason: "symlink loop" };
    if (code === "ENOENT") return { ok: false, reason: "dangling symlink (its target does not exist)" };
    return { ok: false, reason: `cannot stat: ${(error as Error).message}` };
  }
  if (!stats.isFile()) return { ok: false, reason: `${kindOf(stats)}, not a document file` };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === "EACCES" || code === "EPERM" ? "unreadable (permission denied)" : `cannot open: ${(error as Error).message}` };
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { ok: false, reason: `${kindOf(opened)}, not a document file` };
    if (opened.size > MAX_INPUT_BYTES) {
      return { ok: false, reason: `${opened.size} bytes, over the limit of ${MAX_INPUT_BYTES} bytes (${MAX_INPUT_BYTES / 1024 / 1024} MiB) for one document` };
    }
    if (opened.size === 0) return { ok: false, reason: "empty file (0 bytes)" };
    const buffer = Buffer.alloc(opened.size);
    let length = 0;
    while (length < buffer.length) {
      const n = readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) break;
      length += n;
    }
    const bytes = buffer.subarray(0, length);
    if (bytes.includes(0)) return { ok: false, reason: "binary file (contains NUL bytes), not a JSON document or log" };
    return { ok: true, text: bytes.toString("utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === "EISDIR" ? "a folder, not a document file" : `cannot read: ${(error as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

function readResultsJson(file: string): StoredResults {
  const read = readInputFile(file);
  if (!read.ok) throw new Error(`${file}: ${read.reason}`);
  let json: unknown;
  try {
    json = JSON.parse(read.text);
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

/** A document file's text → one document entry; never throws for bad content. */
function documentFromFileText(name: string, text: string): FileDocument {
  let json: unknown;
  let parsed = false;
  try {
    json = JSON.parse(text);
    parsed = true;
  } catch {
    // Not one JSON value: maybe a captured log whose last line is the document.
  }
  const fallbackPool = name.replace(DOCUMENT_NAME, "");
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
export function manifestFromDocuments(
  pools: CollectedPool[],
  inputs: string[],
  region: string | undefined,
  collectedAt: string,
  skipped: SkippedInput[] = [],
): RunManifest {
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
    ...(skipped.length > 0 && { skipped }),
  };
}
