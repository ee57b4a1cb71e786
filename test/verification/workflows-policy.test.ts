import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PRESETS } from "../../stacks/presets/presets";
import { PROJECT_DIR } from "../../stacks/shared/project-dir";

/**
 * Project policy for the workflows, beyond what actionlint and shellcheck check (test/verification runs
 * those over every workflow): pinned actions, least permissions, secrets never in a run: script, and
 * a teardown that runs even when the driver died.
 */
interface Step { uses?: string; run?: string; if?: string; name?: string; with?: Record<string, unknown> }
interface Workflow { on?: { workflow_dispatch?: { inputs?: Record<string, { options?: string[] }> } }; permissions?: Record<string, string>; jobs: Record<string, { permissions?: unknown; steps: Step[] }> }

const dir = path.join(PROJECT_DIR, ".github", "workflows");
const read = (name: string) => ({ text: fs.readFileSync(path.join(dir, name), "utf8"), doc: parse(fs.readFileSync(path.join(dir, name), "utf8")) as Workflow });
const names = ["ci.yml", "preview.yml", "benchmark.yml", "reaper.yml"];
const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps);

describe.each(names)("%s", (name) => {
  const { text, doc } = read(name);

  it("pins every action to a commit SHA with its release version in a comment", () => {
    const uses = [...text.matchAll(/uses:\s*(\S+)(.*)$/gm)].map((m) => `${m[1]}${m[2]}`);
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it("declares its permissions at the top, read-only contents, no write besides OIDC and PR comments", () => {
    expect(doc.permissions?.contents).toBe("read");
    const writes = Object.entries(doc.permissions ?? {}).filter(([, v]) => v === "write").map(([k]) => k);
    expect(writes.every((k) => k === "id-token" || (k === "pull-requests" && name === "preview.yml"))).toBe(true);
  });

  it("never puts a secret into a run: script (secrets go through env:)", () => {
    for (const step of steps(doc)) expect(step.run ?? "").not.toMatch(/secrets\./);
  });
});

describe("benchmark.yml", () => {
  const { doc } = read("benchmark.yml");
  const all = steps(doc);

  it("destroys the stack in an always() step after the driver, unless keep was asked", () => {
    const destroy = all.findIndex((s) => /pulumi destroy/.test(s.run ?? ""));
    const driver = all.findIndex((s) => /npm run benchmark/.test(s.run ?? ""));
    expect(driver).toBeGreaterThan(-1);
    expect(destroy).toBeGreaterThan(driver);
    expect(all[destroy]!.if).toMatch(/^always\(\)/);
  });

  it("offers every preset (the aa calibration too) and none besides", () => {
    const options = doc.on?.workflow_dispatch?.inputs?.preset?.options ?? [];
    expect([...options].sort()).toEqual(["none", ...Object.keys(PRESETS)].sort());
  });

  it("uploads results/ and writes the verdict to the job summary even when a step failed", () => {
    const upload = all.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.with?.path).toBe("results/");
    expect(upload?.if).toBe("always()");
    expect(all.some((s) => s.if === "always()" && /GITHUB_STEP_SUMMARY/.test(s.run ?? ""))).toBe(true);
  });
});

describe("preview.yml", () => {
  it("comments the preview on the PR and gets AWS through an OIDC role", () => {
    const all = steps(read("preview.yml").doc);
    expect(all.find((s) => s.uses?.startsWith("pulumi/actions@"))?.with).toMatchObject({ command: "preview", "comment-on-pr": true });
    expect(all.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))?.with?.["role-to-assume"]).toBe("${{ vars.ARCHBENCH_AWS_ROLE_ARN }}");
  });
});
