/**
 * How numbers are written everywhere a person reads them (analysis sentences, report.md, report.html,
 * compare.md), so every place shows the same figures.
 */

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

/** "1.23× (95% CI 1.18–1.29)": how every ratio is written; `level` is the analysis's CI level. */
export function formatRatio(c: { estimate: number; ci: [number, number] | null }, level: number): string {
  const ci = c.ci ? ` (${Math.round(level * 100)}% CI ${c.ci[0].toFixed(2)}–${c.ci[1].toFixed(2)})` : " (no CI)";
  return `${c.estimate.toFixed(2)}×${ci}`;
}
