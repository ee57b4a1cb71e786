/**
 * npx tsx stacks/cli/reaper.ts --regions us-east-1[,eu-west-1] [--dry-run]
 * Finds stacks whose archbench:expiresAt tag has passed (Resource Groups Tagging API) and destroys them
 * with Pulumi (the backend this shell is logged in to), then removes the stack. Resources of an expired
 * stack that the backend does not know are orphans: listed, never deleted here. Prints Markdown.
 * Exit 0: nothing left expired (or --dry-run); 1: an orphan or a failed destroy needs a human; 2: bad flags.
 */
import { TAG_KEYS } from "../../infra/tags-and-labels";
import { PROJECT_DIR } from "../shared/project-dir";
import { openAutomationStack } from "../lifecycle/automation";
import { resourcesTagged } from "../lifecycle/aws-tags";
import { expiredStacks } from "../lifecycle/expired-stacks";
import { parseFlags } from "../shared/flags";
import { runCommand } from "../shared/run-command";

async function main(): Promise<number> {
  const flags = parseFlags(
    process.argv.slice(2),
    { regions: { type: "string", default: "us-east-1" }, "dry-run": { type: "boolean", default: false } },
    { usage: "usage: reaper.ts --regions <r1,r2> [--dry-run]", help: false },
  );
  if (flags.kind !== "flags") {
    console.error(flags.kind === "error" ? flags.text : "");
    return 2;
  }
  const { values } = flags;
  const now = new Date();
  const regions = values.regions.split(",").map((r) => r.trim()).filter(Boolean);
  const tagged = (await Promise.all(regions.map((r) => resourcesTagged(runCommand, r, TAG_KEYS.expiresAt)))).flat();
  const expired = expiredStacks(tagged, now);
  console.log(`## archbench reaper (${now.toISOString()}, ${regions.join(", ")})\n`);
  if (expired.length === 0) {
    console.log("No expired stacks.");
    return 0;
  }
  let needsHuman = false;
  for (const stack of expired) {
    console.log(`- **${stack.stack}** (runs ${stack.runIds.join(", ")}) expired ${stack.expiresAt}: ${stack.resources.length} tagged resources`);
    if (values["dry-run"]) continue;
    let handle;
    try {
      handle = await openAutomationStack(stack.stack, PROJECT_DIR, { create: false });
    } catch (error) {
      needsHuman = true;
      console.log(`  - not a stack in this backend (${(error as Error).message.split("\n")[0]}): orphaned resources, delete them by hand:`);
      for (const arn of stack.resources) console.log(`    - \`${arn}\``);
      continue;
    }
    try {
      const log = (chunk: string) => void process.stderr.write(chunk);
      await handle.destroy({ onOutput: log, signal: new AbortController().signal });
      await handle.remove();
      console.log("  - destroyed and removed");
    } catch (error) {
      needsHuman = true;
      console.log(`  - destroy failed: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  return needsHuman ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`reaper: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
