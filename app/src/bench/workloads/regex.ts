import { makeAccessLog } from "./inputs.js";
import { BYTES_PER_MB, cpuWorkload } from "./types.js";

const ACCESS_LINE = /^(\d+\.\d+\.\d+\.\d+) - - \[([^\]]+)\] "([A-Z]+) ([^ ?"]+)(?:\?([^ "]*))? HTTP\/1\.1" (\d{3}) (\d+) "[^"]*" "([^"]*)" ([\d.]+)$/;

/** Parse access-log lines: regex match, route templating, query splitting, counting: log and router work. */
export const regexWorkload = cpuWorkload("MB/s", "regex parsing and string rewriting of 32 KB of access-log lines, per MB", () => {
  const text = makeAccessLog(32 * 1024);
  const lines = text.split("\n");
  const megabytes = Buffer.byteLength(text) / BYTES_PER_MB;
  return () => {
    const routes = new Map<string, number>();
    let errors = 0;
    for (const line of lines) {
      const match = ACCESS_LINE.exec(line);
      if (!match) continue;
      const route = `${match[3]} ${match[4]!.replace(/\/\d+(?=\/|$)/g, "/:id").toLowerCase()}`;
      routes.set(route, (routes.get(route) ?? 0) + 1);
      const params = (match[5] ?? "").split("&").map((kv) => kv.split("=", 2));
      if (params.length > 8 || match[6]!.startsWith("5") || /bot|crawler/i.test(match[8]!)) errors++;
    }
    // uses every result, so no part of the work can be optimised away
    if (routes.size === 0 || errors > lines.length) throw new Error("regex workload matched no line");
    return megabytes;
  };
});
