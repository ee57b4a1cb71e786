import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../infra/config";
import { preflight } from "../../../stacks/lifecycle/preflight";
import { sessionVerdict } from "../../../stacks/lifecycle/session-length";
import { readStackConfig } from "../../../stacks/offline/stack-config";
import { expectedRunTotalSeconds } from "../../../stacks/plan/cost";
import type { CommandResult, RunCommand } from "../../../stacks/shared/run-command";

const now = new Date("2026-11-29T10:00:00Z");

describe("sessionVerdict", () => {
  it("names a session shorter than the run, with both figures and the fix", () => {
    const v = sessionVerdict("2026-11-29T11:00:00Z", now, 2 * 3600, "AWS_CREDENTIAL_EXPIRATION");
    expect(v.problem).toBe(
      'the AWS session ends in 60 min (2026-11-29T11:00:00Z, from AWS_CREDENTIAL_EXPIRATION) but this run needs about 120 min (create, benchmark, teardown): credentials expiring mid-run leave resources behind; raise the role\'s MaxSessionDuration and the session length you ask for (role-duration-seconds in CI; see README, "AWS role for the GitHub workflows")',
    );
  });

  it("passes a long enough session", () => {
    const v = sessionVerdict("2026-11-29T14:00:00+00:00", now, 2 * 3600, "x");
    expect(v.problem).toBeUndefined();
    expect(v.fact).toBe("AWS session expires 2026-11-29T14:00:00+00:00: 240 min left, the run needs about 120 min");
  });

  it("says clearly when the expiry cannot be known, without blocking", () => {
    expect(sessionVerdict(undefined, now, 600, "aws configure export-credentials")).toEqual({
      fact: "AWS session expiry: unknown (long-term keys, or aws configure export-credentials does not say); this run needs about 10 min: make sure the credentials last that long, or teardown may fail",
    });
    expect(sessionVerdict("soon", now, 600, "x").problem).toBeUndefined();
    expect(sessionVerdict("soon", now, 600, "x").fact).toContain("is not a date, so it cannot be checked");
  });
});

describe("preflight and the session length", () => {
  const config = parseConfig(readStackConfig("dev"));
  const ok = (stdout = ""): CommandResult => ({ code: 0, stdout, stderr: "" });
  const runner = (exported: CommandResult): RunCommand => (program, args) =>
    Promise.resolve(
      program === "aws" && args[0] === "configure" ? exported
      : program === "aws" ? ok('{"Account":"123456789012","Arn":"arn:aws:sts::123456789012:assumed-role/ci/x"}')
      : program === "pulumi" ? ok(args[0] === "version" ? "v3.200.0" : "User: me\nBackend URL: https://api.pulumi.com")
      : ok("Platforms: linux/amd64, linux/arm64\n"),
    );
  const needed = expectedRunTotalSeconds(config);

  it("fails when AWS_CREDENTIAL_EXPIRATION (CI) ends before the run's estimate", async () => {
    const ends = new Date(now.getTime() + (needed - 600) * 1000).toISOString();
    const report = await preflight(config, runner(ok("{}")), { AWS_CREDENTIAL_EXPIRATION: ends }, now);
    expect(report.problems).toEqual([expect.stringMatching(/^the AWS session ends in \d+ min .* from AWS_CREDENTIAL_EXPIRATION\) but this run needs about \d+ min/)]);
  });

  it("counts every trial: a session that covers one trial but not three is refused with --trials 3", async () => {
    const threeTrials = expectedRunTotalSeconds(config, undefined, 3);
    expect(threeTrials).toBeGreaterThan(needed);
    const ends = new Date(now.getTime() + ((needed + threeTrials) / 2) * 1000).toISOString();
    const env = { AWS_CREDENTIAL_EXPIRATION: ends };
    expect((await preflight(config, runner(ok("{}")), env, now)).problems).toEqual([]);
    const report = await preflight(config, runner(ok("{}")), env, now, 3);
    expect(report.problems).toEqual([expect.stringContaining(`but this run needs about ${Math.ceil(threeTrials / 60)} min`)]);
  });

  it("reads the expiry from `aws configure export-credentials` locally", async () => {
    const short = await preflight(config, runner(ok(JSON.stringify({ Version: 1, Expiration: "2026-11-29T10:30:00Z" }))), {}, now);
    expect(short.problems).toEqual([expect.stringContaining("from aws configure export-credentials")]);
    const long = await preflight(config, runner(ok(JSON.stringify({ Version: 1, Expiration: "2026-11-30T10:00:00Z" }))), {}, now);
    expect(long.problems).toEqual([]);
    const unknown = await preflight(config, runner({ code: 255, stdout: "", stderr: "unknown command" }), {}, now);
    expect(unknown.problems).toEqual([]);
    expect(unknown.facts).toContain(
      `AWS session expiry: unknown (long-term keys, or aws configure export-credentials does not say); this run needs about ${Math.ceil(needed / 60)} min: make sure the credentials last that long, or teardown may fail`,
    );
  });
});
