import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli as cli } from "../helpers/run-cli";

/** `npm run results` as users start it: flags, exit codes and messages (no cluster here). */
const scratch = mkdtempSync(join(tmpdir(), "archbench-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("npm run results", () => {
  it("requires --stack", async () => {
    const { code, stderr } = await cli("stacks/cli/results.ts", []);
    expect(code).toBe(1);
    expect(stderr).toContain("--stack is required");
  });

  it("says how to install the Pulumi CLI when it is missing", async () => {
    const { code, stderr } = await cli("stacks/cli/results.ts", ["--stack", "dev"], { ...process.env, PATH: join(scratch, "empty-path") });
    expect(code).toBe(1);
    expect(stderr).toContain("results: Pulumi CLI not found: install it from");
  });
});
