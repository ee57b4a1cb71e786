import { afterEach, describe, expect, it, vi } from "vitest";
import { flagsOrExitCode, parseFlags } from "../../../stacks/shared/flags";

const USAGE = "usage: npm run x -- --stack <name>";
const options = { stack: { type: "string" } } as const;

describe("parseFlags", () => {
  it("reads known flags, answers --help and names an unknown flag with the usage", () => {
    expect(parseFlags(["--stack", "dev"], options, { usage: USAGE })).toMatchObject({ kind: "flags", values: { stack: "dev" } });
    expect(parseFlags(["-h"], options, { usage: USAGE })).toEqual({ kind: "help" });
    const error = parseFlags(["--stak", "dev"], options, { usage: USAGE });
    expect(error.kind).toBe("error");
    expect(error.kind === "error" && error.text).toMatch(/--stak[\s\S]*usage: npm run x/);
  });

  it("refuses positionals unless the command takes them, and --help where a command has none", () => {
    expect(parseFlags(["extra"], options, { usage: USAGE }).kind).toBe("error");
    expect(parseFlags(["extra"], options, { usage: USAGE, allowPositionals: true })).toMatchObject({ positionals: ["extra"] });
    expect(parseFlags(["--help"], options, { usage: USAGE, help: false }).kind).toBe("error");
  });
});

describe("flagsOrExitCode", () => {
  afterEach(() => vi.restoreAllMocks());

  it("passes the flags through, prints the usage for --help (0) and the error for a bad flag (the command's code)", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const flags = flagsOrExitCode(parseFlags(["--stack", "dev"], options, { usage: USAGE }), USAGE, 2);
    expect(typeof flags === "number" ? flags : flags.values.stack).toBe("dev");
    expect(flagsOrExitCode(parseFlags(["--help"], options, { usage: USAGE }), USAGE, 2)).toBe(0);
    expect(log).toHaveBeenCalledWith(USAGE);
    expect(flagsOrExitCode(parseFlags(["--nope"], options, { usage: USAGE }), USAGE, 1)).toBe(1);
    expect(flagsOrExitCode(parseFlags(["--nope"], options, { usage: USAGE }), USAGE, 2)).toBe(2);
    expect(error.mock.calls.flat().join("\n")).toMatch(/--nope[\s\S]*usage/);
  });
});
