import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import type { Pool } from "./config";
import { verifiedInstanceType } from "./instance-check";
import type { Network } from "./network";
import type { UpgradePolicy } from "./kubernetes-versions";
import { amiIdOf, poolAmiChoice } from "./node-ami";
import { nodeGroupSpec } from "./node-pool-spec";
import { TAG_KEYS } from "./tags-and-labels";

export interface ClusterArgs {
  kubernetesVersion: string;
  /** EKS version support policy. */
  upgradePolicy: UpgradePolicy;
  /** Pins every pool to this node AMI release; undefined leaves app pools to EKS and benchmark pools to SSM's recommended AMI. */
  amiReleaseVersion?: string;
  pools: Pool[];
  /** The subnets Network chose: the cluster takes them as they are and decides nothing about them. */
  network: Pick<Network, "vpcId" | "publicSubnetIds" | "privateSubnetIds" | "nodeSubnetIds" | "benchmarkSubnetId" | "readiness">;
  adminRoleArns: string[];
  publicAccessCidrs: string[];
  /**
   * Given to the eks components explicitly. The provider's default tags cover plain AWS resources; the
   * eks components' children are made by the eks plugin, which mocks cannot show, so they are not left
   * to inheritance.
   */
  tags: Record<string, string>;
}

/** The three AWS-managed policies a worker node needs, and no more. */
export const WORKER_NODE_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
] as const;

const CLUSTER_ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

/** Access entries (API authentication mode) granting cluster admin to each configured IAM role. */
export function adminAccessEntries(roleArns: string[]): Record<string, eks.types.input.AccessEntryArgs> {
  return Object.fromEntries(
    roleArns.map((principalArn, i) => [
      `admin-${i}`,
      { principalArn, accessPolicies: { admin: { policyArn: CLUSTER_ADMIN_POLICY, accessScope: { type: "cluster" } } } },
    ]),
  );
}

/** EKS control plane plus one managed node group per pool, all sharing one least-privilege node role. */
export class Cluster extends pulumi.ComponentResource {
  readonly eksCluster: eks.Cluster;
  readonly nodeGroups: Map<string, eks.ManagedNodeGroup>;
  readonly kubeconfig: pulumi.Output<string>;
  readonly clusterName: pulumi.Output<string>;
  /** Pool → the AMI id its nodes boot (see poolAmiChoice for which pools are known without a pinned release). */
  readonly poolAmis: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("archbench:cluster:Cluster", name, {}, opts);
    const parent = { parent: this };

    const nodeRole = new aws.iam.Role(`${name}-node`, {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    }, parent);
    const attachments = WORKER_NODE_POLICIES.map(
      (policyArn) =>
        new aws.iam.RolePolicyAttachment(`${name}-node-${policyArn.split("/").pop()}`, { role: nodeRole.name, policyArn }, parent),
    );

    this.eksCluster = new eks.Cluster(name, {
      vpcId: args.network.vpcId,
      publicSubnetIds: args.network.publicSubnetIds,
      privateSubnetIds: args.network.privateSubnetIds,
      version: args.kubernetesVersion,
      upgradePolicy: { supportType: args.upgradePolicy },
      // The default node group is an x86 t3.medium: never wanted here, every pool is explicit.
      skipDefaultNodeGroup: true,
      authenticationMode: eks.AuthenticationMode.Api,
      accessEntries: adminAccessEntries(args.adminRoleArns),
      endpointPublicAccess: true,
      endpointPrivateAccess: true,
      publicAccessCidrs: args.publicAccessCidrs,
      createOidcProvider: false,
      tags: args.tags,
    }, parent);

    // Node groups wait for the network's route out (NAT, routes, associations): as an explicit dependency,
    // and through subnetIds, which pulumi-eks hands to its aws.eks.NodeGroup child, so the child records it too.
    const networkReady = pulumi.all(args.network.readiness.map((r) => r.urn));
    const afterNetwork = (ids: pulumi.Input<string>[] | pulumi.Input<string[]>) =>
      pulumi.all([ids, networkReady]).apply(([subnetIds]) => subnetIds as string[]);

    const amis: pulumi.Output<readonly [string, string]>[] = [];
    this.nodeGroups = new Map(
      args.pools.map((pool) => {
        const spec = nodeGroupSpec(pool);
        const ami = poolAmiChoice(pool, args.kubernetesVersion, args.amiReleaseVersion);
        const amiId = ami.parameter === undefined ? undefined : amiIdOf(ami.parameter, pool, args.amiReleaseVersion, parent);
        if (amiId) amis.push(amiId.apply((id) => [pool.name, id] as const));
        const nodeGroup = new eks.ManagedNodeGroup(`${name}-${pool.name}`, {
          cluster: this.eksCluster,
          nodeRole,
          // Pinned: the release's AMI by id (amiType must then be absent); else EKS's AL2023 AMI of the version.
          ...(ami.pinned ? { amiId, operatingSystem: eks.OperatingSystem.AL2023 } : { amiType: spec.amiType }),
          instanceTypes: [verifiedInstanceType(pool, parent)],
          capacityType: "ON_DEMAND",
          scalingConfig: spec.scalingConfig,
          // Benchmark pools share one subnet, hence one AZ and the same network conditions.
          subnetIds: afterNetwork(pool.role === "benchmark" ? [args.network.benchmarkSubnetId] : args.network.nodeSubnetIds),
          labels: spec.labels,
          taints: spec.taints,
          nodeadmExtraOptions: spec.nodeadmExtraOptions,
          enableIMDSv2: true,
          tags: { ...args.tags, [TAG_KEYS.pool]: pool.name },
        }, { ...parent, dependsOn: [...attachments, ...args.network.readiness] });
        return [pool.name, nodeGroup] as const;
      }),
    );

    this.poolAmis = pulumi.all(amis).apply((pairs) => Object.fromEntries(pairs));
    this.kubeconfig = pulumi.secret(this.eksCluster.kubeconfigJson);
    this.clusterName = this.eksCluster.eksCluster.name;
    this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig });
  }
}
