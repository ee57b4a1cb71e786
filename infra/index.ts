import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as path from "node:path";
import { appPools, benchmarkPools, loadConfig, stackExpiry } from "./config";
import { Cluster } from "./cluster";
import { versionSupportVerdict } from "./kubernetes-versions";
import { callerPrincipalArn, checkedAgainstCaller } from "./cluster-creator";
import { AppImage } from "./image";
import { Network } from "./network";
import { platformsForPools } from "./platforms";
import { programNow } from "./program-clock";
import { TAG_KEYS } from "./tags-and-labels";
import { Workloads } from "./workloads";

// Config first: a bad stack config fails here, before any resource is registered.
const config = loadConfig();
const stack = pulumi.getStack();
// Computed once per run: every resource gets the same expiry (see stackExpiry for why it is rounded).
const tags = {
  [TAG_KEYS.stack]: stack,
  [TAG_KEYS.runId]: config.benchmark.runId,
  [TAG_KEYS.expiresAt]: stackExpiry(config.lifecycle, programNow()),
};

// A version leaving standard support around the stack's expiry is worth a warning (a version past it under
// STANDARD was refused by loadConfig); the verdict also says which control-plane price applies.
const versionSupport = versionSupportVerdict(config.kubernetesVersion, config.upgradePolicy, new Date(tags[TAG_KEYS.expiresAt]), programNow());
if (versionSupport.warning) void pulumi.log.warn(versionSupport.warning);

// Every AWS resource carries the stack's tags, so a teardown can be audited by tag and the reaper
// can find expired stacks.
// ... and none is registered before the caller check: listing the deploying role as an admin would
// otherwise fail the access entry ten minutes into `up` (cluster-creator.ts). The check's invokes use the
// default provider (same region and credentials), as the provider below waits for them.
const callerChecked = checkedAgainstCaller(config.cluster.adminRoleArns, callerPrincipalArn());
const awsProvider = new aws.Provider("aws", { region: callerChecked.apply(() => config.region as aws.Region), defaultTags: { tags } });
const awsOpts = { providers: { aws: awsProvider } };

const network = new Network("archbench", {
  region: config.region,
  vpcCidr: config.network.vpcCidr,
  natGateway: config.network.natGateway,
  appInstanceTypes: appPools(config).map((p) => p.instanceType),
  benchmarkInstanceTypes: benchmarkPools(config).map((p) => p.instanceType),
}, awsOpts);

const cluster = new Cluster("archbench", {
  kubernetesVersion: config.kubernetesVersion,
  upgradePolicy: config.upgradePolicy,
  ...(config.amiReleaseVersion !== undefined && { amiReleaseVersion: config.amiReleaseVersion }),
  pools: config.pools,
  network,
  adminRoleArns: config.cluster.adminRoleArns,
  publicAccessCidrs: config.cluster.publicAccessCidrs,
  tags,
}, awsOpts);

const appDir = path.join(__dirname, "..", "app");
const image = new AppImage("archbench", {
  platforms: platformsForPools(config.pools),
  tag: stack,
  contextDir: appDir,
  buildArgs: { VERSION: readAppVersion(appDir), SOURCE: "archbench" },
}, awsOpts);

const k8sProvider = new k8s.Provider("archbench", { kubeconfig: cluster.kubeconfig, enableServerSideApply: true, deleteUnreachable: true });
const workloads = new Workloads("archbench", {
  appPools: appPools(config),
  benchmarkPools: benchmarkPools(config),
  app: config.app,
  benchmark: config.benchmark,
  image: image.ref,
  stack,
  poolDependencies: cluster.nodeGroups,
}, { providers: { kubernetes: k8sProvider } });

/** The app's version, for the image's OCI label; stable across commits so the image (and the Jobs) only change with the app. */
function readAppVersion(dir: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version?: string }).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

export const clusterName = cluster.clusterName;
export const region = config.region;
export const kubernetesVersion = config.kubernetesVersion;
/** The EKS support the control plane is billed at while the stack lives: EXTENDED costs $0.60/h, STANDARD $0.10/h. */
export const eksSupport = versionSupport.extended ? "EXTENDED" : "STANDARD";
export const kubeconfig = cluster.kubeconfig;
export const namespace = workloads.namespace;
export const imageRef = image.ref;
export const imageDigests = image.digests;
export const pools = config.pools.map(({ name, arch, instanceType, nodes, role }) => ({ name, arch, instanceType, nodes, role }));
export const availabilityZones = network.zones;
export const benchmarkZone = network.benchmarkZone;
export const natGateway = config.network.natGateway;
export const appDeployment = workloads.deploymentName;
export const appService = workloads.serviceName;
export const benchmarkJobs = workloads.benchmarkJobs;
export const runId = config.benchmark.runId;
export const baselinePool = config.benchmark.baselinePool;
export const expiresAt = tags[TAG_KEYS.expiresAt];
/** Pool → AMI id its nodes boot: every pool with archbench:amiReleaseVersion, else the benchmark pools. */
export const poolAmis = cluster.poolAmis;
