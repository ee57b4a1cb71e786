/**
 * Narrowing helpers for resource inputs: policies receive untyped JSON (`Record<string, any>`), and a
 * rule must never throw on a shape it did not expect; it reads what is there and judges that.
 */
export type Props = Record<string, unknown>;

export function isRecord(value: unknown): value is Props {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value as an object, or `{}`. */
export function record(value: unknown): Props {
  return isRecord(value) ? value : {};
}

/** The value as an array, or `[]`. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Walks `path` through nested objects; undefined as soon as a step is missing. */
export function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A string-to-string map (labels, nodeSelector); non-string values are dropped. */
export function stringMap(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(record(value)).filter((e): e is [string, string] => typeof e[1] === "string"));
}
