import { spawnSync } from "node:child_process";
import { SHELLCHECK } from "../helpers/required-tool";

/** One shellcheck finding (`-f json1`). */
export interface ShellcheckFinding {
  file: string;
  line: number;
  column: number;
  level: string;
  code: number;
  message: string;
}

/**
 * Runs shellcheck on files (paths relative to `cwd`, which is also where `source` paths resolve with
 * -x) and returns its findings. `exclude` lists codes to ignore, as "SC2154". Tests look shellcheck up
 * first (test/helpers/required-tool.ts), so a missing one skips or fails with the install command.
 */
export function shellcheck(files: string[], options: { cwd: string; shell?: "bash" | "sh"; exclude?: string[] }): ShellcheckFinding[] {
  if (files.length === 0) return [];
  const args = ["--norc", "-f", "json1", "-x"];
  if (options.shell) args.push("--shell", options.shell);
  if (options.exclude?.length) args.push("--exclude", options.exclude.join(","));
  const result = spawnSync("shellcheck", [...args, "--", ...files], { cwd: options.cwd, encoding: "utf8" });
  if (result.error) {
    throw new Error(`shellcheck could not run (${result.error.message}); install it with: apt-get install -y ${SHELLCHECK.debianPackage}`);
  }
  // Exit 1 means findings; anything else is shellcheck itself failing (bad file, bad option).
  if (result.status !== 0 && result.status !== 1) throw new Error(`shellcheck failed (exit ${result.status}): ${result.stderr}`);
  return (JSON.parse(result.stdout) as { comments: ShellcheckFinding[] }).comments;
}

/** "file:line:column: level SCxxxx message", one per finding. */
export function formatFindings(findings: ShellcheckFinding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.level} SC${f.code} ${f.message}`);
}
