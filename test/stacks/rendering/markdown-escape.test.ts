import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../../stacks/rendering/markdown-escape";
import { resultsFromInput, writeReport } from "../../../stacks/pipeline/results-pipeline";
import { loadInput } from "../../../stacks/sources/files";
import { makeDocument, okWorkload } from "../fixtures/documents";

const scratch = mkdtempSync(join(tmpdir(), "archbench-hostile-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("escapeMarkdown", () => {
  it.each([
    ["<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"],
    ["a | b", "a \\| b"],
    ["**bold** _em_ `code` [link](javascript:x)", "\\*\\*bold\\*\\* \\_em\\_ \\`code\\` \\[link\\](javascript:x)"],
    ["&amp; &#60;", "\\&amp; \\&#60;"],
    ["# heading", "\\# heading"],
    ["- item", "\\- item"],
    ["1. item", "1\\. item"],
    ["a\nb\r\nc\td", "a b c d"],
    ["nul\u0000bell\u0007esc\u001b[31mdel\u007f", "nulbellesc\\[31mdel"],
    ["back\\slash", "back\\\\slash"],
    ["m7g.xlarge (arm64) ip-10-0-1-20", "m7g.xlarge (arm64) ip-10-0-1-20"],
    ["6.12.40-63.amzn2023.x86_64", "6.12.40-63.amzn2023.x86_64"],
    ["1.35", "1.35"],
    ["-1 _x", "-1 \\_x"],
    // C1 controls (a terminal's 8-bit CSI) and bidirectional overrides, which make a node name read backwards.
    ["csi\u009b31mx rlo\u202egnp.exe lri\u2066y\u2069", "csi31mx rlognp.exe lriy"],
  ])("%j → %j", (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe("report.md and report.html from a hostile document (the real pipeline)", () => {
  it("carry no raw HTML, markup, table breaks or control characters from the document, and show its text", () => {
    const dir = join(scratch, "hostile");
    mkdirSync(dir);
    const evil = "<img src=x onerror=alert(1)>|**bold**|`tick`";
    const hostile = makeDocument({
      pool: `# ${evil}`,
      arch: "arm64",
      runId: "<script>alert('run')</script>\u0000",
      node: "[click](javascript:alert(1))\nnext line",
      cpuModel: "Neoverse\u0000<b>V1</b>\u001b[31m",
      instanceType: "m7g.xlarge<iframe>",
      image: "repo@sha256:img&lt;x&gt;_under_",
      workloads: [
        okWorkload({ name: "json", threads: 1, samples: [120, 121, 119] }),
        { status: "failed", name: "<u>gzip</u>", unit: "MB/s", threads: 1, error: "boom <svg onload=alert(1)> | x\u0000" },
      ],
    });
    const base = makeDocument({ pool: "bench-x86", arch: "amd64", instanceType: "m7i.xlarge", workloads: [okWorkload({ name: "json", threads: 1, samples: [100, 100, 100] })] });
    writeFileSync(join(dir, "hostile.json"), JSON.stringify(hostile));
    writeFileSync(join(dir, "base.json"), JSON.stringify(base));
    mkdirSync(join(dir, "<marquee>x|skipped.json"));
    const results = resultsFromInput(loadInput(dir), { baselinePool: "bench-x86" });
    const written = writeReport(results, join(dir, "out"), { writeResultsJson: true });
    const md = readFileSync(written.markdown, "utf8");
    const html = readFileSync(written.html, "utf8");

    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    // Every "<" from a document is escaped, so no tag can open; the report's own text has none.
    expect(md).not.toMatch(/(^|[^\\])</m);
    expect(md).not.toMatch(/(^|[^\\])\[click\]/m);
    expect(md).not.toMatch(/^#+ .*(^|[^\\])\*\*bold/m);
    expect(md).toContain("\\<img src=x onerror=alert(1)\\>\\|\\*\\*bold\\*\\*\\|\\`tick\\`");
    expect(md).toContain("- \\<marquee\\>x\\|skipped.json: a folder, not a document file");
    // Tables keep their shape: every row of a table has as many cells as its header.
    for (const table of md.split(/\n{2,}/).filter((b) => b.startsWith("|"))) {
      const counts = table.split("\n").map((row) => row.split(/(?<!\\)\|/).length);
      expect(new Set(counts).size, table).toBe(1);
    }

    const body = html.slice(html.indexOf("</head>"), html.indexOf('<script id="chart-specs"'));
    for (const tag of ["<img", "<script", "<b>", "<iframe", "<svg", "<marquee", "<u>"]) expect(body).not.toContain(tag);
    expect(body).toContain("&lt;img src=x onerror=alert(1)&gt;|**bold**|`tick`");
    expect(body).toContain("Neoverse&lt;b&gt;V1&lt;/b&gt;");
    expect(body).toContain("img&amp;lt;x&amp;gt;_under_");
    expect(/<title>.*<\/title>/.exec(html)?.[0]).toBe("<title>archbench report — local files, run 7, &lt;script&gt;alert('run')&lt;/script&gt;</title>");
  });
});
