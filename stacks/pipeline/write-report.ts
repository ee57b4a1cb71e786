import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ResultsFile } from "../sources/stored-results";
import { loadChartBundles } from "../rendering/bundles";
import { reportCharts } from "../rendering/charts";
import { renderHtml } from "../rendering/html";
import { renderMarkdown } from "../rendering/markdown";

export interface WrittenReport {
  resultsJson?: string;
  markdown: string;
  html: string;
}

/** Renders report.md and report.html for a results file. Pure apart from reading the chart bundles. */
export function renderReport(results: ResultsFile): { markdown: string; html: string } {
  const markdown = renderMarkdown(results);
  const title = markdown.split("\n")[0]?.replace(/^#\s*/, "") ?? "archbench report";
  return { markdown, html: renderHtml(title, markdown, reportCharts(results.analysis), loadChartBundles()) };
}

/** Writes results.json (unless told not to: a rebuild must not overwrite its input), report.md, report.html. */
export function writeReport(results: ResultsFile, outDir: string, options: { writeResultsJson: boolean }): WrittenReport {
  mkdirSync(outDir, { recursive: true });
  const { markdown, html } = renderReport(results);
  const written: WrittenReport = { markdown: join(outDir, "report.md"), html: join(outDir, "report.html") };
  if (options.writeResultsJson) {
    written.resultsJson = join(outDir, "results.json");
    writeFileSync(written.resultsJson, `${JSON.stringify(results, null, 2)}\n`);
  }
  writeFileSync(written.markdown, markdown);
  writeFileSync(written.html, html);
  return written;
}
