import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchmarkDocument } from "../../../stacks/sources/results-document";
import { scenarioDocuments } from "../fixtures/documents";

/**
 * A folder as `npm run report -- --from` reads it: the scenario's two documents as bench-x86.json and
 * bench-arm.json (`arm` may be altered first). Returns the documents written.
 */
export function scenarioFolder(dir: string, alterArm: (arm: BenchmarkDocument) => BenchmarkDocument = (arm) => arm): { x86: BenchmarkDocument; arm: BenchmarkDocument } {
  mkdirSync(dir);
  const { x86, arm } = scenarioDocuments();
  writeFileSync(join(dir, "bench-x86.json"), JSON.stringify(x86));
  writeFileSync(join(dir, "bench-arm.json"), JSON.stringify(alterArm(arm)));
  return { x86, arm };
}
