import { PRESETS, type Preset } from "./presets";

/** The region a preset-only stack gets: the one the bundled price table covers. */
export const DEFAULT_REGION = "us-east-1";

export class UnknownPresetError extends Error {
  constructor(name: string) {
    super(`--preset: no preset named "${name}"; use one of: ${Object.keys(PRESETS).join(", ")}`);
    this.name = "UnknownPresetError";
  }
}

export function presetNamed(name: string): Preset {
  const preset = Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
  if (!preset) throw new UnknownPresetError(name);
  return preset;
}

/**
 * A stack's config map (as the engine sees it: `project:key` → string, JSON for structured values) with a
 * preset applied: each key the preset sets replaces the stack's whole key; the rest of the stack stays.
 * A stack without aws:region gets the default region. Pure.
 */
export function applyPreset(stackConfig: Record<string, string>, preset: Preset): Record<string, string> {
  const applied: Record<string, string> = { ...stackConfig };
  for (const [key, value] of Object.entries(preset.config)) {
    if (value !== undefined) applied[`archbench:${key}`] = JSON.stringify(value);
  }
  applied["aws:region"] ??= DEFAULT_REGION;
  return applied;
}
