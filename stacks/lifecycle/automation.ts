import * as fs from "node:fs";
import * as path from "node:path";
import { readStackConfig } from "../offline/stack-config";
import type { BenchmarkStack, PulumiOperation } from "./benchmark-stack";

/**
 * A BenchmarkStack over the Automation API: a LocalWorkspace on the project directory (Pulumi.yaml,
 * infra/index.ts). The automation module is loaded lazily: it is large, and `plan` never needs it.
 * Config goes into Pulumi.<stack>.yaml through `pulumi config set-all` (the only config the CLI reads);
 * remove() puts back a stack file that existed before, so a committed file ends as it began.
 */
export async function openAutomationStack(name: string, projectDir: string, opts: { create: boolean } = { create: true }): Promise<BenchmarkStack> {
  const { LocalWorkspace, ConcurrentUpdateError } = await import("@pulumi/pulumi/automation/index.js");
  const stackFile = path.join(projectDir, `Pulumi.${name}.yaml`);
  const originalText = fs.existsSync(stackFile) ? fs.readFileSync(stackFile, "utf8") : undefined;
  const stackFileConfig = originalText === undefined ? {} : readStackConfig(name, projectDir);
  const args = { stackName: name, workDir: projectDir };
  // The reaper only selects: it must never create a stack just to find it empty.
  const stack = opts.create ? await LocalWorkspace.createOrSelectStack(args) : await LocalWorkspace.selectStack(args);

  // Outputs are never printed (the kubeconfig is a secret; suppressOutputs is belt and braces).
  const run = (op: PulumiOperation) => ({ onOutput: op.onOutput, signal: op.signal, suppressOutputs: true, color: "auto" as const });

  return {
    name,
    hadStackFile: originalText !== undefined,
    stackFileConfig,
    async setConfig(values) {
      if (Object.keys(values).length === 0) return;
      await stack.setAllConfig(Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value }])));
    },
    async up(op) {
      await stack.up(run(op));
    },
    async outputs() {
      const outputs = await stack.outputs();
      return Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.value as unknown]));
    },
    async destroy(op) {
      try {
        await stack.destroy(run(op));
      } catch (error) {
        // A killed earlier run can leave the stack locked by an update that is no longer running.
        if (!(error instanceof ConcurrentUpdateError) || op.signal.aborted) throw error;
        op.onOutput("stack is locked by an update that is no longer running: pulumi cancel, then destroy again\n");
        await stack.cancel();
        await stack.destroy(run(op));
      }
    },
    async remove() {
      await stack.workspace.removeStack(name, { preserveConfig: originalText !== undefined });
      if (originalText !== undefined) fs.writeFileSync(stackFile, originalText);
    },
  };
}
