/** Number formatting shared by report.md and report.html, so both show the same figures. */

const significant = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 });
const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 4 significant digits, thousands grouped for large values: 1,234,568 · 12.35 · 0.0001235. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 10_000 ? grouped.format(value) : significant.format(value);
}

export function formatUsd(value: number | undefined): string {
  return value === undefined ? "—" : `$${formatNumber(value)}`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Escapes a table cell: pipes and newlines would break a Markdown table. */
export function cell(value: string | number | undefined): string {
  if (value === undefined || value === "") return "—";
  return String(value).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function markdownTable(header: string[], rows: Array<Array<string | number | undefined>>): string {
  const line = (cells: Array<string | number | undefined>): string => `| ${cells.map(cell).join(" | ")} |`;
  return [line(header), `| ${header.map(() => "---").join(" | ")} |`, ...rows.map(line)].join("\n");
}
