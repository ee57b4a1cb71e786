import { amiTypeArch, archOfInstanceType, type Arch } from "../instance-family";
import { at, list, str, stringMap } from "../props";
import { POOL_LABEL, ROLE_LABEL, TYPES } from "../resource-types";
import type { StackResource } from "./stack-resource";

/** A node pool as its managed node group declares it. */
export interface NodePool {
  name: string;
  role: string | undefined;
  amiType: string | undefined;
  /** An AL2023 AMI pinned by id (archbench:amiReleaseVersion): read from the release's SSM parameter for the pool's arch. */
  pinnedAl2023Ami: boolean;
  /** From the AMI type, else from the instance types. */
  arch: Arch | undefined;
  instanceTypes: string[];
  subnetIds: unknown[];
  /** The fixed node count (scalingConfig.desiredSize), when declared. */
  nodes: number | undefined;
  urn: string;
}

export function nodePoolOf(group: StackResource): NodePool {
  const labels = stringMap(group.props.labels);
  const amiType = str(group.props.amiType);
  const instanceTypes = list(group.props.instanceTypes).filter((t): t is string => typeof t === "string");
  const desired = at(group.props, "scalingConfig", "desiredSize");
  return {
    name: labels[POOL_LABEL] ?? group.name,
    role: labels[ROLE_LABEL],
    amiType,
    pinnedAl2023Ami: str(group.props.amiId) !== undefined && str(group.props.operatingSystem) === "AL2023",
    arch: (amiType === undefined ? undefined : amiTypeArch(amiType)) ?? instanceTypes.map(archOfInstanceType).find((a) => a !== undefined),
    instanceTypes,
    subnetIds: list(group.props.subnetIds),
    nodes: typeof desired === "number" ? desired : undefined,
    urn: group.urn,
  };
}

export function nodePools(resources: StackResource[]): NodePool[] {
  return resources.filter((r) => r.type === TYPES.managedNodeGroup).map(nodePoolOf);
}

export const isBenchmarkPool = (pool: NodePool) => pool.role === "benchmark";
