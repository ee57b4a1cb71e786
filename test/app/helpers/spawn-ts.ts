import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

export const REPO_ROOT = resolve(__dirname, "../../..");
const TSX_LOADER = pathToFileURL(createRequire(__filename).resolve("tsx")).href;

/** Runs a TypeScript entry point of app/ the way `npm run app` / `bench:local` do (Node + tsx loader). */
export function spawnTs(entry: string, args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", TSX_LOADER, resolve(REPO_ROOT, entry), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
  });
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function collect(child: ChildProcessWithoutNullStreams): { done: Promise<Finished>; stdout: () => string } {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<Finished>((res) => child.on("close", (code) => res({ code, stdout, stderr })));
  return { done, stdout: () => stdout };
}
