import { parseBenchmarkDocument, type BenchmarkDocument } from "./results-document";

export type DocumentReading = { ok: true; document: BenchmarkDocument } | { ok: false; reason: string };

/**
 * The benchmark document in a termination message or a log: by contract the last non-empty line.
 * `where` names the text's origin in the reason ("termination message", "log", a file name).
 */
export function documentFromText(text: string | undefined, where: string): DocumentReading {
  const lastLine = (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .at(-1);
  if (lastLine === undefined) return { ok: false, reason: `${where} is empty` };
  let json: unknown;
  try {
    json = JSON.parse(lastLine);
  } catch (error) {
    return { ok: false, reason: `${where}: last line is not JSON (${(error as Error).message})` };
  }
  try {
    return { ok: true, document: parseBenchmarkDocument(json) };
  } catch (error) {
    return { ok: false, reason: `${where}: ${(error as Error).message}` };
  }
}
