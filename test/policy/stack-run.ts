import * as pulumi from "@pulumi/pulumi";
import { vi } from "vitest";
import { runProgram, type ProgramRun } from "../../stacks/offline/run-program";
import { testCloud } from "../infra/program-harness";
import type { FakeResource } from "./policy-harness";

/** The slice of the SDK's MockMonitor read here: what each resource registered, outputs included. */
interface MockMonitorView {
  getRegisteredResources(): Map<string, { urn: string; state: unknown }>;
}

export interface StackRun {
  run: ProgramRun;
  /**
   * The root `pulumi:pulumi:Stack` resource's outputs exactly as the SDK sent them to the engine
   * (RegisterResourceOutputs): secrets still carry their wire marker.
   */
  stackOutputs: Record<string, unknown>;
}

/**
 * Runs infra/index.ts under mocks inside a root Stack resource, as the Pulumi CLI's Node host does
 * (`runInPulumiStack`), so the stack's outputs are registered on it like in a real deployment.
 */
export async function runInfraInStack(config: Record<string, string>, stack = "dev"): Promise<StackRun> {
  vi.resetModules();
  const run = await runProgram(config, testCloud, {
    stack,
    importProgram: async () => {
      let program: Record<string, unknown> = {};
      await pulumi.runtime.runInPulumiStack(async () => {
        program = { ...(await import("../../infra/index.js")) };
        return program;
      });
      return program;
    },
  });
  return { run, stackOutputs: await registeredStackOutputs() };
}

/** Polls the mock monitor until the Stack's RegisterResourceOutputs has arrived (it is asynchronous). */
async function registeredStackOutputs(limitMs = 5_000): Promise<Record<string, unknown>> {
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorView;
  const start = Date.now();
  while (Date.now() - start < limitMs) {
    const stack = [...monitor.getRegisteredResources().values()].find((r) => r.urn.includes("::pulumi:pulumi:Stack::"));
    const state = stack?.state as { toJavaScript?: () => Record<string, unknown> } | undefined;
    // Before its outputs arrive the state is the plain object newResource returned; after, a protobuf Struct.
    if (typeof state?.toJavaScript === "function") return state.toJavaScript();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the Stack resource's outputs were never registered");
}

/**
 * The stack as a policy sees it: every registered resource with its inputs (a preview's view of a
 * custom resource), and the Stack resource with its outputs as properties.
 */
export function policyView({ run, stackOutputs }: StackRun): FakeResource[] {
  return run.resources.map((r) => ({ type: r.type, name: r.name, props: r.type === "pulumi:pulumi:Stack" ? stackOutputs : r.inputs }));
}
