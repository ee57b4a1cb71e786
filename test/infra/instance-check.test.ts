import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type { Pool } from "../../infra/config";
import { assertInstanceArch } from "../../infra/instance-check";
import { pool as namedPool } from "../helpers/pool";
import { testCloud } from "./program-harness";

// EC2's word on an instance type, asked through the real invoke under mocks: the node group's
// instanceTypes input resolves only when it agrees.
let verifiedInstanceType: typeof import("../../infra/instance-check.js").verifiedInstanceType;
beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs as Record<string, unknown> }),
      call: (args) => {
        const type = String((args.inputs as { instanceType: string }).instanceType);
        const architectures = testCloud.architectures(type);
        if (!architectures) throw new Error(`InvalidInstanceType: ${type}`);
        // EC2's published facts for the types asked below; m7i.xlarge answers with a wrong memory size and
        // c7i.xlarge with one thread per core (an Intel vCPU is a hyperthread: EC2 really says 2).
        const sizes: Record<string, { defaultVcpus: number; memorySize: number; defaultThreadsPerCore: number }> = {
          "m7g.xlarge": { defaultVcpus: 4, memorySize: 16384, defaultThreadsPerCore: 1 },
          "m7a.xlarge": { defaultVcpus: 4, memorySize: 16384, defaultThreadsPerCore: 1 },
          "m7i.xlarge": { defaultVcpus: 4, memorySize: 8192, defaultThreadsPerCore: 2 },
          "c7i.xlarge": { defaultVcpus: 4, memorySize: 8192, defaultThreadsPerCore: 1 },
        };
        return { instanceType: type, supportedArchitectures: architectures, ...(Object.hasOwn(sizes, type) && sizes[type]) };
      },
    },
    "archbench",
    "test",
    true,
  );
  ({ verifiedInstanceType } = await import("../../infra/instance-check.js"));
});

/** The Output's value; its other internal promises (known, secret) reject alike and are awaited here. */
function settle<T>(output: pulumi.Output<T>): Promise<T> {
  const internals = output as unknown as { promise(): Promise<T>; isKnown: Promise<boolean>; isSecret: Promise<boolean> };
  internals.isKnown.catch(() => undefined);
  internals.isSecret.catch(() => undefined);
  return internals.promise();
}
const pool = (instanceType: string, arch: Pool["arch"], role: Pool["role"] = "benchmark"): Pool => ({ name: "p", arch, instanceType, nodes: 1, role });

describe("verifiedInstanceType", () => {
  it("resolves to the type when EC2 confirms the architecture (also at preview)", async () => {
    await expect(settle(verifiedInstanceType(pool("m7g.xlarge", "arm64"), {}))).resolves.toBe("m7g.xlarge");
  });

  it("fails with the pool, EC2's architecture and the fix on a mismatch", async () => {
    await expect(settle(verifiedInstanceType(pool("m7g.xlarge", "amd64"), {}))).rejects.toThrow(/EC2 says m7g.xlarge runs arm64, not amd64/);
  });

  it("fails when EC2's vCPUs or memory disagree with the size table validation used", async () => {
    await expect(settle(verifiedInstanceType(pool("m7i.xlarge", "amd64"), {}))).rejects.toThrow(
      /EC2 says m7i.xlarge has 4 vCPUs and 8192 MiB, infra\/instance-sizes.tsv says 4 vCPUs and 16384 MiB; fix the table row/,
    );
  });

  it("fails a benchmark pool when EC2's threads per core disagree with the family rule, naming pool, type and both values", async () => {
    await expect(settle(verifiedInstanceType(pool("c7i.xlarge", "amd64"), {}))).rejects.toThrow(
      /archbench:pools \(p\): EC2 says c7i\.xlarge has 1 thread per core, archbench's family rule \(threadsPerCoreOfInstanceType in infra\/instance-types\.ts\) says 2; benchmark\.cpus/,
    );
    await expect(settle(verifiedInstanceType(pool("m7a.xlarge", "amd64"), {}))).resolves.toBe("m7a.xlarge");
    // App pools are not sized by threads per core.
    await expect(settle(verifiedInstanceType(pool("c7i.xlarge", "amd64", "app"), {}))).resolves.toBe("c7i.xlarge");
  });

  // A type EC2 does not know at all is reported by the AZ choice (zones.ts), which names it and the fix.
});

describe("assertInstanceArch", () => {
  it("accepts EC2's architecture when it matches and names the fix when it does not", () => {
    expect(() => assertInstanceArch(namedPool("a", "arm64", "m7g.large"), ["arm64"])).not.toThrow();
    expect(() => assertInstanceArch(namedPool("a", "amd64", "m7i.large"), ["i386", "x86_64"])).not.toThrow();
    expect(() => assertInstanceArch(namedPool("a", "arm64", "m7i.large"), ["x86_64"])).toThrow(
      /archbench:pools \(a\): EC2 says m7i.large runs x86_64, not arm64 \(arm64\); fix the pool's instanceType or arch/,
    );
  });
});
