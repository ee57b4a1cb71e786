import type { StackOutputsReader } from "./stack-outputs";

export const PULUMI_INSTALL_HINT =
  "Pulumi CLI not found: install it from https://www.pulumi.com/docs/iac/download-install/ " +
  "(or put `pulumi` on PATH), log in to the backend that holds the stack, then retry";

/** True when an Automation API error means the `pulumi` binary could not be started. */
export function isPulumiCliMissing(error: unknown): boolean {
  // CommandError's message carries the spawn failure ("spawn pulumi ENOENT").
  const text = error instanceof Error ? error.message : String(error);
  return /ENOENT/.test(text) && /pulumi/.test(text);
}

/**
 * Reads outputs through the Automation API (the stack's workspace is the repo root, where Pulumi.yaml is).
 * Loaded lazily: the automation module is large and only this path needs it.
 */
export function pulumiStackOutputsReader(workDir: string): StackOutputsReader {
  return {
    async read(stackName) {
      const { LocalWorkspace } = await import("@pulumi/pulumi/automation/index.js");
      try {
        const stack = await LocalWorkspace.selectStack({ stackName, workDir });
        const outputs = await stack.outputs();
        return Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.value as unknown]));
      } catch (error) {
        if (isPulumiCliMissing(error)) throw new Error(PULUMI_INSTALL_HINT);
        throw new Error(`could not read outputs of stack "${stackName}": ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  };
}
