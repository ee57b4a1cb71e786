import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import type * as program from "../../../infra/index";
import type { SameKeys } from "../../../stacks/shared/same-keys";
import { manifestFromOutputs, parseStackOutputs, stackOutputsSchema } from "../../../stacks/sources/stack-outputs";
import { fakeStackOutputs } from "../fixtures/stack-outputs";

/**
 * The stack outputs are declared once, in stacks/sources/stack-outputs.ts. infra/index.ts's exports are
 * checked against that schema here at compile time (`npm run typecheck` fails on a drift: an output
 * added, dropped or retyped on either side); test/infra/program.dev.test.ts parses the real program's
 * outputs under mocks with it.
 */
type ProgramOutputs = { [K in keyof typeof program]: pulumi.Unwrap<(typeof program)[K]> };
type SchemaInput = z.input<typeof stackOutputsSchema>;

const sameOutputs: SameKeys<ProgramOutputs, SchemaInput> = true;
const programFitsSchema = (outputs: ProgramOutputs): SchemaInput => outputs;

describe("stack outputs contract", () => {
  it("names the same outputs as infra/index.ts exports (checked by the compiler)", () => {
    expect(sameOutputs).toBe(true);
    expect(typeof programFitsSchema).toBe("function");
  });

  it("names a missing output and the fix", () => {
    const { runId: _dropped, ...withoutRunId } = fakeStackOutputs("{}");
    expect(() => parseStackOutputs("ci", withoutRunId)).toThrow(/stack "ci" does not export what the results collector needs: output "runId" is missing.*pulumi up/);
  });

  it("names a retyped output", () => {
    expect(() => parseStackOutputs("ci", { ...fakeStackOutputs("{}"), pools: [{ name: "p", arch: "sparc", instanceType: "m7g.large", nodes: 1, role: "app" }] })).toThrow(/output "pools\.0\.arch"/);
  });
});

describe("manifestFromOutputs", () => {
  it("records each pool's AMI from poolAmis, and nothing for a pool it does not name or an older stack", () => {
    const outputs = parseStackOutputs("ci", { ...fakeStackOutputs("{}"), poolAmis: { [String((fakeStackOutputs("{}").pools as { name: string }[])[0]!.name)]: "ami-0123456789abcdef0" } });
    const pools = manifestFromOutputs("ci", outputs, "2026-11-29T00:00:00Z").pools;
    expect(pools[0]!.ami).toBe("ami-0123456789abcdef0");
    expect(pools.slice(1).every((p) => p.ami === undefined)).toBe(true);
    expect(manifestFromOutputs("ci", parseStackOutputs("ci", fakeStackOutputs("{}")), "x").pools.every((p) => !("ami" in p))).toBe(true);
  });
});
