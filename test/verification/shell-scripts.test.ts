import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../stacks/shared/project-dir";
import { lookUpTool, SHELLCHECK, toolOrSkip } from "../helpers/required-tool";
import { formatFindings, shellcheck } from "./shellcheck";
import { trackedShellScripts } from "./shell-scripts";

const shellcheckTool = lookUpTool(SHELLCHECK);

describe("the repository's shell scripts", () => {
  const scripts = trackedShellScripts(PROJECT_DIR);

  it("include the CI script and every tracked *.sh", () => {
    expect(scripts).toContain(".ci/run");
    expect(scripts).toContain(".ci/use-node24.sh");
  });

  it("pass shellcheck (following sourced files)", (ctx) => {
    toolOrSkip(shellcheckTool, ctx);
    expect(formatFindings(shellcheck(scripts, { cwd: PROJECT_DIR }))).toEqual([]);
  });
});

describe("the shellcheck check", () => {
  it("reports a script's bugs, so a clean result means something", (ctx) => {
    toolOrSkip(shellcheckTool, ctx);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archbench-sc-"));
    try {
      fs.writeFileSync(path.join(dir, "bad.sh"), '#!/usr/bin/env bash\nfor f in $(ls *.txt); do\n  rm $f\ndone\ncd /tmp\n');
      const codes = shellcheck(["bad.sh"], { cwd: dir }).map((f) => f.code);
      expect(codes).toEqual(expect.arrayContaining([2045, 2035, 2086]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finds shell scripts by shebang as well as by extension", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archbench-git-"));
    try {
      fs.writeFileSync(path.join(dir, "run"), "#!/usr/bin/env bash\necho hi\n");
      fs.writeFileSync(path.join(dir, "tool"), "#!/bin/sh\necho hi\n");
      fs.writeFileSync(path.join(dir, "script.py"), "#!/usr/bin/env python3\n");
      fs.writeFileSync(path.join(dir, "a.sh"), "echo hi\n");
      const git = (...args: string[]) => expect(spawnGit(dir, args)).toBe(0);
      git("init", "-q");
      git("add", ".");
      expect(trackedShellScripts(dir)).toEqual(["a.sh", "run", "tool"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function spawnGit(cwd: string, args: string[]): number | null {
  return spawnSync("git", args, { cwd }).status;
}
