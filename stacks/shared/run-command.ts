import { execFile } from "node:child_process";

export interface CommandResult {
  /** Exit code; undefined when the program could not be started (not installed). */
  code: number | undefined;
  stdout: string;
  stderr: string;
}

export type RunCommand = (program: string, args: string[]) => Promise<CommandResult>;

/** Runs a program without a shell; a missing program is a result, not an exception. */
export const runCommand: RunCommand = (program, args) =>
  new Promise((resolve) => {
    execFile(program, args, { timeout: 120_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? ((error as NodeJS.ErrnoException).code === "ENOENT" ? undefined : typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });

/** The first line of a command's output, for error messages. */
export const firstLine = (text: string) => text.trim().split("\n")[0]?.slice(0, 200) ?? "";
