import { enforcesRestrictedPodSecurity } from "../k8s/namespace-security";
import { describe } from "../k8s/pod-template";
import { at, str } from "../props";
import { POD_CARRYING_TYPES, TYPES } from "../resource-types";
import type { StackResource, Violation } from "./stack-resource";

/**
 * Pods run only in namespaces this stack creates with Pod Security `restricted` enforced: a workload
 * in `default` (or any namespace nobody labelled) would escape the check on the Namespace itself.
 */
export function workloadsInRestrictedNamespaces(resources: StackResource[]): Violation[] {
  const restricted = new Set(
    resources
      .filter((r) => r.type === TYPES.namespace && enforcesRestrictedPodSecurity(r.props).length === 0)
      .map((r) => str(at(r.props, "metadata", "name"))),
  );
  return resources
    .filter((r) => POD_CARRYING_TYPES.includes(r.type))
    .flatMap((r) => {
      const namespace = str(at(r.props, "metadata", "namespace")) ?? "default";
      return restricted.has(namespace)
        ? []
        : [{ message: `${describe(r.props)} runs in namespace ${namespace}, which this stack does not create with Pod Security restricted enforced`, urn: r.urn }];
    });
}
