/** An ISO 8601 UTC instant to the second, e.g. 2026-11-26T18:00:00Z: a valid AWS tag value. */
export const UTC_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/**
 * Whether a UTC instant names a real calendar date and time. Compares the fields themselves: `Date` rolls
 * 2026-02-30 over into March instead of refusing it. A leap second (:60) is refused.
 */
export function isRealUtcInstant(text: string): boolean {
  const match = UTC_INSTANT.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59;
}
