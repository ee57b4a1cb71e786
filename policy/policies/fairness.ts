import type { Policies } from "@pulumi/policy";
import { guaranteedWithWholeCpus } from "../k8s/guaranteed-qos";
import { podTemplateOf } from "../k8s/pod-template";
import { stringMap } from "../props";
import { POOL_LABEL, TYPES } from "../resource-types";
import { benchmarkPodOnEveryNode, benchmarkPoolsInOneSubnet, benchmarkWholeCores, noBurstableBenchmarkPool } from "../stack/fairness-rules";
import { nodePoolOf } from "../stack/pools";
import { forTypes, overStack } from "./define";

/** Fairness: both sides of the comparison get exclusive cores, the same AZ and sustained CPU. */
export const fairnessPolicies: Policies = [
  {
    name: "benchmark-pods-guaranteed",
    description: "Benchmark pods (Jobs pinned to a pool) are Guaranteed QoS with whole CPUs.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([TYPES.job], (props, args) => {
      if (stringMap(podTemplateOf(props)?.spec.nodeSelector)[POOL_LABEL] === undefined) args.notApplicable("not pinned to a pool");
      return guaranteedWithWholeCpus(props);
    }),
  },
  {
    name: "benchmark-pod-on-every-node",
    description: "Each benchmark Job is Indexed with completions = parallelism = its pool's node count and a required hostname anti-affinity among its pods: every node is measured, once.",
    enforcementLevel: "mandatory",
    validateStack: overStack(benchmarkPodOnEveryNode),
  },
  {
    name: "benchmark-whole-cores",
    description: "Benchmark node groups run the static CPU manager with full-pcpus-only, and benchmark pods on types with two threads per core ask for whole cores (an even CPU count).",
    enforcementLevel: "mandatory",
    validateStack: overStack(benchmarkWholeCores),
  },
  {
    name: "benchmark-pools-one-subnet",
    description: "All benchmark node groups sit in the same single subnet (one AZ).",
    enforcementLevel: "mandatory",
    validateStack: overStack(benchmarkPoolsInOneSubnet),
  },
  {
    name: "benchmark-pools-not-burstable",
    description: "Benchmark node groups use no burstable (t*) or throttled (*-flex) instance types.",
    enforcementLevel: "mandatory",
    validateResource: forTypes([TYPES.managedNodeGroup], (props, args) =>
      noBurstableBenchmarkPool(nodePoolOf({ type: args.type, name: args.name, urn: args.urn, props })),
    ),
  },
];
