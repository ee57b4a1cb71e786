import { at, list, record, str } from "../props";
import { isEmptySelector, readSelector, selectorMatches } from "./label-selector";
import { describe, podTemplateOf } from "./pod-template";

/** The node label a per-node anti-affinity spreads over. */
export const HOSTNAME_KEY = "kubernetes.io/hostname";

/**
 * A benchmark Job runs one pod on each node of its pool: Indexed (each pod its own index and document),
 * completions = parallelism (all at once), and a *required* pod anti-affinity on the hostname whose
 * selector matches the Job's own pods, so two of them never share a node (a preferred one would let the
 * scheduler stack them when a node is slow to come up). How many pods the pool needs is a stack check.
 */
export function onePodPerNode(object: unknown): string[] {
  if (str(at(object, "kind")) !== "Job") return [];
  const template = podTemplateOf(object);
  if (!template) return [];
  const spec = record(at(object, "spec"));
  const where = describe(object);
  const problems: string[] = [];
  if (spec.completionMode !== "Indexed") {
    problems.push(`${where}: completionMode is ${JSON.stringify(spec.completionMode ?? "NonIndexed (default)")}; a benchmark Job must be Indexed (one index per node)`);
  }
  if (spec.completions !== spec.parallelism) {
    problems.push(`${where}: completions ${JSON.stringify(spec.completions ?? 1)} and parallelism ${JSON.stringify(spec.parallelism ?? 1)} differ; every node's pod must run at once`);
  }
  const terms = list(at(template.spec, "affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution")).map(record);
  const perNode = terms.find((t) => {
    const selector = readSelector(t.labelSelector);
    return t.topologyKey === HOSTNAME_KEY && !isEmptySelector(selector) && selectorMatches(selector, template.labels);
  });
  if (!perNode) {
    problems.push(
      `${where}: no required pod anti-affinity on ${HOSTNAME_KEY} selecting its own pods; without it two benchmark pods may share a node and another node goes unmeasured`,
    );
  }
  return problems;
}
