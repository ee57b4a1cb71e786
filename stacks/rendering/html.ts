import type { ChartBundles } from "./bundles";
import type { ReportChart } from "./charts";

/**
 * report.html: the Markdown report's content plus the Vega-Lite charts, with the chart libraries inlined
 * (no CDN, opens offline). Pure: bundles are passed in.
 */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Inline Markdown as produced by ./markdown.ts: **bold**, *em*, _em_, `code`, and backslash-escaped
 * punctuation (./markdown-escape.ts), which is held out of the markup rules and restored as text.
 */
function inline(text: string): string {
  const held: string[] = [];
  const marked = text.replace(/\\([!-/:-@[-`{-~])/g, (_, ch: string) => `\u0000${held.push(ch) - 1}\u0000`);
  return escapeHtml(marked)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
    .replace(/(^|\s)_([^_]+)_(?=[\s.,;]|$)/g, "$1<em>$2</em>")
    .replace(/\u0000(\d+)\u0000/g, (_, i: string) => escapeHtml(held[Number(i)] ?? ""));
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/**
 * The Markdown subset ./markdown.ts writes (headings, paragraphs, pipe tables, bullet lists) to HTML.
 * Kept to that subset on purpose: one source of truth for the report's text, no Markdown dependency.
 */
export function markdownToHtml(markdown: string): string {
  const out: string[] = [];
  const blocks = markdown.split(/\n{2,}/);
  for (const block of blocks) {
    const lines = block.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    const first = lines[0] as string;
    const heading = /^(#{1,6})\s+(.*)$/.exec(first);
    if (heading && lines.length === 1) {
      const level = (heading[1] as string).length;
      out.push(`<h${level}>${inline(heading[2] as string)}</h${level}>`);
    } else if (lines.every((l) => l.trim().startsWith("|"))) {
      const [head, , ...body] = lines;
      const th = splitRow(head as string).map((c) => `<th>${inline(c)}</th>`).join("");
      const trs = body.map((r) => `<tr>${splitRow(r).map((c) => `<td>${inline(c)}</td>`).join("")}</tr>`).join("\n");
      out.push(`<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${trs}\n</tbody>\n</table>`);
    } else if (lines.every((l) => l.startsWith("- "))) {
      out.push(`<ul>\n${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join("\n")}\n</ul>`);
    } else {
      out.push(`<p>${lines.map(inline).join("<br>\n")}</p>`);
    }
  }
  return out.join("\n");
}

/** JSON safe inside a <script> element (no "</script>", no "<!--"). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** A library bundle safe inside a <script> element. */
function scriptText(code: string): string {
  return code.replace(/<\/script/gi, "<\\/script");
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
code { background: #f3f3f3; padding: 0 3px; }
figure { margin: 1em 0 2em; }
figcaption { color: #555; margin-top: 0.3em; }
.chart-error { color: #b00; white-space: pre-wrap; }
`;

/**
 * The page. `reportMarkdown` is the full report.md; the charts go before the `chartsBefore` section (right
 * after the verdict) so the answer and its picture come first.
 */
export function renderHtml(title: string, reportMarkdown: string, charts: ReportChart[], bundles: ChartBundles, chartsBefore = "Run manifest"): string {
  const body = markdownToHtml(reportMarkdown);
  const figures = charts
    .map((c) =>
      c.spec
        ? `<figure><div id="${c.id}" class="chart"></div><figcaption>${escapeHtml(c.caption)}</figcaption></figure>`
        : `<figure><p>${escapeHtml(c.caption)}</p><p><em>No data: nothing could be compared.</em></p></figure>`,
    )
    .join("\n");
  const anchor = `<h2>${escapeHtml(chartsBefore)}</h2>`;
  const withCharts = body.includes(anchor) ? body.replace(anchor, () => `<h2>Charts</h2>\n${figures}\n${anchor}`) : `${body}\n<h2>Charts</h2>\n${figures}`;
  const specs = Object.fromEntries(charts.filter((c) => c.spec).map((c) => [c.id, c.spec]));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
<script>${scriptText(bundles.vega)}</script>
<script>${scriptText(bundles.vegaLite)}</script>
<script>${scriptText(bundles.vegaEmbed)}</script>
</head>
<body>
${withCharts}
<script id="chart-specs" type="application/json">${scriptJson(specs)}</script>
<script>
(function () {
  var specs = JSON.parse(document.getElementById("chart-specs").textContent);
  Object.keys(specs).forEach(function (id) {
    vegaEmbed("#" + id, specs[id], { renderer: "svg", actions: false }).catch(function (error) {
      var el = document.getElementById(id);
      el.className = "chart-error";
      el.textContent = "chart failed: " + error;
    });
  });
})();
</script>
</body>
</html>
`;
}
