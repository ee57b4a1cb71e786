/**
 * npm run plan -- --stack <name> [--preset <name>] [--trials <N>]
 * Offline: what `pulumi up` would create for a stack, and what it would cost. Exit 0: plan printed;
 * 2: bad flags, unknown preset/stack file or invalid config (nothing ran); 1: the program failed under mocks.
 */
import { ConfigError } from "../../infra/config";
import { PRESETS } from "../presets/presets";
import { effectiveStackConfig } from "../presets/effective-config";
import { planStack } from "../plan/plan";
import { parseTrials } from "../plan/trials";
import { flagsOrExitCode, parseFlags } from "../shared/flags";

const USAGE = `usage: npm run plan -- --stack <name> [--preset <${Object.keys(PRESETS).join("|")}>] [--trials <N, default 1>]`;

async function main(): Promise<number> {
  const flags = flagsOrExitCode(
    parseFlags(process.argv.slice(2), { stack: { type: "string" }, preset: { type: "string" }, trials: { type: "string" } }, { usage: USAGE }),
    USAGE,
    2,
  );
  if (typeof flags === "number") return flags;
  const { values } = flags;
  if (!values.stack) {
    console.error(`--stack is required: the stack whose Pulumi.<stack>.yaml to plan (e.g. --stack dev)\n${USAGE}`);
    return 2;
  }
  let stackConfig: Record<string, string>;
  let trials: number;
  try {
    trials = parseTrials(values.trials);
    stackConfig = effectiveStackConfig(values.stack, values.preset);
  } catch (error) {
    console.error(`plan: ${(error as Error).message}`);
    return 2;
  }
  try {
    const plan = await planStack(values.stack, stackConfig, () => import("../../infra/index.js"), { trials });
    process.stdout.write(plan.text);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      // From its problems: a refusal made inside an Output reaches here with the SDK's serialization path prefixed to its message.
      console.error(new ConfigError(error.problems).message);
      return 2;
    }
    throw error;
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`plan: the program failed under mocks: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
