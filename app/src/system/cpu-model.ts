import { readFileSync } from "node:fs";
import { cpus } from "node:os";

/**
 * Arm Neoverse part numbers from /proc/cpuinfo ("CPU part"), because on arm64 Linux there is no
 * "model name" line and os.cpus() reports nothing useful. Graviton2 = N1, Graviton3 = V1, Graviton4 = V2.
 */
const ARM_PARTS: Readonly<Record<string, string>> = {
  "0xd0c": "Arm Neoverse-N1",
  "0xd40": "Arm Neoverse-V1",
  "0xd49": "Arm Neoverse-N2",
  "0xd4f": "Arm Neoverse-V2",
  "0xd8e": "Arm Neoverse-N3",
  "0xd84": "Arm Neoverse-V3",
};

/** The CPU model from /proc/cpuinfo text: "model name" (x86) or the Arm implementer/part. */
export function cpuModelFromCpuinfo(text: string): string | undefined {
  const field = (name: string): string | undefined =>
    new RegExp(`^${name}\\s*:\\s*(.+)$`, "m").exec(text)?.[1]?.trim();
  const modelName = field("model name");
  if (modelName) return modelName;
  const part = field("CPU part")?.toLowerCase();
  if (part === undefined) return undefined;
  return ARM_PARTS[part] ?? `Arm CPU part ${part}`;
}

/** Best effort, never throws: "" when the model cannot be told. */
export function detectCpuModel(cpuinfoPath = "/proc/cpuinfo"): string {
  const fromOs = cpus()[0]?.model.trim();
  if (fromOs && fromOs.toLowerCase() !== "unknown") return fromOs;
  try {
    return cpuModelFromCpuinfo(readFileSync(cpuinfoPath, "utf8")) ?? "";
  } catch {
    return "";
  }
}
