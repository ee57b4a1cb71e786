/**
 * Kubernetes resource quantities ("500m", "2", "1Gi", "1e3") as numbers, so "1" and "1000m" compare
 * equal, as the API server compares them.
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

/** The quantity in base units; undefined when it is not a Kubernetes quantity. */
export function parseQuantity(quantity: unknown): number | undefined {
  if (typeof quantity === "number") return Number.isFinite(quantity) ? quantity : undefined;
  if (typeof quantity !== "string") return undefined;
  const match = QUANTITY.exec(quantity.trim());
  if (!match) return undefined;
  const [, number = "", exponent, suffix = ""] = match;
  const value = Number(number);
  if (exponent) return value * 10 ** Number(exponent.slice(1));
  return value * (BINARY[suffix] ?? DECIMAL[suffix] ?? Number.NaN);
}

/** Equal as quantities ("1" == "1000m"); false when either is missing or malformed. */
export function sameQuantity(a: unknown, b: unknown): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  // Millicores are the finest CPU unit, so compare to a thousandth of the larger value's unit.
  return x !== undefined && y !== undefined && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
}

/** A quantity as written, for messages. */
export function showQuantity(quantity: unknown): string {
  return typeof quantity === "string" || typeof quantity === "number" ? String(quantity) : JSON.stringify(quantity) ?? "none";
}
