import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli as cli } from "../helpers/run-cli";
import { scenarioFolder } from "../helpers/scenario-folder";

/** `npm run report` as users start it: flags, exit codes and files written. */
const scratch = mkdtempSync(join(tmpdir(), "archbench-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("npm run report", () => {
  it("--from a folder of documents writes results.json, report.md and report.html beside them", async () => {
    const dir = join(scratch, "run-a");
    scenarioFolder(dir);
    const { code, stdout, stderr } = await cli("stacks/cli/report.ts", ["--from", dir]);
    expect(stderr).toContain(`reading ${dir}`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^bench-arm \(arm64, m7g\.xlarge\) vs bench-x86/);
    for (const f of ["results.json", "report.md", "report.html"]) expect(existsSync(join(dir, f)), f).toBe(true);

    // --compare the folder with itself (via its results.json) into --out.
    const out = join(scratch, "cmp");
    const compared = await cli("stacks/cli/report.ts", ["--compare", dir, join(dir, "results.json"), "--out", out]);
    expect(compared.code).toBe(0);
    expect(readFileSync(join(out, "compare.md"), "utf8")).toContain("# archbench comparison — run-a vs run-a (2)");
  }, 30_000);

  it("rejects bad flags with the usage", async () => {
    const { code, stderr } = await cli("stacks/cli/report.ts", ["--form", "x"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Unknown option '--form'[\s\S]*usage: npm run report -- --from/);
  });

  it("names a missing input", async () => {
    const { code, stderr } = await cli("stacks/cli/report.ts", ["--from", "nowhere"]);
    expect(code).toBe(1);
    expect(stderr).toContain("report: nowhere: no such file or folder");
  });
});
