import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_DIR } from "../shared/project-dir";
import { readStackConfig } from "../offline/stack-config";
import { applyPreset, presetNamed } from "./apply-preset";

/**
 * The config a stack would run with: `Pulumi.<stack>.yaml` with the preset applied over it. With a preset
 * the stack file may be missing (a new stack gets the preset and the default region); without one it is
 * required. Throws naming the file or the preset; validation is the caller's (parseConfig).
 */
export function effectiveStackConfig(stack: string, presetName: string | undefined, projectDir = PROJECT_DIR): Record<string, string> {
  const preset = presetName === undefined ? undefined : presetNamed(presetName);
  const hasFile = fs.existsSync(path.join(projectDir, `Pulumi.${stack}.yaml`));
  const base = hasFile || !preset ? readStackConfig(stack, projectDir) : {};
  return preset ? applyPreset(base, preset) : base;
}
