/**
 * Time allowances for one benchmark run (npm run benchmark), besides the Jobs themselves. Rough figures
 * for EKS: the control plane takes about 10 minutes, managed node groups 3–5, the image build and push a
 * few more; deleting node groups and the cluster takes 10–15 minutes. Here, not in stacks/, because config
 * validation also needs them (a benchmark must finish within the stack's TTL) and infra never imports stacks.
 */
export interface RunAllowances {
  /** VPC, EKS control plane, node groups, image build and push, until the Jobs start. */
  createSeconds: number;
  /** Image pull and container start on a fresh node, before the runner's first measurement. */
  jobStartSeconds: number;
  /** pulumi destroy: node groups, cluster, NAT gateway, VPC. */
  teardownSeconds: number;
}

export const RUN_ALLOWANCES: RunAllowances = { createSeconds: 20 * 60, jobStartSeconds: 3 * 60, teardownSeconds: 15 * 60 };
