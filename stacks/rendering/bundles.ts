import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The built browser bundles of vega, vega-lite and vega-embed, inlined so report.html opens offline. */
export interface ChartBundles {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

// The packages' export maps hide build/*.min.js; resolve a file they do export, then look beside it.
const BUNDLE_PATHS: Record<keyof ChartBundles, [exported: string, file: string]> = {
  vega: ["vega/vega-schema.json", "vega.min.js"],
  vegaLite: ["vega-lite/vega-lite-schema.json", "vega-lite.min.js"],
  vegaEmbed: ["vega-embed", "vega-embed.min.js"],
};

let cached: ChartBundles | undefined;

export function loadChartBundles(): ChartBundles {
  if (cached) return cached;
  const read = ([exported, file]: [string, string]): string => {
    const path = join(dirname(require.resolve(exported)), file);
    try {
      return readFileSync(path, "utf8");
    } catch (error) {
      throw new Error(`chart bundle ${path} missing (${(error as Error).message}); run npm ci`);
    }
  };
  cached = { vega: read(BUNDLE_PATHS.vega), vegaLite: read(BUNDLE_PATHS.vegaLite), vegaEmbed: read(BUNDLE_PATHS.vegaEmbed) };
  return cached;
}
