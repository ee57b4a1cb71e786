import { at, list, record, str } from "../props";
import { isEmptySelector, readSelector, selectorMatches } from "./label-selector";
import { describe, podTemplateOf } from "./pod-template";

/**
 * Rules the Kubernetes schema cannot express but the API server (or the scheduler, silently) enforces.
 * Each takes one Kubernetes object as the program renders it and returns what is wrong, in words.
 */

const CONTROLLERS_WITH_REQUIRED_SELECTOR = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"];

/** A controller's selector must be non-empty and select its own template's pods. */
export function selectorMatchesTemplate(object: unknown): string[] {
  const kind = str(at(object, "kind")) ?? "";
  const template = podTemplateOf(object);
  const rawSelector = at(object, "spec", "selector");
  if (!template) return [];
  if (!CONTROLLERS_WITH_REQUIRED_SELECTOR.includes(kind) && rawSelector === undefined) return [];
  const selector = readSelector(rawSelector);
  if (isEmptySelector(selector)) return [`${describe(object)}: spec.selector is empty; it must select the template's pods`];
  if (!selectorMatches(selector, template.labels)) {
    return [`${describe(object)}: spec.selector does not match the template's labels ${JSON.stringify(template.labels)}`];
  }
  return [];
}

/** policy/v1 accepts one of minAvailable and maxUnavailable, never both. */
export function disruptionBudgetHasOneBound(object: unknown): string[] {
  if (str(at(object, "kind")) !== "PodDisruptionBudget") return [];
  const spec = record(at(object, "spec"));
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    return [`${describe(object)}: sets both minAvailable and maxUnavailable; the API server rejects that`];
  }
  return [];
}

/** A Job's pods must not restart in place: restartPolicy Never or OnFailure (the default, Always, is rejected). */
export function jobRestartPolicy(object: unknown): string[] {
  const kind = str(at(object, "kind"));
  if (kind !== "Job" && kind !== "CronJob") return [];
  const policy = podTemplateOf(object)?.spec.restartPolicy;
  if (policy === "Never" || policy === "OnFailure") return [];
  return [`${describe(object)}: pod restartPolicy is ${JSON.stringify(policy ?? "Always (default)")}; a Job needs Never or OnFailure`];
}

/**
 * Every topology spread constraint needs a non-empty labelSelector that selects the pods it spreads:
 * an empty one counts no pods, so the constraint silently does nothing.
 */
export function spreadConstraintsSelectPods(object: unknown): string[] {
  const template = podTemplateOf(object);
  if (!template) return [];
  return list(template.spec.topologySpreadConstraints).flatMap((c, i) => {
    const constraint = record(c);
    const where = `${describe(object)}: topologySpreadConstraints[${i}] (${str(constraint.topologyKey) ?? "no topologyKey"})`;
    const selector = readSelector(constraint.labelSelector);
    if (isEmptySelector(selector)) return [`${where} has no labelSelector, so it counts no pods and spreads nothing`];
    if (!selectorMatches(selector, template.labels)) return [`${where} labelSelector does not select the pods it spreads`];
    return [];
  });
}

/** All of the above for one object. */
export function kubernetesObjectViolations(object: unknown): string[] {
  return [selectorMatchesTemplate, disruptionBudgetHasOneBound, jobRestartPolicy, spreadConstraintsSelectPods].flatMap((rule) => rule(object));
}
