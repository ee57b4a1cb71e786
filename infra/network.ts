import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { subnetPlan } from "./subnets";
import { chooseZones, offeringsByZone, type ZoneChoice } from "./zones";

export interface NetworkArgs {
  region: string;
  vpcCidr: string;
  natGateway: "none" | "single";
  appInstanceTypes: string[];
  benchmarkInstanceTypes: string[];
}

/**
 * VPC over two AZs: public subnets (load balancers, NAT) and, with a NAT gateway, private subnets for
 * the nodes. With `natGateway: none` the nodes go into the public subnets with public IPs, which saves
 * the NAT's hourly price and needs no VPC endpoints. Never one NAT per AZ: a testbed does not need it.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly publicSubnetIds: pulumi.Output<string[]>;
  /** The private subnets, or undefined with `natGateway: none` (then the nodes use the public ones). */
  readonly privateSubnetIds: pulumi.Output<string[]> | undefined;
  /** Where the nodes live: private subnets behind the NAT, or the public ones without it. */
  readonly nodeSubnetIds: pulumi.Output<string[]>;
  /** The node subnet in the benchmark AZ: every benchmark pool is pinned to it. */
  readonly benchmarkSubnetId: pulumi.Output<string>;
  readonly zones: pulumi.Output<string[]>;
  readonly benchmarkZone: pulumi.Output<string>;
  /**
   * What a node needs before it boots to reach ECR and EKS: the NAT gateway, the private route table and
   * its associations (and the public ones the NAT routes through); with `natGateway: none`, the internet
   * gateway, the public route table and its associations. Node groups depend on these, so creation never
   * starts a node that cannot pull, and destroy removes the node groups before their route out.
   */
  readonly readiness: pulumi.Resource[];

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("archbench:network:Network", name, {}, opts);
    const parent = { parent: this };
    const choice = zoneChoice(args, parent);
    const zone = (i: 0 | 1) => choice.apply((c) => c.zones[i]);
    const plan = subnetPlan(args.vpcCidr);

    const vpc = new aws.ec2.Vpc(name, {
      cidrBlock: args.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: name },
    }, parent);
    const igw = new aws.ec2.InternetGateway(name, { vpcId: vpc.id, tags: { Name: name } }, parent);
    const publicRoutes = new aws.ec2.RouteTable(`${name}-public`, {
      vpcId: vpc.id,
      routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
      tags: { Name: `${name}-public` },
    }, parent);
    const publicAssociations: aws.ec2.RouteTableAssociation[] = [];
    const publicSubnets = ([0, 1] as const).map((i) => {
      const subnet = new aws.ec2.Subnet(`${name}-public-${i}`, {
        vpcId: vpc.id,
        cidrBlock: plan.public[i],
        availabilityZone: zone(i),
        // Nodes land here when there is no NAT gateway; they need public IPs to reach ECR and EKS.
        mapPublicIpOnLaunch: args.natGateway === "none",
        tags: { Name: `${name}-public-${i}`, "kubernetes.io/role/elb": "1" },
      }, parent);
      publicAssociations.push(new aws.ec2.RouteTableAssociation(`${name}-public-${i}`, { subnetId: subnet.id, routeTableId: publicRoutes.id }, parent));
      return subnet;
    });

    let privateSubnets: aws.ec2.Subnet[] = [];
    const readiness: pulumi.Resource[] = [igw, publicRoutes, ...publicAssociations];
    if (args.natGateway === "single") {
      const eip = new aws.ec2.Eip(`${name}-nat`, { domain: "vpc", tags: { Name: `${name}-nat` } }, parent);
      const nat = new aws.ec2.NatGateway(name, {
        allocationId: eip.id,
        subnetId: publicSubnets[0]!.id,
        tags: { Name: name },
      }, { ...parent, dependsOn: [igw] });
      const privateRoutes = new aws.ec2.RouteTable(`${name}-private`, {
        vpcId: vpc.id,
        routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }],
        tags: { Name: `${name}-private` },
      }, parent);
      privateSubnets = ([0, 1] as const).map((i) => {
        const subnet = new aws.ec2.Subnet(`${name}-private-${i}`, {
          vpcId: vpc.id,
          cidrBlock: plan.private[i],
          availabilityZone: zone(i),
          tags: { Name: `${name}-private-${i}`, "kubernetes.io/role/internal-elb": "1" },
        }, parent);
        readiness.push(new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { subnetId: subnet.id, routeTableId: privateRoutes.id }, parent));
        return subnet;
      });
      readiness.push(nat, privateRoutes);
    }

    const nodeSubnets = privateSubnets.length > 0 ? privateSubnets : publicSubnets;
    this.vpcId = vpc.id;
    this.publicSubnetIds = pulumi.all(publicSubnets.map((s) => s.id));
    this.privateSubnetIds = privateSubnets.length > 0 ? pulumi.all(privateSubnets.map((s) => s.id)) : undefined;
    this.nodeSubnetIds = pulumi.all(nodeSubnets.map((s) => s.id));
    this.benchmarkSubnetId = nodeSubnets[0]!.id; // subnet 0 is in the benchmark AZ
    this.zones = choice.apply((c) => [...c.zones]);
    this.benchmarkZone = choice.apply((c) => c.benchmarkZone);
    this.readiness = readiness;
    this.registerOutputs({ vpcId: this.vpcId, nodeSubnetIds: this.nodeSubnetIds, zones: this.zones });
  }
}

/** Asks EC2 which AZs exist and which of them offer the pools' instance types, then chooses. */
function zoneChoice(args: NetworkArgs, opts: pulumi.InvokeOutputOptions): pulumi.Output<ZoneChoice> {
  const allTypes = [...new Set([...args.appInstanceTypes, ...args.benchmarkInstanceTypes])];
  const zones = aws.getAvailabilityZonesOutput({
    state: "available",
    filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
  }, opts);
  const offerings = aws.ec2.getInstanceTypeOfferingsOutput({
    locationType: "availability-zone",
    filters: [{ name: "instance-type", values: allTypes }],
  }, opts);
  return pulumi.all([zones, offerings]).apply(([z, o]) =>
    chooseZones(
      args.region,
      z.names.map((name, i) => ({ name, zoneId: z.zoneIds[i] ?? "" })),
      offeringsByZone(o.instanceTypes.map((instanceType, i) => ({ instanceType, location: o.locations[i] ?? "" }))),
      args.appInstanceTypes,
      args.benchmarkInstanceTypes,
    ),
  );
}
