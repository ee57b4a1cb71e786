/**
 * A user's value as a message quotes it: plain names as they are, anything else as JSON, cut to `max`
 * characters (a 10 MB config value must not become a 10 MB error message). Numbers print as numbers
 * (JSON would print Infinity as null).
 */
export function shown(value: unknown, max = 60): string {
  if (typeof value === "number") return String(value);
  // A plain name reads as itself; a string that could pass for a number, boolean or null keeps its quotes.
  if (typeof value === "string" && value.length <= max && /^[\w.:/@+-]+$/.test(value) && /[a-z]/i.test(value) && !/^(true|false|null|infinity|nan)$/i.test(value)) {
    return value;
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}
