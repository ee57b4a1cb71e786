import { spawnSync } from "node:child_process";

/** One shellcheck finding (`-f json1`). */
export interface ShellcheckFinding {
  file: string;
  line: number;
  column: number;
  level: string;
  code: number;
  message: string;
}

export const INSTALL_HINT = "install it from Debian (apt-get install -y shellcheck); CI's .ci/run must do so before npm test";

/**
 * Fails loudly when shellcheck is missing: a static check that silently passes without its tool would
 * report "no findings" for scripts nobody checked.
 */
export function requireShellcheck(): string {
  const result = spawnSync("shellcheck", ["--version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) throw new Error(`shellcheck is not on PATH: ${INSTALL_HINT}`);
  return /version: (\S+)/.exec(result.stdout)?.[1] ?? "unknown";
}

/**
 * Runs shellcheck on files (paths relative to `cwd`, which is also where `source` paths resolve with
 * -x) and returns its findings. `exclude` lists codes to ignore, as "SC2154".
 */
export function shellcheck(files: string[], options: { cwd: string; shell?: "bash" | "sh"; exclude?: string[] }): ShellcheckFinding[] {
  if (files.length === 0) return [];
  const args = ["--norc", "-f", "json1", "-x"];
  if (options.shell) args.push("--shell", options.shell);
  if (options.exclude?.length) args.push("--exclude", options.exclude.join(","));
  const result = spawnSync("shellcheck", [...args, "--", ...files], { cwd: options.cwd, encoding: "utf8" });
  if (result.error) throw new Error(`shellcheck could not run (${result.error.message}): ${INSTALL_HINT}`);
  // Exit 1 means findings; anything else is shellcheck itself failing (bad file, bad option).
  if (result.status !== 0 && result.status !== 1) throw new Error(`shellcheck failed (exit ${result.status}): ${result.stderr}`);
  return (JSON.parse(result.stdout) as { comments: ShellcheckFinding[] }).comments;
}

/** "file:line:column: level SCxxxx message", one per finding. */
export function formatFindings(findings: ShellcheckFinding[]): string[] {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.level} SC${f.code} ${f.message}`);
}
