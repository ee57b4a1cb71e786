import { z } from "zod";
import { shown } from "./shown";

export interface WholeNumberRange {
  min: number;
  max: number;
  /** What is counted, for the message: "seconds", "CPUs", "hours", … */
  unit?: string;
  /** Why the range is what it is, when that is not obvious. */
  why?: string;
}

/** "must be a whole number of seconds from 1 to 600": the allowed range, as every message for the field says it. */
export function wholeNumberRange({ min, max, unit, why }: WholeNumberRange): string {
  return `must be a whole number${unit ? ` of ${unit}` : ""} from ${min} to ${max}${why ? ` (${why})` : ""}`;
}

/** Each field built by wholeNumber, with its range: the README check reads the ranges from here. */
const RANGES = new WeakMap<object, WholeNumberRange>();

/** The range of a field built by wholeNumber (under any .default/.optional), or undefined. */
export function wholeNumberRangeOf(schema: unknown): WholeNumberRange | undefined {
  let current = schema;
  while (typeof current === "object" && current !== null) {
    const range = RANGES.get(current);
    if (range) return range;
    current = (current as { def?: { innerType?: unknown } }).def?.innerType;
  }
  return undefined;
}

/**
 * An integer config field whose every message (wrong type, fraction, below min, above max) names the value
 * given and the allowed range. One builder for all of them, so no custom message can hide the range again
 * (a schema-level message in zod overrides the min/max messages that have none of their own).
 */
export function wholeNumber(range: WholeNumberRange) {
  const allowed = wholeNumberRange(range);
  const message = (issue: { input?: unknown }) => `is ${shown(issue.input)}; ${allowed}; set a value in that range`;
  // A missing value is left to the parse's error map ("is required"); defaults fill optional ones.
  const typeMessage = (issue: { input?: unknown }) => (issue.input === undefined ? undefined : message(issue));
  const field = z.int({ error: typeMessage }).min(range.min, { error: message }).max(range.max, { error: message });
  RANGES.set(field, range);
  return field;
}
