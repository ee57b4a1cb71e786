import { record } from "../props";
import { containersOf, describe, podTemplateOf } from "./pod-template";

/**
 * Every container runs as non-root, with a read-only root filesystem and no privilege escalation
 * (what Pod Security `restricted` checks, plus the read-only root it leaves out). runAsNonRoot and
 * runAsUser may come from the pod's securityContext; the other two exist only per container.
 */
export function hardenedContainers(object: unknown): string[] {
  const template = podTemplateOf(object);
  if (!template) return [];
  const pod = record(template.spec.securityContext);
  return containersOf(template.spec).flatMap((container) => {
    const own = record(container.props.securityContext);
    const where = `${describe(object)}: ${container.list} ${container.name}`;
    const problems: string[] = [];
    if ((own.runAsNonRoot ?? pod.runAsNonRoot) !== true) problems.push(`${where} does not set runAsNonRoot: true`);
    if ((own.runAsUser ?? pod.runAsUser) === 0) problems.push(`${where} runs as uid 0`);
    if (own.readOnlyRootFilesystem !== true) problems.push(`${where} does not set readOnlyRootFilesystem: true`);
    if (own.allowPrivilegeEscalation !== false) problems.push(`${where} does not set allowPrivilegeEscalation: false`);
    if (own.privileged === true) problems.push(`${where} is privileged`);
    return problems;
  });
}
