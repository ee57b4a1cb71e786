import { describe, expect, it } from "vitest";
import { parseBenchmarkArgs } from "../../../stacks/lifecycle/args";

describe("parseBenchmarkArgs", () => {
  it("reads the flags", () => {
    expect(parseBenchmarkArgs(["--stack", "dev", "--preset", "small", "--keep", "--yes"])).toEqual({ stack: "dev", preset: "small", keep: true, yes: true, out: "results" });
  });
  it.each([
    [[], "--stack is required"],
    [["--stack", "a/b"], "--stack \"a/b\": use letters"],
    [["--stack", "dev", "--kep"], "Unknown option '--kep'"],
  ])("%j → %s", (argv, text) => {
    expect(() => parseBenchmarkArgs(argv)).toThrow(text);
  });
});
