import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PROJECT_DIR } from "../shared/project-dir";

/**
 * A stack's config as the Pulumi engine hands it to the program: `project:key` → string, with
 * structured values as JSON. Reads `Pulumi.<stack>.yaml`; throws naming the file when it is missing
 * or not YAML.
 */
export function readStackConfig(stack: string, projectDir = PROJECT_DIR): Record<string, string> {
  const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) throw new Error(`${file}: no such stack file; create it (see README, "Config reference") or pick another --stack`);
  let doc: unknown;
  try {
    doc = parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file}: is not valid YAML: ${(err as Error).message}`);
  }
  const config = (doc as { config?: Record<string, unknown> } | null)?.config ?? {};
  for (const [key, value] of Object.entries(config)) {
    try {
      JSON.stringify(value);
    } catch {
      // A YAML alias inside its own anchor (`&a [*a]`) parses to a cycle, which no config value can be.
      throw new Error(`${file}: ${key}: is a YAML alias that refers to itself (a value containing itself); write the value out instead of the alias`);
    }
  }
  return configMap(config);
}

/** `{ "archbench:pools": [...] }` → `{ "archbench:pools": "[...]" }`, as the engine serialises it. */
export function configMap(config: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
  );
}
