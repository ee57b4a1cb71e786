import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * Checks that need a program from Debian rather than npm. On a developer's machine a missing program
 * skips those checks and prints why and the install command; with CI set (`CI=true`) it fails them, so
 * nothing is skipped where the suite is the gate.
 */
export interface RequiredTool {
  /** Program names to look for on PATH; the first found wins. */
  commands: readonly string[];
  /** The Debian package that provides it. */
  debianPackage: string;
  /** What cannot run without it, for the message. */
  checks: string;
}

export const SHELLCHECK: RequiredTool = {
  commands: ["shellcheck"],
  debianPackage: "shellcheck",
  checks: "shellcheck of the shell scripts and workflow run: steps",
};

export const CHROMIUM: RequiredTool = {
  commands: ["chromium", "chromium-browser"],
  debianPackage: "chromium",
  checks: "the report.html render in headless Chromium",
};

export interface ToolLookup {
  tool: RequiredTool;
  /** Where the program is; undefined when it is not on PATH. */
  path: string | undefined;
  /** Why the checks cannot run and how to fix it; undefined when the program was found. */
  reason: string | undefined;
  /** CI is set: a missing program fails its checks. */
  ci: boolean;
}

export class MissingToolError extends Error {
  override name = "MissingToolError";
}

/** GitHub Actions and most CI systems set CI=true; "", "0" and "false" mean not CI. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

export function findOnPath(commands: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const command of commands) {
    for (const dir of dirs) {
      const candidate = join(dir, command);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * Looks the program up once per test file. When it is missing off CI, prints the skip reason once, so
 * `npm test` output says which checks did not run and how to make them run.
 */
export function lookUpTool(tool: RequiredTool, env: NodeJS.ProcessEnv = process.env, warn = console.warn): ToolLookup {
  const path = findOnPath(tool.commands, env);
  const ci = isCi(env);
  if (path) return { tool, path, reason: undefined, ci };
  const reason =
    `${tool.commands.join(" or ")} is not on PATH, so ${tool.checks} cannot run; ` +
    `install it with: apt-get install -y ${tool.debianPackage} (as root or with sudo)`;
  if (!ci) warn(`SKIPPED: ${reason}. With CI=true this is a failure.`);
  return { tool, path, reason, ci };
}

function missingOnCi(lookup: ToolLookup): MissingToolError {
  return new MissingToolError(`${lookup.reason ?? ""}. CI=true: every check must run, so a missing tool fails`);
}

/** Inside one test: the program's path; without it, skips the test with the reason (fails it on CI). */
export function toolOrSkip(lookup: ToolLookup, ctx: { skip: (note?: string) => never }): string {
  if (lookup.path) return lookup.path;
  if (lookup.ci) throw missingOnCi(lookup);
  return ctx.skip(lookup.reason);
}

/** For a whole suite (`describe.skipIf(!path)`): the path, or undefined off CI; throws on CI. */
export function toolForSuite(lookup: ToolLookup): string | undefined {
  if (!lookup.path && lookup.ci) throw missingOnCi(lookup);
  return lookup.path;
}
