import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The project's import rules, checked on the source text (static and dynamic imports):
 * app/ imports neither infra/ nor stacks/; infra/ never imports stacks/; and inside stacks/ the results
 * pipeline reads one way — sources → analysis → rendering → pipeline → cli — never back.
 */
const repo = resolve(__dirname, "..", "..");

/**
 * Later stages of the results pipeline; a folder may import only from stages at or before its own. The
 * statistics (`method/`) sit before the analysis that applies them; `shared/` sits before everything.
 */
const STAGES = ["shared", "sources", "method", "analysis", "rendering", "pipeline", "cli"];

function tsFiles(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => relative(repo, join(e.parentPath, e.name)));
}

/** Each relative import of a file, as a repository path: ["stacks/analysis/rows.ts", "stacks/sources/…"]. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(repo, file), "utf8");
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)["'](\.{1,2}\/[^"']+)["']/gm)].map((m) => m[1] as string);
  return specs.map((s) => relative(repo, resolve(repo, dirname(file), s)));
}

function violations(files: string[], rule: (from: string, to: string) => string | undefined): string[] {
  return files.flatMap((from) => importsOf(from).flatMap((to) => rule(from, to) ?? []));
}

const stageOf = (path: string): number => STAGES.indexOf(path.split("/")[1] ?? "");

/** Folders beside the pipeline (plan, drive, prices, the offline program, presets): a new folder must be placed in one list or the other. */
const TOOLS = ["lifecycle", "offline", "plan", "presets", "prices"];

export const pipelineRule = (from: string, to: string): string | undefined => {
  if (!to.startsWith("stacks/")) return undefined;
  const a = stageOf(from);
  const b = stageOf(to);
  if (b >= 0 && a >= 0 && b > a) return `${from} imports ${to}: ${STAGES[a]} comes before ${STAGES[b]}`;
  if (b >= 0 && a < 0 && STAGES[b] === "cli") return `${from} imports the entry point ${to}`;
  if (a === 0 && b !== 0) return `${from} imports ${to}: shared helpers import no other stacks/ folder`;
  return undefined;
};

describe("import direction", () => {
  it("app/ imports neither infra/ nor stacks/ (it is its own image build context)", () => {
    expect(violations(tsFiles("app/src"), (from, to) => (to.startsWith("app/") ? undefined : `${from} imports ${to}`))).toEqual([]);
  });

  it("infra/ never imports stacks/ or test/", () => {
    expect(violations(tsFiles("infra"), (from, to) => (to.startsWith("stacks/") || to.startsWith("test/") ? `${from} imports ${to}` : undefined))).toEqual([]);
  });

  it("stacks/ never imports test/, and its results pipeline reads sources → analysis → rendering → pipeline → cli", () => {
    const testImports = violations(tsFiles("stacks"), (from, to) => (to.startsWith("test/") ? `${from} imports ${to}` : undefined));
    expect([...testImports, ...violations(tsFiles("stacks"), pipelineRule)]).toEqual([]);
  });

  it("the rule catches an import that runs backwards", () => {
    expect(pipelineRule("stacks/analysis/rows.ts", "stacks/rendering/markdown.ts")).toMatch(/analysis comes before rendering/);
    expect(pipelineRule("stacks/lifecycle/cli-deps.ts", "stacks/cli/results.ts")).toMatch(/entry point/);
    expect(pipelineRule("stacks/rendering/markdown.ts", "stacks/analysis/types.ts")).toBeUndefined();
    expect(pipelineRule("stacks/method/compare.ts", "stacks/analysis/types.ts")).toMatch(/method comes before analysis/);
    expect(pipelineRule("stacks/shared/flags.ts", "stacks/plan/plan.ts")).toMatch(/shared/);
    expect(pipelineRule("stacks/analysis/observations.ts", "stacks/method/index.ts")).toBeUndefined();
  });

  it("every folder under stacks/ is a stage of the pipeline or one of the tool folders beside it", () => {
    const folders = readdirSync(join(repo, "stacks"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !STAGES.includes(f) && !TOOLS.includes(f))).toEqual([]);
  });
});
