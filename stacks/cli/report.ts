/**
 * npm run report -- --from <dir | results.json> [--out <dir>] [--baseline <pool>] [--region <region>]
 * npm run report -- --compare <a> <b> [--out <dir>]
 * Rebuilds report.md / report.html offline: from a results.json, or from a folder of raw Job documents
 * (also `bench:local` runs from different machines). Exit code 1 when nothing could be built.
 */
import { basename, join, resolve } from "node:path";
import { stderrProgress, type Progress } from "../shared/progress";
import { flagsOrExitCode, parseFlags } from "../shared/flags";
import { ensureOutputDir, writeOutputFile } from "../shared/output-files";
import { loadChartBundles } from "../rendering/bundles";
import { renderComparison } from "../rendering/compare";
import { loadInput, type LoadedInput } from "../sources/files";
import { resultsFromInput, writeReport } from "../pipeline/results-pipeline";

const USAGE = [
  "usage: npm run report -- --from <folder of documents | results.json> [--out <dir>] [--baseline <pool>] [--region <region>]",
  "       npm run report -- --compare <run a> <run b> [--out <dir>]",
].join("\n");

function main(argv: string[]): number {
  const flags = flagsOrExitCode(
    parseFlags(
      argv,
      { from: { type: "string" }, compare: { type: "string", multiple: true }, out: { type: "string" }, baseline: { type: "string" }, region: { type: "string" } },
      { usage: USAGE, allowPositionals: true },
    ),
    USAGE,
    1,
  );
  if (typeof flags === "number") return flags;
  const { values, positionals } = flags;
  const raw = stderrProgress();
  // Paths, pools and reasons come from documents and file names: no escape sequences to the terminal.
  const progress: Progress = { step: (m) => raw.step(printable(m)), warn: (m) => raw.warn(printable(m)) };
  const rebuildOptions = {
    ...(values.baseline !== undefined && { baselinePool: values.baseline }),
    ...(values.region !== undefined && { region: values.region }),
  };

  if (values.compare) {
    const runs = [...values.compare, ...positionals];
    if (runs.length !== 2 || values.from) {
      console.error(`--compare takes exactly two runs (folders or results.json files), and not --from\n${USAGE}`);
      return 1;
    }
    const [a, b] = runs.map((path) => {
      progress.step(`reading ${path}`);
      return { label: labelOf(path), results: resultsFromInput(loadAndSay(path, progress), rebuildOptions) };
    }) as [{ label: string; results: ReturnType<typeof resultsFromInput> }, { label: string; results: ReturnType<typeof resultsFromInput> }];
    if (a.label === b.label) b.label = `${b.label} (2)`;
    const out = resolve(values.out ?? join("results", "compare", `${a.label}-vs-${b.label}`.replace(/[^A-Za-z0-9._-]/g, "_")));
    ensureOutputDir(out);
    const { markdown, html } = renderComparison(a, b, loadChartBundles());
    writeOutputFile(join(out, "compare.md"), markdown);
    writeOutputFile(join(out, "compare.html"), html);
    progress.step(`wrote ${join(out, "compare.md")}, ${join(out, "compare.html")}`);
    return 0;
  }

  if (!values.from || positionals.length > 0) {
    console.error(`--from <folder | results.json> is required${positionals.length > 0 ? ` (unexpected: ${positionals.join(" ")})` : ""}\n${USAGE}`);
    return 1;
  }
  progress.step(`reading ${values.from}`);
  const input = loadAndSay(values.from, progress);
  const results = resultsFromInput(input, rebuildOptions);
  for (const p of results.pools.filter((p) => p.outcome !== "ok")) progress.warn(`${p.pool}: ${p.outcome} — ${p.reason ?? ""}`);
  // A usable pool can still have a bad document (one node, one trial): name it too.
  for (const p of results.pools.filter((p) => p.outcome === "ok")) {
    for (const d of p.documents.filter((d) => d.outcome !== "ok")) progress.warn(`${p.pool}: ${d.node?.name ?? d.podName ?? "document"}: ${d.outcome} — ${d.reason ?? ""}`);
  }
  const inputDir = input.kind === "results" ? resolve(input.file, "..") : resolve(input.dir);
  const out = resolve(values.out ?? inputDir);
  if (input.kind === "documents" && input.staleResultsJson !== undefined) {
    // A folder's documents always win over an earlier results.json, so a document added since is never ignored.
    const fate = out === inputDir ? "regenerated" : `left as it was (the new one goes to ${join(out, "results.json")})`;
    progress.warn(`${input.staleResultsJson} was not read: rebuilt from the ${input.inputs.length} document(s) in ${input.dir}; that results.json is ${fate}`);
  }
  // Never overwrite the results.json a report is rebuilt from; write one when starting from raw documents.
  const written = writeReport(results, out, { writeResultsJson: input.kind === "documents" || out !== inputDir });
  console.log(printable(results.analysis.headline));
  progress.step(`wrote ${[written.resultsJson, written.markdown, written.html].filter(Boolean).join(", ")}`);
  return 0;
}

/** Loads an input and says on stderr which file stands for it and what was skipped. */
function loadAndSay(path: string, progress: Progress): LoadedInput {
  const input = loadInput(path);
  if (input.kind === "documents") {
    for (const s of input.skipped) progress.warn(`skipped ${join(input.dir, s.file)}: ${s.reason}`);
  } else {
    progress.step(`using ${input.file}${resolve(input.file) === resolve(path) ? "" : " (the folder holds no documents)"}`);
  }
  return input;
}

/** Text from documents and file names, safe for a terminal: control characters (escape sequences) shown as \xNN. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** A run's label: its folder name, or the folder holding its results.json. */
function labelOf(path: string): string {
  const abs = resolve(path);
  return basename(abs) === "results.json" ? basename(resolve(abs, "..")) : basename(abs);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(printable(`report: ${error instanceof Error ? error.message : String(error)}`));
  process.exitCode = 1;
}
