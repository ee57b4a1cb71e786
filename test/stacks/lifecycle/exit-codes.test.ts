import { describe, expect, it } from "vitest";
import { EXIT, exitCodeFor } from "../../../stacks/lifecycle/exit-codes";

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
