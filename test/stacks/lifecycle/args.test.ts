import { describe, expect, it } from "vitest";
import { parseBenchmarkArgs } from "../../../stacks/lifecycle/args";

describe("parseBenchmarkArgs", () => {
  it("reads the flags", () => {
    expect(parseBenchmarkArgs(["--stack", "dev", "--preset", "small", "--keep", "--yes"])).toEqual({ stack: "dev", preset: "small", keep: true, yes: true, out: "results", trials: 1 });
    expect(parseBenchmarkArgs(["--stack", "dev", "--trials", "3"])).toMatchObject({ trials: 3 });
  });
  it.each([
    [[], "--stack is required"],
    [["--stack", "a/b"], "--stack \"a/b\": use letters"],
    [["--stack", "dev", "--kep"], "Unknown option '--kep'"],
    [["--stack", "dev", "--trials", "0"], "--trials 0: give 1 to 9 trials"],
    [["--stack", "dev", "--trials", "10"], "--trials 10: give 1 to 9 trials"],
    [["--stack", "dev", "--trials", "two"], '--trials "two": give a whole number of trials from 1 to 9'],
    [["--stack", "dev", "--trials", "1.5"], '--trials "1.5": give a whole number'],
  ])("%j → %s", (argv, text) => {
    expect(() => parseBenchmarkArgs(argv)).toThrow(text);
  });
});
