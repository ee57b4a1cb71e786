/**
 * Text from documents (pool, node, CPU model, error messages, file names…) as inert Markdown: it can
 * neither inject HTML nor markup into report.md, whatever renderer shows it. One function for table
 * cells and running text alike; ./html.ts undoes the backslash escapes when it renders report.html.
 */

/**
 * ASCII punctuation that Markdown (CommonMark, GFM tables) gives a meaning to inline. "_" inside a word
 * (x86_64) can neither open nor close emphasis, so it is left as it is there.
 */
const SPECIAL = /[\\`*[\]<>&|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;

/**
 * C0 controls, DEL and C1 controls (NUL included), and the bidirectional embeddings, overrides and
 * isolates that make text display in another order than it reads; tab and line breaks become spaces instead.
 */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function escapeMarkdown(value: string): string {
  const flat = value.replace(/\r\n|[\r\n\t\u2028\u2029]/g, " ").replace(CONTROL, "");
  // Headings and list markers only mean something at the start of a line: "#", and "-", "+", "1." before a space.
  return flat
    .replace(SPECIAL, "\\$&")
    .replace(/^(\s*)(#|[+-](?=\s|$))/, "$1\\$2")
    .replace(/^(\s*\d+)\.(?=\s|$)/, "$1\\.");
}

/** escapeMarkdown for an optional value: undefined stays undefined (an empty cell). */
export function escapeOptional(value: string | undefined): string | undefined {
  return value === undefined ? undefined : escapeMarkdown(value);
}
