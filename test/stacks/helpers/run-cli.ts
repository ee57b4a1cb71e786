import { execFile } from "node:child_process";
import { join, resolve } from "node:path";

const repo = resolve(__dirname, "..", "..", "..");

/** Runs an entry point as `npm run` starts it (tsx), for its flags, exit code and output. */
export function runCli(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ["--import", "tsx", join(repo, script), ...args], { cwd: repo, env, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
