import { describe, expect, it } from "vitest";
import { DEFAULT_WORKLOADS } from "../../infra/config";
import { WORKLOAD_NAMES } from "../../app/src/bench/workloads/index.js";

// infra cannot import app/ (the app is its own image build context), so the two lists are kept
// equal here: a Job must never ask the runner for a workload it does not have.
describe("benchmark workload names", () => {
  it("are the same in the program's config defaults and in the runner", () => {
    expect([...DEFAULT_WORKLOADS]).toEqual([...WORKLOAD_NAMES]);
  });
});
