import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readStackConfig } from "../../stacks/offline/stack-config";
import { isSecretValue, type ProgramRun } from "../../stacks/offline/run-program";
import { parseStackOutputs, stackOutputsSchema } from "../../stacks/sources/stack-outputs";
import { loose, ofType, only, runInfra } from "./program-harness";

let run: ProgramRun;
beforeAll(async () => {
  run = await runInfra(readStackConfig("dev"));
});

describe("network", () => {
  it("builds a VPC over two AZs with public and private subnets and a single NAT gateway", () => {
    const subnets = ofType(run, "aws:ec2/subnet:Subnet").map((s) => loose(s.inputs));
    expect(subnets).toHaveLength(4);
    const zones = new Set(subnets.map((s) => s.availabilityZone));
    // us-east-1a lacks m7g, us-east-1e (use1-az3) cannot host EKS.
    expect([...zones].sort()).toEqual(["us-east-1b", "us-east-1c"]);
    expect(subnets.filter((s) => s.tags["kubernetes.io/role/elb"] === "1")).toHaveLength(2);
    expect(subnets.filter((s) => s.tags["kubernetes.io/role/internal-elb"] === "1")).toHaveLength(2);
    expect(ofType(run, "aws:ec2/natGateway:NatGateway")).toHaveLength(1);
    expect(loose(only(run, "aws:ec2/vpc:Vpc").inputs).cidrBlock).toBe("10.42.0.0/16");
  });

  it("routes the private subnets through the NAT and the public ones through the internet gateway", () => {
    const tables = ofType(run, "aws:ec2/routeTable:RouteTable").map((t) => loose(t.inputs).routes[0]);
    expect(tables.some((r) => r.gatewayId && r.cidrBlock === "0.0.0.0/0")).toBe(true);
    expect(tables.some((r) => r.natGatewayId && r.cidrBlock === "0.0.0.0/0")).toBe(true);
    expect(ofType(run, "aws:ec2/routeTableAssociation:RouteTableAssociation")).toHaveLength(4);
  });
});

