import { isMap, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { at, isRecord, record, str } from "../../policy/props";

/** One `run:` step of a workflow, as the shell will see it. */
export interface RunScript {
  /** "jobs.build.steps[2]" (plus the step's name when it has one), for messages. */
  where: string;
  /** Line of the `run:` value in the workflow file (1-based). */
  line: number;
  shell: "bash" | "sh";
  /** The script with every `${{ … }}` replaced by underscores of the same length. */
  script: string;
}

/**
 * `${{ … }}` is substituted by the runner before the shell parses the script, so to shellcheck it is
 * literal text. Underscores of the same length keep columns and stay a plain word, as actionlint does;
 * a `$VAR` placeholder would turn `'${{ x }}'` into a false SC2016 (no expansion in single quotes).
 */
export function maskExpressions(script: string): string {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, (expression) => expression.replace(/[^\n]/g, "_"));
}

/**
 * The shell a step runs with: its own `shell:`, else the job's then the workflow's `defaults.run.shell`,
 * else bash (the default on Linux and macOS runners); undefined for other shells (pwsh, python, cmd)
 * and for Windows runners' default (pwsh).
 */
export function stepShell(step: unknown, job: unknown, workflow: unknown): "bash" | "sh" | undefined {
  const declared =
    str(at(step, "shell")) ?? str(at(job, "defaults", "run", "shell")) ?? str(at(workflow, "defaults", "run", "shell"));
  if (declared === undefined) return /windows/i.test(JSON.stringify(at(job, "runs-on") ?? "")) ? undefined : "bash";
  const program = declared.trim().split(/\s+/)[0];
  return program === "bash" || program === "sh" ? program : undefined;
}

/** Every bash/sh `run:` script of a workflow file. */
export function runScripts(text: string): RunScript[] {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter });
  const workflow: unknown = doc.toJS();
  const scripts: RunScript[] = [];
  for (const [jobId, job] of Object.entries(record(at(workflow, "jobs")))) {
    const steps = at(job, "steps");
    if (!Array.isArray(steps)) continue;
    steps.forEach((step: unknown, i) => {
      const run = str(at(step, "run"));
      const shell = stepShell(step, job, workflow);
      if (run === undefined || shell === undefined) return;
      const node = doc.getIn(["jobs", jobId, "steps", i, "run"], true);
      const offset = isScalar(node) && node.range ? node.range[0] : 0;
      const name = isRecord(step) && typeof step.name === "string" ? ` (${step.name})` : "";
      scripts.push({ where: `jobs.${jobId}.steps[${i}]${name}`, line: lineCounter.linePos(offset).line, shell, script: maskExpressions(run) });
    });
  }
  return scripts;
}

/** Whether the text is a YAML mapping at all (a workflow must be). */
export function isYamlMapping(text: string): boolean {
  return isMap(parseDocument(text).contents);
}
