import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureOutputDir, writeOutputFile } from "../../../stacks/shared/output-files";

const scratch = mkdtempSync(join(tmpdir(), "archbench-outputs-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("writeOutputFile", () => {
  it("replaces a FIFO of the output's name instead of blocking on it", () => {
    const dir = join(scratch, "fifo");
    mkdirSync(dir);
    execFileSync("mkfifo", [join(dir, "report.md")]);
    writeOutputFile(join(dir, "report.md"), "# report\n");
    expect(lstatSync(join(dir, "report.md")).isFile()).toBe(true);
    expect(readFileSync(join(dir, "report.md"), "utf8")).toBe("# report\n");
  });

  it("replaces a symlink of the output's name, never writing through it", () => {
    const dir = join(scratch, "link");
    mkdirSync(dir);
    writeFileSync(join(scratch, "elsewhere.txt"), "keep me");
    symlinkSync(join(scratch, "elsewhere.txt"), join(dir, "report.html"));
    writeOutputFile(join(dir, "report.html"), "<html>");
    expect(readFileSync(join(scratch, "elsewhere.txt"), "utf8")).toBe("keep me");
    expect(lstatSync(join(dir, "report.html")).isSymbolicLink()).toBe(false);
    expect(readdirSync(dir)).toEqual(["report.html"]);
  });

  it("refuses a folder of the output's name, naming it and the fix", () => {
    const dir = join(scratch, "folder");
    mkdirSync(join(dir, "results.json"), { recursive: true });
    expect(() => writeOutputFile(join(dir, "results.json"), "{}")).toThrow(/results\.json: is a folder.*remove or rename it, or pass another --out/);
  });
});

describe("ensureOutputDir", () => {
  it("says when --out names a file, with the fix", () => {
    writeFileSync(join(scratch, "a-file"), "x");
    expect(() => ensureOutputDir(join(scratch, "a-file"))).toThrow(/a-file: exists and is not a folder; pass --out a folder/);
  });
});
