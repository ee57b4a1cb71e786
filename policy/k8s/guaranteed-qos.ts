import { record } from "../props";
import { parseQuantity, sameQuantity, showQuantity } from "./quantity";
import { containersOf, describe, podTemplateOf } from "./pod-template";

/**
 * A benchmark pod must be Guaranteed QoS with whole CPUs: only then does the static CPU manager give
 * it exclusive cores, so neighbours cannot steal cycles from a measurement. Guaranteed means every
 * container has cpu and memory limits and requests equal to them (an omitted request defaults to the
 * limit, as the API server does).
 */
export function guaranteedWithWholeCpus(object: unknown): string[] {
  const template = podTemplateOf(object);
  if (!template) return [];
  return containersOf(template.spec).flatMap((container) => {
    const resources = record(container.props.resources);
    const limits = record(resources.limits);
    const requests = record(resources.requests);
    const where = `${describe(object)}: container ${container.name}`;
    const problems: string[] = [];
    for (const resource of ["cpu", "memory"]) {
      const limit = limits[resource];
      const request = requests[resource] ?? limit;
      if (limit === undefined) problems.push(`${where} has no ${resource} limit (not Guaranteed QoS)`);
      else if (!sameQuantity(request, limit)) {
        problems.push(`${where} requests ${showQuantity(request)} ${resource} but is limited to ${showQuantity(limit)} (not Guaranteed QoS)`);
      }
    }
    const cpu = parseQuantity(limits.cpu);
    if (cpu !== undefined && !Number.isInteger(cpu)) {
      problems.push(`${where} has ${showQuantity(limits.cpu)} CPU; exclusive cores need a whole number`);
    }
    return problems;
  });
}
