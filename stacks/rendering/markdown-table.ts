/** Markdown tables shared by report.md, report.html and compare.md (numbers: ../shared/number-format.ts). */

/** Escapes a table cell: pipes and newlines would break a Markdown table. */
export function cell(value: string | number | undefined): string {
  if (value === undefined || value === "") return "—";
  // A pipe already escaped (odd run of backslashes before it, see ./markdown-escape.ts) stays as it is.
  return String(value)
    .replace(/(\\*)\|/g, (_, slashes: string) => (slashes.length % 2 === 1 ? `${slashes}|` : `${slashes}\\|`))
    .replace(/\r?\n/g, " ");
}

export function markdownTable(header: string[], rows: Array<Array<string | number | undefined>>): string {
  const line = (cells: Array<string | number | undefined>): string => `| ${cells.map(cell).join(" | ")} |`;
  return [line(header), `| ${header.map(() => "---").join(" | ")} |`, ...rows.map(line)].join("\n");
}
