import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli as cli } from "../helpers/run-cli";
import { scenarioFolder } from "../helpers/scenario-folder";

/** `npm run report -- --from DIR` on a folder holding every kind of entry a careless or hostile user leaves there. */
const scratch = mkdtempSync(join(tmpdir(), "archbench-inputs-"));
const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** An entry the report cannot read even as root: a write-only sysctl (root's read is refused there too). */
const WRITE_ONLY_SYSCTL = "/proc/sys/vm/compact_memory";

function unreadable(file: string): void {
  if (process.getuid?.() === 0 && existsSync(WRITE_ONLY_SYSCTL)) {
    symlinkSync(WRITE_ONLY_SYSCTL, file);
  } else {
    writeFileSync(file, "{}");
    chmodSync(file, 0o000);
  }
}

describe("npm run report -- --from a folder with entries that are not readable documents", () => {
  it("skips each with its reason (report.md, report.html, stderr), follows a symlink to a document, reports the rest", async () => {
    const dir = join(scratch, "run");
    const { x86, arm } = scenarioFolder(dir);
    // A symlink to a regular file is followed: the third pool is reported.
    writeFileSync(join(scratch, "elsewhere.json"), JSON.stringify({ ...arm, pool: "bench-linked" }));
    symlinkSync(join(scratch, "elsewhere.json"), join(dir, "linked.json"));

    symlinkSync("loop.json", join(dir, "loop.json"));
    symlinkSync("nowhere.json", join(dir, "dangling.json"));
    mkdirSync(join(dir, "folder.json"));
    execFileSync("mkfifo", [join(dir, "fifo.json")]);
    const server = createServer();
    servers.push(server);
    await new Promise<void>((done) => server.listen(join(dir, "socket.json"), done));
    symlinkSync("/dev/zero", join(dir, "device.json"));
    unreadable(join(dir, "unreadable.json"));
    writeFileSync(join(dir, "empty.json"), "");
    writeFileSync(join(dir, "binary.log"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0xff]));
    writeFileSync(join(dir, "huge.json"), "");
    truncateSync(join(dir, "huge.json"), 8 * 1024 * 1024 + 1); // sparse: no disk used; one byte over the limit
    writeFileSync(join(dir, "notes.txt"), "a document saved under another name");
    writeFileSync(join(dir, "UPPER.JSON"), JSON.stringify({ ...x86, pool: "bench-upper" }));

    const { code, stderr } = await cli("stacks/cli/report.ts", ["--from", dir]);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(code, stderr).toBe(0);
    const expected: Record<string, RegExp> = {
      "loop.json": /symlink loop/,
      "dangling.json": /dangling symlink/,
      "folder.json": /a folder, not a document file/,
      "fifo.json": /a FIFO \(named pipe\), not a document file/,
      "socket.json": /a socket, not a document file/,
      "device.json": /a device, not a document file/,
      "unreadable.json": /unreadable \(permission denied\)/,
      "empty.json": /empty file \(0 bytes\)/,
      "binary.log": /binary file/,
      "huge.json": /8388609 bytes, over the limit of 8388608 bytes \(8 MiB\)/,
      "notes.txt": /not named \.json or \.log, so not read as a document/,
    };
    const results = JSON.parse(readFileSync(join(dir, "results.json"), "utf8")) as {
      pools: Array<{ pool: string; outcome: string }>;
      manifest: { inputs: string[]; skipped: Array<{ file: string; reason: string }> };
    };
    expect(results.pools.map((p) => `${p.pool}: ${p.outcome}`).sort()).toEqual(["bench-arm: ok", "bench-linked: ok", "bench-upper: ok", "bench-x86: ok"]);
    expect(results.manifest.skipped.map((s) => s.file).sort()).toEqual(Object.keys(expected).sort());
    const md = readFileSync(join(dir, "report.md"), "utf8");
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(md).toContain("## Skipped inputs");
    expect(html).toContain("<h2>Skipped inputs</h2>");
    for (const [file, reason] of Object.entries(expected)) {
      expect(stderr).toMatch(new RegExp(`warning: skipped ${join(dir, file).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ${reason.source}`));
      const line = md.split("\n").find((l) => l.startsWith(`- ${file}:`));
      expect(line, `${file} in report.md`).toMatch(reason);
    }
  }, 40_000);

  it("fails with the reasons, and no hang, when no entry is a readable document", async () => {
    const dir = join(scratch, "nothing");
    mkdirSync(dir);
    execFileSync("mkfifo", [join(dir, "a.json")]);
    mkdirSync(join(dir, "b.json"));
    const { code, stderr } = await cli("stacks/cli/report.ts", ["--from", dir]);
    expect(code).toBe(1);
    expect(stderr).toContain(`report: ${dir}: no readable document; skipped: a.json (a FIFO (named pipe), not a document file); b.json (a folder, not a document file)`);
  }, 40_000);

  it("never opens a FIFO given as --from results.json", async () => {
    const dir = join(scratch, "fifo-results");
    mkdirSync(dir);
    execFileSync("mkfifo", [join(dir, "results.json")]);
    const { code, stderr } = await cli("stacks/cli/report.ts", ["--from", join(dir, "results.json")]);
    expect(code).toBe(1);
    expect(stderr).toContain("results.json: a FIFO (named pipe), not a document file");
  }, 40_000);

  it("a re-run on the same folder sees a document added since, and says the old results.json was regenerated", async () => {
    const dir = join(scratch, "rerun");
    const { arm } = scenarioFolder(dir);
    expect((await cli("stacks/cli/report.ts", ["--from", dir])).code).toBe(0);
    writeFileSync(join(dir, "bench-late.json"), JSON.stringify({ ...arm, pool: "bench-late" }));

    const rerun = await cli("stacks/cli/report.ts", ["--from", dir]);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain(`warning: ${join(dir, "results.json")} was not read: rebuilt from the 3 document(s) in ${dir}; that results.json is regenerated`);
    const pools = (file: string): string[] => (JSON.parse(readFileSync(file, "utf8")) as { pools: Array<{ pool: string }> }).pools.map((p) => p.pool);
    expect(pools(join(dir, "results.json"))).toEqual(["bench-arm", "bench-late", "bench-x86"]);
    expect(readFileSync(join(dir, "report.md"), "utf8")).toContain("bench-late");

    // The file itself is still the input when given as the path, and stays as it was.
    const before = readFileSync(join(dir, "results.json"), "utf8");
    const fromFile = await cli("stacks/cli/report.ts", ["--from", join(dir, "results.json")]);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stderr).toContain(`using ${join(dir, "results.json")}`);
    expect(readFileSync(join(dir, "results.json"), "utf8")).toBe(before);

    // A folder whose only input is its results.json is read from it, and says so.
    const only = join(scratch, "only-results");
    mkdirSync(only);
    writeFileSync(join(only, "results.json"), before);
    const fromFolder = await cli("stacks/cli/report.ts", ["--from", only]);
    expect(fromFolder.code).toBe(0);
    expect(fromFolder.stderr).toContain(`using ${join(only, "results.json")} (the folder holds no documents)`);
    expect(pools(join(only, "results.json"))).toEqual(["bench-arm", "bench-late", "bench-x86"]);
  }, 60_000);

  it("writes no control characters from documents or file names to the terminal", async () => {
    const dir = join(scratch, "terminal");
    scenarioFolder(dir, (arm) => ({ ...arm, pool: "arm\u001b]0;owned\u0007" }));
    writeFileSync(join(dir, "bad\u001b[2J.json"), JSON.stringify({ pool: "\u001b[31mred" }));
    mkdirSync(join(dir, "dir\u001b[1m.json"));
    const { code, stdout, stderr } = await cli("stacks/cli/report.ts", ["--from", dir, "--baseline", "bench-x86"]);
    expect(code, stderr).toBe(0);
    expect(`${stdout}${stderr}`.replace(/\n/g, "")).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(stdout).toContain("arm\\x1b]0;owned\\x07 (arm64");
    expect(stderr).toContain("dir\\x1b[1m.json: a folder");

    const none = join(scratch, "none\u001b[2J");
    mkdirSync(none);
    mkdirSync(join(none, "x\u001b[1m.json"));
    const failed = await cli("stacks/cli/report.ts", ["--from", none]);
    expect(failed.code).toBe(1);
    expect(failed.stderr.replace(/\n/g, "")).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(failed.stderr).toContain("x\\x1b[1m.json (a folder, not a document file)");
  }, 40_000);
});
