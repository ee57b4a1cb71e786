/**
 * Resource type tokens and label keys the policies read. The pack is its own npm project (it is
 * published as a directory), so it names them here instead of importing infra/.
 */
export const TYPES = {
  managedNodeGroup: "eks:index:ManagedNodeGroup",
  ecrRepository: "aws:ecr/repository:Repository",
  image: "docker-build:index:Image",
  imageIndex: "docker-build:index:Index",
  namespace: "kubernetes:core/v1:Namespace",
  service: "kubernetes:core/v1:Service",
  pod: "kubernetes:core/v1:Pod",
  deployment: "kubernetes:apps/v1:Deployment",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
  daemonSet: "kubernetes:apps/v1:DaemonSet",
  replicaSet: "kubernetes:apps/v1:ReplicaSet",
  job: "kubernetes:batch/v1:Job",
  cronJob: "kubernetes:batch/v1:CronJob",
  podDisruptionBudget: "kubernetes:policy/v1:PodDisruptionBudget",
  stack: "pulumi:pulumi:Stack",
} as const;

/** Types whose inputs are a Kubernetes object carrying pods (directly or through a template). */
export const POD_CARRYING_TYPES: readonly string[] = [
  TYPES.pod,
  TYPES.deployment,
  TYPES.statefulSet,
  TYPES.daemonSet,
  TYPES.replicaSet,
  TYPES.job,
  TYPES.cronJob,
];

/** Node labels set on every managed node group (infra/tags-and-labels.ts agrees; a test checks it). */
export const POOL_LABEL = "archbench.dev/pool";
export const ROLE_LABEL = "archbench.dev/role";
