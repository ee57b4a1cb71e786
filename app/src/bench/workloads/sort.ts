import { mulberry32 } from "../prng.js";
import { cpuWorkload } from "./types.js";

interface Row {
  id: number;
  region: string;
  name: string;
  score: number;
}

const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1"];

/** Sort 5,000 rows by two keys, then group and aggregate into fresh objects: allocation-heavy JS. */
export const sortWorkload = cpuWorkload("ops/s", "copy + two-key sort of 5,000 rows, then map/filter/group into new objects, per op", () => {
  const random = mulberry32(4);
  const rows: Row[] = Array.from({ length: 5000 }, (_, id) => ({
    id,
    region: REGIONS[Math.floor(random() * REGIONS.length)]!,
    name: `user-${Math.floor(random() * 1e9).toString(36)}`,
    score: Math.floor(random() * 10_000) / 10,
  }));
  return () => {
    const sorted = rows
      .slice()
      .sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : b.score - a.score || a.id - b.id));
    const summaries = new Map<string, { region: string; count: number; total: number; top: string[] }>();
    for (const row of sorted.filter((r) => r.score >= 100).map((r) => ({ ...r, label: `${r.region}/${r.name}` }))) {
      const summary = summaries.get(row.region) ?? { region: row.region, count: 0, total: 0, top: [] };
      summary.count++;
      summary.total += row.score;
      if (summary.top.length < 10) summary.top.push(row.label);
      summaries.set(row.region, summary);
    }
    if (summaries.size === 0) throw new Error("sort workload produced no groups");
    return 1;
  };
});
