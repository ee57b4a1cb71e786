import * as pulumi from "@pulumi/pulumi";
import type { FakeCloud } from "./fake-cloud";

/** One resource the program registered, with the inputs it asked for. */
export interface RegisteredResource {
  type: string;
  name: string;
  /** Inputs with secrets unwrapped. */
  inputs: Record<string, unknown>;
  /** Inputs as the engine saw them: secrets still wrapped (see isSecretValue). */
  rawInputs: Record<string, unknown>;
  /** Options that matter to the tests (custom timeouts, delete-before-replace), where mocks expose them. */
  provider?: string;
}

export interface ProgramRun {
  resources: RegisteredResource[];
  invokes: { token: string; args: Record<string, unknown> }[];
  /** The stack outputs, resolved (secrets unwrapped). */
  outputs: Record<string, unknown>;
}

/** The marker the Pulumi SDK puts on serialised secrets. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isSecretValue(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

function unwrapSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return unwrapSecrets((value as { value: unknown }).value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

const FAKE_DIGEST = (seed: string) => `sha256:${Buffer.from(seed).toString("hex").padEnd(64, "0").slice(0, 64)}`;

/** Outputs of remote components and providers that the program reads, which mocks must return. */
function mockState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case "aws:ecr/repository:Repository":
      return { ...inputs, name, registryId: "123456789012", repositoryUrl: `123456789012.dkr.ecr.us-east-1.amazonaws.com/${name}` };
    case "docker-build:index:Image": {
      const tag = (inputs.tags as string[] | undefined)?.[0] ?? name;
      return { ...inputs, digest: FAKE_DIGEST(name), ref: `${tag}@${FAKE_DIGEST(name)}` };
    }
    case "docker-build:index:Index":
      return { ...inputs, ref: `${String(inputs.tag)}@${FAKE_DIGEST(`index-${name}`)}` };
    case "eks:index:Cluster":
      return {
        ...inputs,
        kubeconfigJson: JSON.stringify({ apiVersion: "v1", kind: "Config", clusters: [{ name, cluster: { server: "https://example.invalid" } }] }),
        eksCluster: { name: `${name}-eksCluster-1234567`, arn: `arn:aws:eks:us-east-1:123456789012:cluster/${name}` },
      };
    default:
      return inputs;
  }
}

function answerInvoke(cloud: FakeCloud, token: string, args: Record<string, unknown>): Record<string, unknown> {
  switch (token) {
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return { names: cloud.zones.map((z) => z.name), zoneIds: cloud.zones.map((z) => z.zoneId), id: cloud.region };
    case "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings": {
      const filters = (args.filters as { name: string; values: string[] }[] | undefined) ?? [];
      const types = filters.find((f) => f.name === "instance-type")?.values ?? [];
      const rows = types.flatMap((t) => cloud.zones.filter((z) => cloud.offers(t, z.name)).map((z) => ({ t, z: z.name })));
      return {
        instanceTypes: rows.map((r) => r.t),
        locations: rows.map((r) => r.z),
        locationTypes: rows.map(() => "availability-zone"),
        id: cloud.region,
      };
    }
    case "aws:ec2/getInstanceType:getInstanceType": {
      const type = String(args.instanceType);
      const architectures = cloud.architectures(type);
      if (!architectures) throw new Error(`reading EC2 Instance Type (${type}): InvalidInstanceType: The following supplied instance types do not exist: [${type}]`);
      return { instanceType: type, supportedArchitectures: architectures, id: type };
    }
    case "aws:ecr/getAuthorizationToken:getAuthorizationToken":
      return { userName: "AWS", password: "mock-ecr-password", authorizationToken: "mock", proxyEndpoint: "https://123456789012.dkr.ecr.us-east-1.amazonaws.com", id: "token" };
    default:
      throw new Error(`the offline run does not answer invoke ${token}`);
  }
}

async function resolve(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    return new Promise((done) => (value as pulumi.Output<unknown>).apply((v) => done(v)));
  }
  return value;
}

/** Waits until no new resource has been registered for `quietMs`. */
async function settle(resources: unknown[], quietMs = 150, limitMs = 20_000): Promise<void> {
  const start = Date.now();
  let count = -1;
  while (count !== resources.length && Date.now() - start < limitMs) {
    count = resources.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

/**
 * Runs the real program (infra/index.ts) under Pulumi mocks with the given stack config: nothing is
 * created, no CLI or credentials are needed. Returns what was registered and the outputs. Call it at
 * most once per module instance (tests: `vi.resetModules()` between runs).
 */
export async function runProgram(
  config: Record<string, string>,
  cloud: FakeCloud,
  options: { stack?: string; preview?: boolean; importProgram: () => Promise<Record<string, unknown>> },
): Promise<ProgramRun> {
  const resources: RegisteredResource[] = [];
  const invokes: ProgramRun["invokes"] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const inputs = unwrapSecrets(args.inputs) as Record<string, unknown>;
        resources.push({ type: args.type, name: args.name, inputs, rawInputs: args.inputs as Record<string, unknown>, provider: args.provider });
        return { id: `${args.name}-id`, state: mockState(args.type, args.name, inputs) };
      },
      call: (args) => {
        const inputs = unwrapSecrets(args.inputs) as Record<string, unknown>;
        invokes.push({ token: args.token, args: inputs });
        return answerInvoke(cloud, args.token, inputs);
      },
    },
    "archbench",
    options.stack ?? "dev",
    options.preview ?? false,
  );
  pulumi.runtime.setAllConfig(config);
  const program = await options.importProgram();
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(program)) outputs[key] = await resolve(value);
  await settle(resources);
  return { resources, invokes, outputs };
}
