import type { BenchmarkDocument } from "./results-contract.js";

/** A human-readable summary for stderr (the machine-readable document goes to stdout). */
export function renderTable(doc: BenchmarkDocument): string {
  const header = ["workload", "threads", "median", "unit", "per thread", "95% CI", "CV", ""];
  const rows = doc.workloads.map((w) =>
    w.status === "ok"
      ? [
          w.name,
          String(w.threads),
          fmt(w.median),
          w.unit,
          fmt(w.median / w.threads),
          `${fmt(w.ci95[0])} – ${fmt(w.ci95[1])}`,
          `${(w.cv * 100).toFixed(1)}%`,
          w.stable ? "" : "UNSTABLE",
        ]
      : [w.name, String(w.threads), "—", w.unit, "—", "—", "—", `FAILED: ${w.error}`],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 3 || i === 7 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  const lines = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  if (doc.http) {
    const h = doc.http;
    lines.push(
      "",
      `http: ${fmt(h.rps)} req/s, latency p50 ${fmt(h.p50Ms)} ms, p90 ${fmt(h.p90Ms)} ms, p99 ${fmt(h.p99Ms)} ms, ${h.errors} errors`,
    );
  }
  return lines.join("\n");
}

function fmt(n: number): string {
  if (n === 0) return "0";
  const abs = Math.abs(n);
  return abs >= 1000 ? Math.round(n).toLocaleString("en-US") : abs >= 1 ? n.toFixed(abs >= 100 ? 1 : 2) : n.toPrecision(3);
}
