import { ConfigError, parseConfig, stackExpiry, type ArchbenchConfig } from "../../infra/config";
import { versionSupportVerdict } from "../../infra/kubernetes-versions";
import { nameRuleCloud } from "../offline/fake-cloud";
import { ProgramError, runProgram } from "../offline/run-program";
import { bundledPriceTable } from "../prices/bundled";
import { fairnessProblems } from "../presets/fairness";
import { estimateCost, type CostEstimate } from "./cost";
import { renderPlan } from "./render";
import { summarizePlan, type PlanSummary } from "./summary";

export interface Plan {
  config: ArchbenchConfig;
  summary: PlanSummary;
  cost?: CostEstimate;
  text: string;
}

/**
 * Validates a stack's config (the same ConfigError as `pulumi up`, thrown before anything runs), runs the
 * real program under mocks with EC2 answered by the name rule, and prices the result. No CLI, no
 * credentials. `importProgram` loads infra/index (tests pass a fresh module graph).
 */
export async function planStack(
  stack: string,
  stackConfig: Record<string, string>,
  importProgram: () => Promise<Record<string, unknown>>,
  options: {
    /** Benchmark trials the estimate covers (npm run benchmark -- --trials N). */
    trials?: number;
    /** The clock the version-support checks read; tests fix it. */
    now?: Date;
  } = {},
): Promise<Plan> {
  const { trials = 1, now = new Date() } = options;
  const config = parseConfig(stackConfig, now);
  const run = await runProgram(stackConfig, nameRuleCloud(config.region), { stack, importProgram, now }).catch((error: unknown) => {
    // A config check the program makes at preview (the caller as admin, say) is a config error too: exit 2.
    throw error instanceof ProgramError && error.cause instanceof ConfigError ? error.cause : error;
  });
  const summary = summarizePlan(stack, config, run);
  let cost: CostEstimate | undefined;
  let costUnavailable: string | undefined;
  try {
    cost = estimateCost(config, bundledPriceTable(config.region), undefined, trials, now);
  } catch (error) {
    costUnavailable = (error as Error).message;
  }
  const { warning: versionWarning } = versionSupportVerdict(config.kubernetesVersion, config.upgradePolicy, new Date(stackExpiry(config.lifecycle, now)), now);
  const text = renderPlan(summary, cost, {
    fairness: fairnessProblems(config),
    ...(costUnavailable !== undefined && { costUnavailable }),
    ...(versionWarning !== undefined && { versionWarning }),
  });
  return { config, summary, ...(cost && { cost }), text };
}
