import { describe, expect, it } from "vitest";
import { parseBenchmarkArgs } from "../../../stacks/lifecycle/args";
import { EXIT, exitCodeFor } from "../../../stacks/lifecycle/exit-codes";
import { buildxPlatforms, preflight } from "../../../stacks/lifecycle/preflight";
import type { CommandResult } from "../../../stacks/shared/run-command";
import { configChanges, runConfig, runIdFrom } from "../../../stacks/lifecycle/run-config";
import { parseConfig } from "../../../infra/config";
import { readStackConfig } from "../../../stacks/offline/stack-config";

describe("exitCodeFor", () => {
  it.each([
    [{ teardown: "done" }, EXIT.ok],
    [{ failedStep: "up", teardown: "done" }, EXIT.up],
    [{ failedStep: "up", interruptedBy: "SIGINT", teardown: "done" }, EXIT.sigint],
    [{ interruptedBy: "SIGTERM", teardown: "kept" }, EXIT.sigterm],
    [{ failedStep: "collect", interruptedBy: "SIGINT", teardown: "failed" }, EXIT.teardown],
    [{ resultsComplete: false, teardown: "done" }, EXIT.resultsIncomplete],
    [{ failedStep: "preflight", teardown: "not-needed" }, EXIT.preflight],
  ] as const)("%j → %i", (ending, code) => {
    expect(exitCodeFor(ending)).toBe(code);
  });
});

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

describe("run config", () => {
  it("makes a run id that is a DNS label of at most 16 characters", () => {
    expect(runIdFrom(new Date("2026-11-26T09:05:59Z"))).toBe("20261126-0905");
  });

  it("sets the run id and the expiry (now + ttl, up to the hour) and keeps the rest", () => {
    const dev = readStackConfig("dev");
    const values = runConfig(dev, { runId: "20261126-0905", now: new Date("2026-11-26T09:05:00Z"), ttlHours: 6 });
    const config = parseConfig(values);
    expect(config.benchmark.runId).toBe("20261126-0905");
    expect(config.benchmark.durationSeconds).toBe(20);
    expect(config.lifecycle).toEqual({ ttlHours: 6, expiresAt: "2026-11-26T16:00:00Z" });
    expect(Object.keys(configChanges(values, dev)).sort()).toEqual(["archbench:benchmark", "archbench:lifecycle"]);
  });
});

describe("preflight", () => {
  const ok = (stdout = ""): CommandResult => ({ code: 0, stdout, stderr: "" });
  const config = parseConfig(readStackConfig("dev"));

  it("reads the builder's platforms across nodes", () => {
    expect(buildxPlatforms("Name: x\nNodes:\nName: x0\nPlatforms: linux/amd64, linux/amd64/v2, linux/386\nName: x1\nPlatforms: linux/arm64*, linux/arm/v7\n")).toEqual([
      "linux/amd64", "linux/amd64/v2", "linux/386", "linux/arm64", "linux/arm/v7",
    ]);
  });

  it("names every missing piece and how to get it", async () => {
    const report = await preflight(config, (program, args) =>
      Promise.resolve(
        program === "pulumi" ? { code: undefined, stdout: "", stderr: "" }
        : program === "aws" ? { code: 255, stdout: "", stderr: "Unable to locate credentials.\nmore" }
        : args[1] === "version" ? ok("github.com/docker/buildx v0.20.0")
        : ok("Platforms: linux/amd64, linux/386\n"),
      ),
    {});
    expect(report.problems).toEqual([
      "Pulumi CLI not found: install it (https://www.pulumi.com/docs/install/), then `pulumi login`",
      "no usable AWS credentials: configure a profile or role (aws configure / AWS_PROFILE / OIDC in CI) — aws sts get-caller-identity said: Unable to locate credentials.",
      expect.stringContaining("the buildx builder cannot build linux/arm64 (it has: linux/amd64, linux/386): install QEMU handlers"),
    ]);
  });

  it("passes with everything in place", async () => {
    const report = await preflight(config, (program, args) =>
      Promise.resolve(
        program === "aws" ? ok('{"Account":"123456789012","Arn":"arn:aws:sts::123456789012:assumed-role/ci/x"}')
        : program === "pulumi" ? ok(args[0] === "version" ? "v3.200.0" : "User: me\nBackend URL: https://api.pulumi.com")
        : ok("Platforms: linux/amd64, linux/arm64\n"),
      ),
    {});
    expect(report.problems).toEqual([]);
    expect(report.facts).toContain("AWS identity: arn:aws:sts::123456789012:assumed-role/ci/x");
  });
});
