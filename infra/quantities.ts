/**
 * Kubernetes resource quantities as archbench accepts them. Stricter than Kubernetes on purpose: a quantity
 * that Kubernetes takes but that makes no sense for the resource ("2048m" of memory is 2.048 bytes) is refused.
 */

// Maps, not objects: the suffix is user input.
const MEMORY_UNITS = new Map<string, number>([
  ["", 1],
  ["k", 1e3],
  ["M", 1e6],
  ["G", 1e9],
  ["T", 1e12],
  ["Ki", 2 ** 10],
  ["Mi", 2 ** 20],
  ["Gi", 2 ** 30],
  ["Ti", 2 ** 40],
]);

/** What a memory quantity may look like, for messages. */
export const MEMORY_QUANTITY_FORMS =
  'a memory quantity: a number with a binary suffix Ki, Mi, Gi, Ti (e.g. "2Gi", "1.5Gi"), a decimal suffix k, M, G, T (e.g. "2G"), or whole bytes without a suffix';

/** Bytes of a memory quantity ("2Gi", "1.5Gi", "2G", "4000000k", "2147483648"), or undefined when it is none or zero. */
export function memoryBytes(quantity: string): number | undefined {
  const match = /^(\d+)(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity);
  if (!match) return undefined;
  const [, whole = "", fraction = "", suffix = ""] = match;
  const unit = MEMORY_UNITS.get(suffix);
  if (unit === undefined || (suffix === "" && fraction !== "")) return undefined;
  const bytes = Math.round(Number(`${whole}${fraction}`) * unit);
  return bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** What a CPU quantity may look like, for messages. */
export const CPU_QUANTITY_FORMS = 'a CPU quantity: millicores such as "250m", or CPUs with at most 3 decimals such as "0.5" or "1"';

/** Millicores of a CPU quantity ("250m", "0.5", "1"), or undefined when it is none or zero. */
export function cpuMillis(quantity: string): number | undefined {
  const milli = /^(\d+)m$/.exec(quantity);
  const cores = /^\d+(\.\d{1,3})?$/.test(quantity) ? Math.round(Number(quantity) * 1000) : undefined;
  const millis = milli ? Number(milli[1]) : cores;
  return millis !== undefined && millis > 0 && Number.isSafeInteger(millis) ? millis : undefined;
}

/** 1073741824 → "1Gi", 1610612736 → "1536Mi": the largest binary unit that divides it. */
export function formatMemory(bytes: number): string {
  for (const [suffix, unit] of [["Ti", 2 ** 40], ["Gi", 2 ** 30], ["Mi", 2 ** 20], ["Ki", 2 ** 10]] as const) {
    if (bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}
