/** Named, validated stack configs for common comparisons: see presets.ts. */
export { PRESETS, type Preset } from "./presets";
export { applyPreset, presetNamed, UnknownPresetError, DEFAULT_REGION } from "./apply-preset";
export { fairnessProblems } from "./fairness";
export { effectiveStackConfig } from "./effective-config";
