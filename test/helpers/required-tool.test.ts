import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findOnPath, isCi, lookUpTool, MissingToolError, type RequiredTool, toolForSuite, toolOrSkip } from "./required-tool";

const dir = mkdtempSync(join(tmpdir(), "archbench-tool-"));
writeFileSync(join(dir, "fake-tool"), "#!/bin/sh\n");
chmodSync(join(dir, "fake-tool"), 0o755);
writeFileSync(join(dir, "not-executable"), "#!/bin/sh\n");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FAKE: RequiredTool = { commands: ["no-such-tool", "fake-tool"], debianPackage: "fake-pkg", checks: "the fake checks" };
const MISSING: RequiredTool = { commands: ["not-executable"], debianPackage: "missing-pkg", checks: "the missing checks" };

class Skipped extends Error {}
const ctx = { skip: (note?: string): never => { throw new Skipped(note); } };

describe("required system tools", () => {
  it("finds the first listed command that is an executable on PATH", () => {
    expect(findOnPath(FAKE.commands, { PATH: `/nonexistent:${dir}` })).toBe(join(dir, "fake-tool"));
    expect(findOnPath(["not-executable"], { PATH: dir })).toBeUndefined();
    expect(findOnPath(["fake-tool"], {})).toBeUndefined();
  });

  it.each([
    ["true", true],
    ["1", true],
    ["TRUE", true],
    ["", false],
    ["0", false],
    ["false", false],
    [undefined, false],
  ] as const)("CI=%s counts as CI: %s", (value, expected) => {
    expect(isCi(value === undefined ? {} : { CI: value })).toBe(expected);
  });

  it("off CI: a missing tool skips its checks, printing the reason and the install command once", () => {
    const warnings: string[] = [];
    const lookup = lookUpTool(MISSING, { PATH: dir }, (line: string) => warnings.push(line));
    expect(warnings).toEqual([
      "SKIPPED: not-executable is not on PATH, so the missing checks cannot run; " +
        "install it with: apt-get install -y missing-pkg (as root or with sudo). With CI=true this is a failure.",
    ]);
    expect(() => toolOrSkip(lookup, ctx)).toThrow(Skipped);
    expect(() => toolOrSkip(lookup, ctx)).toThrow(/apt-get install -y missing-pkg/);
    expect(toolForSuite(lookup)).toBeUndefined();
  });

  it("with CI=true: a missing tool fails its checks, naming the tool and the install command", () => {
    const warnings: string[] = [];
    const lookup = lookUpTool(MISSING, { PATH: dir, CI: "true" }, (line: string) => warnings.push(line));
    expect(warnings).toEqual([]);
    expect(() => toolOrSkip(lookup, ctx)).toThrow(MissingToolError);
    expect(() => toolOrSkip(lookup, ctx)).toThrow(/not-executable is not on PATH.*apt-get install -y missing-pkg.*CI=true/);
    expect(() => toolForSuite(lookup)).toThrow(/not-executable is not on PATH/);
  });

  it("a present tool runs on CI and off it, without a warning", () => {
    for (const env of [{ PATH: dir }, { PATH: dir, CI: "true" }]) {
      const warnings: string[] = [];
      const lookup = lookUpTool(FAKE, env, (line: string) => warnings.push(line));
      expect(toolOrSkip(lookup, ctx)).toBe(join(dir, "fake-tool"));
      expect(toolForSuite(lookup)).toBe(join(dir, "fake-tool"));
      expect(warnings).toEqual([]);
    }
  });
});
