import { vi } from "vitest";
import type { FakeCloud } from "../../stacks/offline/fake-cloud";
import { runProgram, type ProgramRun, type RegisteredResource } from "../../stacks/offline/run-program";

/**
 * A us-east-1 as EC2 describes it, in miniature: use1-az3 (us-east-1e) cannot host EKS, and m7g is not
 * offered in us-east-1a, so the benchmark AZ must be chosen, not assumed.
 */
export const testCloud: FakeCloud = {
  region: "us-east-1",
  zones: [
    { name: "us-east-1a", zoneId: "use1-az6" },
    { name: "us-east-1b", zoneId: "use1-az1" },
    { name: "us-east-1c", zoneId: "use1-az2" },
    { name: "us-east-1e", zoneId: "use1-az3" },
  ],
  offers: (type, zone) => !(zone === "us-east-1a" && type.startsWith("m7g.")),
  architectures: (type) =>
    ({
      "m7i.large": ["x86_64"],
      "m7i.xlarge": ["x86_64"],
      "m7a.xlarge": ["x86_64"],
      "m7g.large": ["arm64"],
      "m7g.xlarge": ["arm64"],
      "c7g.xlarge": ["arm64"],
      "c7i.xlarge": ["x86_64"],
    })[type],
};

/** Runs infra/index.ts under mocks with a fresh module graph (against `cloud`, by default testCloud). */
export async function runInfra(config: Record<string, string>, stack = "dev", cloud: FakeCloud = testCloud): Promise<ProgramRun> {
  vi.resetModules();
  return runProgram(config, cloud, { stack, importProgram: () => import("../../infra/index.js") });
}

export const ofType = (run: ProgramRun, type: string) => run.resources.filter((r) => r.type === type);

export function only(run: ProgramRun, type: string): RegisteredResource {
  const found = ofType(run, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
}

/** Loose accessor for nested mock inputs in assertions. */
export const loose = (value: unknown): any => value;
