import type { ResultsFile } from "../analysis/results-file";
import { loadChartBundles } from "./bundles";
import { reportCharts } from "./charts";
import { renderHtml } from "./html";
import { renderMarkdown } from "./markdown";

/** Renders report.md and report.html for a results file. Pure apart from reading the chart bundles. */
export function renderReport(results: ResultsFile): { markdown: string; html: string } {
  const markdown = renderMarkdown(results);
  // The heading's text without its Markdown escapes (renderHtml escapes it for HTML).
  const title = markdown.split("\n")[0]?.replace(/^#\s*/, "").replace(/\\([!-/:-@[-`{-~])/g, "$1") ?? "archbench report";
  return { markdown, html: renderHtml(title, markdown, reportCharts(results.analysis), loadChartBundles()) };
}
