import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Creates an output folder, or says why it cannot be one (a file, a FIFO… of that name), with the fix.
 */
export function ensureOutputDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ENOTDIR") throw new Error(`${dir}: exists and is not a folder; pass --out a folder (it is created if missing)`);
    throw error;
  }
}

/**
 * Writes an output file by writing a new file beside it and renaming it over the name: a FIFO of that
 * name cannot block the write, and a symlink of that name is replaced, never written through. A folder
 * of that name is refused, naming it.
 */
export function writeOutputFile(file: string, text: string): void {
  if (lstatOrUndefined(file)?.isDirectory()) throw new Error(`${file}: is a folder, so the report cannot be written there; remove or rename it, or pass another --out`);
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    // "wx": created afresh, so never a FIFO, and never followed if something else put a symlink there.
    writeFileSync(temporary, text, { flag: "wx" });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function lstatOrUndefined(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}
