import { parseConfig, type ArchbenchConfig } from "../../infra/config";
import { nameRuleCloud } from "../offline/fake-cloud";
import { runProgram } from "../offline/run-program";
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
  /** Benchmark trials the estimate covers (npm run benchmark -- --trials N). */
  trials = 1,
): Promise<Plan> {
  const config = parseConfig(stackConfig, new Date());
  const run = await runProgram(stackConfig, nameRuleCloud(config.region), { stack, importProgram });
  const summary = summarizePlan(stack, config, run);
  let cost: CostEstimate | undefined;
  let costUnavailable: string | undefined;
  try {
    cost = estimateCost(config, bundledPriceTable(config.region), undefined, trials);
  } catch (error) {
    costUnavailable = (error as Error).message;
  }
  const text = renderPlan(summary, cost, { fairness: fairnessProblems(config), ...(costUnavailable !== undefined && { costUnavailable }) });
  return { config, summary, ...(cost && { cost }), text };
}
