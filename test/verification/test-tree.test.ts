import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** test/ mirrors the source folders: each folder of stacks/ and app/src/ has its test folder. */
const repo = resolve(__dirname, "..", "..");
const folders = (dir: string) => readdirSync(join(repo, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

describe("the test tree mirrors the source tree", () => {
  it.each([
    ["stacks", "test/stacks"],
    ["app/src", "test/app"],
  ])("every folder of %s has one in %s", (source, tests) => {
    expect(folders(source).filter((f) => !existsSync(join(repo, tests, f)))).toEqual([]);
  });
});
