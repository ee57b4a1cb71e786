import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledPriceTable } from "../../../stacks/prices/bundled";
import { renderReport } from "../../../stacks/rendering/report";
import { assembleResults } from "../../../stacks/analysis/results-file";
import { poolsFromDocuments } from "../../../stacks/sources/files";
import { scenarioDocuments } from "../fixtures/documents";
import { colourStats, decodePng } from "../helpers/png";
import { CHROMIUM as CHROMIUM_TOOL, lookUpTool, toolForSuite } from "../../helpers/required-tool";

/**
 * report.html in real headless Chromium (Debian package `chromium`): the inlined vega bundles must render
 * both charts as SVG, offline, and the screenshot must not be blank. Skipped, loudly, without chromium.
 */
const CHROMIUM = toolForSuite(lookUpTool(CHROMIUM_TOOL)); // off CI: undefined, reason printed; CI=true: throws
const run = promisify(execFile);

describe.skipIf(!CHROMIUM)("report.html in headless Chromium", () => {
  let dir: string;
  let dom: string;
  let png: Buffer;

  const chromium = (profile: string, ...args: string[]) =>
    run(
      CHROMIUM as string,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${join(dir, profile)}`,
        "--window-size=1280,1400",
        "--virtual-time-budget=15000",
        ...args,
        `file://${join(dir, "report.html")}`,
      ],
      { timeout: 45_000, maxBuffer: 64 * 1024 * 1024 },
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "archbench-browser-"));
    const { x86, arm } = scenarioDocuments();
    const results = assembleResults({
      manifest: { source: "files", region: "us-east-1", imageDigests: {}, pools: [], collectedAt: "2026-11-26T10:00:00Z" },
      pools: poolsFromDocuments([x86, arm]),
      prices: bundledPriceTable("us-east-1"),
    });
    writeFileSync(join(dir, "report.html"), renderReport(results).html);
    // Two separate runs (fresh profiles): one dumps the DOM after scripts ran, one takes the screenshot.
    const [dumped] = await Promise.all([chromium("profile-dom", "--dump-dom"), chromium("profile-png", `--screenshot=${join(dir, "report.png")}`)]);
    dom = dumped.stdout;
    png = readFileSync(join(dir, "report.png"));
  }, 60_000);
  afterAll(() => {
    if (dir && !process.env.ARCHBENCH_KEEP_SCREENSHOT) rmSync(dir, { recursive: true, force: true });
    else if (dir) console.log(`screenshot kept: ${join(dir, "report.png")}`);
  });

  it("renders both charts as vega SVG, without errors", () => {
    for (const id of ["chart-throughput", "chart-per-dollar"]) {
      const start = dom.indexOf(`id="${id}"`);
      expect(start, id).toBeGreaterThan(-1);
      const chart = dom.slice(start, dom.indexOf("</figure>", start));
      // Booleans, not the DOM, in failure messages: the SVG runs to tens of kilobytes.
      expect(/^id="[^"]+" class="[^"]*vega-embed/.test(chart), `${id} embedded by vega-embed`).toBe(true);
      expect(/<svg[^>]*class="marks"/.test(chart), `${id} rendered as SVG`).toBe(true);
      // One bar per pool and workload plus the overall bar: baseline and candidate for 2 workloads + 1.
      expect(chart.match(/aria-roledescription="bar"/g)?.length ?? 0, `${id} bars`).toBe(5);
    }
    // The page's error handler marks a chart that failed to render with this class.
    expect(dom.includes('class="chart-error"'), "a chart failed to render").toBe(false);
  });

  it("produces a screenshot that is not blank", () => {
    const image = decodePng(png);
    expect(image.width).toBe(1280);
    const stats = colourStats(image);
    expect(stats.distinctColours).toBeGreaterThan(20);
    // Charts' bars in the vega category colours (amd64 #4c78a8, arm64 #f58518) are on the page.
    const has = (r: number, g: number, b: number): boolean => {
      for (let i = 0; i < image.pixels.length; i += image.channels) {
        if (image.pixels[i] === r && image.pixels[i + 1] === g && image.pixels[i + 2] === b) return true;
      }
      return false;
    };
    expect(has(0x4c, 0x78, 0xa8)).toBe(true);
    expect(has(0xf5, 0x85, 0x18)).toBe(true);
    expect(stats.nonBackground / (image.width * image.height)).toBeGreaterThan(0.02);
  });
});
