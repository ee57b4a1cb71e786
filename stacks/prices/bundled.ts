import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePriceTable, type PriceTable } from "./price-table";

/** Bundled tables by region: copied with their source/date header, so a report says how old its prices are. */
const BUNDLED_FILES: Record<string, string> = {
  "us-east-1": "aws-ondemand-us-east-1.tsv",
};

export const BUNDLED_REGIONS = Object.keys(BUNDLED_FILES);

const cache = new Map<string, PriceTable>();

/** The bundled on-demand table for a region; throws naming the regions that are bundled. */
export function bundledPriceTable(region: string): PriceTable {
  const cached = cache.get(region);
  if (cached) return cached;
  const file = Object.hasOwn(BUNDLED_FILES, region) ? BUNDLED_FILES[region] : undefined;
  if (!file) {
    throw new Error(
      `no bundled on-demand prices for region "${region}" (bundled: ${BUNDLED_REGIONS.join(", ")}); ` +
        `add stacks/prices/aws-ondemand-${region}.tsv with the same header`,
    );
  }
  const path = join(__dirname, file);
  const table = parsePriceTable(readFileSync(path, "utf8"), path);
  cache.set(region, table);
  return table;
}
