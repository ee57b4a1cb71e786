import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../infra/config";
import { buildxPlatforms, preflight } from "../../../stacks/lifecycle/preflight";
import { readStackConfig } from "../../../stacks/offline/stack-config";
import type { CommandResult } from "../../../stacks/shared/run-command";

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
