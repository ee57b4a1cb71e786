import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const SHELL_SHEBANG = /^#!\s*(?:\/usr\/bin\/env\s+)?(?:\/\S*\/)?(?:ba|da|k)?sh\b/;

/**
 * The repository's shell scripts: tracked `*.sh` files and tracked files without the extension whose
 * first line is a sh/bash shebang (such as .ci/run).
 */
export function trackedShellScripts(root: string): string[] {
  const result = spawnSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ls-files failed in ${root}: ${result.stderr || String(result.error)}`);
  const files = result.stdout.split("\0").filter(Boolean);
  return files.filter((file) => file.endsWith(".sh") || hasShellShebang(path.join(root, file))).sort();
}

function hasShellShebang(file: string): boolean {
  try {
    const fd = fs.openSync(file, "r");
    const buffer = Buffer.alloc(128);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    fs.closeSync(fd);
    return SHELL_SHEBANG.test(buffer.subarray(0, read).toString("utf8").split("\n")[0] ?? "");
  } catch {
    return false; // a tracked file deleted in the working tree
  }
}