describe("cluster", () => {
  it("pins the Kubernetes version, uses API authentication, skips the default node group", () => {
    const cluster = loose(only(run, "eks:index:Cluster").inputs);
    expect(cluster.version).toBe("1.35");
    expect(cluster.upgradePolicy).toEqual({ supportType: "STANDARD" });
    expect(cluster.skipDefaultNodeGroup).toBe(true);
    expect(cluster.authenticationMode).toBe("API");
    expect(cluster.publicAccessCidrs).toEqual(["0.0.0.0/0"]);
    expect(cluster.privateSubnetIds).toHaveLength(2);
    expect(cluster.tags["archbench:stack"]).toBe("dev");
  });

  it("gives the node role exactly the three worker policies", () => {
    const role = loose(only(run, "aws:iam/role:Role").inputs);
    expect(JSON.parse(role.assumeRolePolicy).Statement[0].Principal.Service).toBe("ec2.amazonaws.com");
    const policies = ofType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => loose(a.inputs).policyArn).sort();
    expect(policies).toEqual([
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
      "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
      "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    ]);
  });

  it("creates one managed node group per pool with the arch's AMI, labels, IMDSv2 and fixed size", () => {
    const groups = ofType(run, "eks:index:ManagedNodeGroup").map((g) => loose(g.inputs));
    expect(groups.map((g) => g.labels["archbench.dev/pool"]).sort()).toEqual(["app-arm", "app-x86", "bench-arm", "bench-x86"]);
    for (const g of groups) {
      const arm = g.instanceTypes[0].startsWith("m7g");
      expect(g.amiType).toBe(arm ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD");
      expect(g.enableIMDSv2).toBe(true);
      expect(g.capacityType).toBe("ON_DEMAND");
      const nodes = g.labels["archbench.dev/role"] === "benchmark" ? 2 : 1;
      expect(g.scalingConfig).toEqual({ minSize: nodes, desiredSize: nodes, maxSize: nodes });
    }
    const byPool = Object.fromEntries(groups.map((g) => [g.labels["archbench.dev/pool"], g]));
    expect(byPool["bench-arm"].instanceTypes).toEqual(["m7g.xlarge"]);
    expect(byPool["bench-x86"].instanceTypes).toEqual(["m7i.xlarge"]);
  });

  it("taints benchmark pools, gives them the static CPU manager and pins them to one subnet", () => {
    const groups = ofType(run, "eks:index:ManagedNodeGroup").map((g) => loose(g.inputs));
    const bench = groups.filter((g) => g.labels["archbench.dev/role"] === "benchmark");
    const app = groups.filter((g) => g.labels["archbench.dev/role"] === "app");
    expect(bench).toHaveLength(2);
    for (const g of bench) {
      expect(g.taints).toEqual([{ key: "archbench.dev/benchmark", value: "true", effect: "NO_SCHEDULE" }]);
      expect(g.nodeadmExtraOptions[0].contentType).toBe("application/node.eks.aws");
      const kubelet = parse(g.nodeadmExtraOptions[0].content).spec.kubelet.config;
      expect(kubelet.cpuManagerPolicy).toBe("static");
      // Whole physical cores on SMT types too; a string, as KubeletConfiguration's map[string]string wants.
      expect(kubelet.cpuManagerPolicyOptions).toStrictEqual({ "full-pcpus-only": "true" });
      expect(g.subnetIds).toHaveLength(1);
    }
    expect(bench[0].subnetIds).toEqual(bench[1].subnetIds);
    for (const g of app) {
      expect(g.taints).toEqual([]);
      expect(g.nodeadmExtraOptions).toBeUndefined();
      expect(g.subnetIds).toHaveLength(2);
    }
  });

  it("asks EC2 about every pool's instance type", () => {
    const asked = run.invokes.filter((i) => i.token === "aws:ec2/getInstanceType:getInstanceType").map((i) => i.args.instanceType);
    expect([...new Set(asked)].sort()).toEqual(["m7g.large", "m7g.xlarge", "m7i.large", "m7i.xlarge"]);
  });

  it("gets EC2's vCPUs, cores and threads per core offline, from the size table and the family rule", () => {
    const answers = Object.fromEntries(
      run.invokes.filter((i) => i.token === "aws:ec2/getInstanceType:getInstanceType").map((i) => [i.args.instanceType, i.answer]),
    );
    expect(answers["m7i.xlarge"]).toMatchObject({ defaultVcpus: 4, defaultCores: 2, defaultThreadsPerCore: 2, memorySize: 16384 });
    expect(answers["m7g.xlarge"]).toMatchObject({ defaultVcpus: 4, defaultCores: 4, defaultThreadsPerCore: 1, memorySize: 16384 });
  });
});

describe("image", () => {
  it("creates a scanned, force-deletable ECR repository with an untagged-expiry lifecycle policy", () => {
    const repo = loose(only(run, "aws:ecr/repository:Repository").inputs);
    expect(repo.imageScanningConfiguration).toEqual({ scanOnPush: true });
    expect(repo.forceDelete).toBe(true);
    const policy = JSON.parse(loose(only(run, "aws:ecr/lifecyclePolicy:LifecyclePolicy").inputs).policy);
    expect(policy.rules[0].selection.tagStatus).toBe("untagged");
    expect(policy.rules[0].action.type).toBe("expire");
  });

  it("builds one pushed image per platform, each with its own ECR cache, joined by one index", () => {
    const images = ofType(run, "docker-build:index:Image").map((i) => loose(i.inputs));
    expect(images.map((i) => i.platforms).sort()).toEqual([["linux/amd64"], ["linux/arm64"]]);
    const url = "123456789012.dkr.ecr.us-east-1.amazonaws.com/archbench";
    for (const image of images) {
      const arch = image.platforms[0].split("/")[1];
      expect(image.push).toBe(true);
      expect(image.tags).toEqual([`${url}:dev-${arch}`]);
      expect(image.cacheFrom).toEqual([{ registry: { ref: `${url}:cache-${arch}` } }]);
      expect(image.cacheTo[0].registry).toMatchObject({ ref: `${url}:cache-${arch}`, imageManifest: true, ociMediaTypes: true });
      expect(image.registries[0]).toMatchObject({ address: url, username: "AWS", password: "mock-ecr-password" });
      expect(image.context.location).toMatch(/app$/);
    }
    // The ECR token is a secret wherever it goes.
    for (const image of ofType(run, "docker-build:index:Image")) expect(isSecretValue(image.rawInputs.registries)).toBe(true);
    const index = loose(only(run, "docker-build:index:Index").inputs);
    expect(isSecretValue(only(run, "docker-build:index:Index").rawInputs.registry)).toBe(true);
    expect(index.tag).toBe(`${url}:dev`);
    expect(index.push).toBe(true);
    expect(index.sources).toHaveLength(2);
    expect(run.invokes.some((i) => i.token === "aws:ecr/getAuthorizationToken:getAuthorizationToken")).toBe(true);
  });
});

describe("outputs", () => {
  it("exports everything the stack tools read, with the kubeconfig as a secret", () => {
    const o = run.outputs;
    expect(o.clusterName).toMatch(/^archbench-eksCluster/);
    expect(o.region).toBe("us-east-1");
    expect(o.namespace).toBe("archbench");
    expect(o.imageRef).toMatch(/archbench:dev@sha256:[0-9a-f]{64}$/);
    expect(Object.keys(o.imageDigests as object).sort()).toEqual(["amd64", "arm64"]);
    expect(o.benchmarkJobs).toEqual({ "bench-x86": "bench-x86-run-1", "bench-arm": "bench-arm-run-1" });
    expect(o.runId).toBe("1");
    expect(o.baselinePool).toBe("bench-x86");
    expect(o.appDeployment).toBe("archbench-app");
    expect(o.appService).toBe("archbench-app");
    expect(o.benchmarkZone).toBe("us-east-1b");
    expect(o.natGateway).toBe("single");
    expect(o.pools).toContainEqual({ name: "bench-arm", arch: "arm64", instanceType: "m7g.xlarge", nodes: 2, role: "benchmark" });
    expect(JSON.parse(o.kubeconfig as string).kind).toBe("Config");
  });

  it("exports exactly the outputs stacks/sources/stack-outputs.ts declares, and they parse with it", () => {
    expect(Object.keys(run.outputs).sort()).toEqual(Object.keys(stackOutputsSchema.shape).sort());
    expect(parseStackOutputs("dev", run.outputs).pools).toHaveLength(4);
  });
});
