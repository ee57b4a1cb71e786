import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import { ConfigError } from "../../infra/config";
import { setProgramClock } from "../../infra/program-clock";
import { instanceSize, instanceVcpus } from "../../infra/instance-sizes";
import { threadsPerCoreOfInstanceType } from "../../infra/instance-types";
import { DEFAULT_CALLER, type FakeCloud } from "./fake-cloud";

/** One resource the program registered, with the inputs it asked for. */
export interface RegisteredResource {
  type: string;
  name: string;
  /** Inputs with secrets unwrapped. */
  inputs: Record<string, unknown>;
  /** Inputs as the engine saw them: secrets still wrapped (see isSecretValue). */
  rawInputs: Record<string, unknown>;
  /** Resource options the engine would receive. */
  options: {
    customTimeouts?: { create: string; update: string; delete: string };
    deleteBeforeReplace: boolean;
    dependsOn: string[];
    /** The provider reference (`urn::id`), explicit or inherited from a parent component; "" for the default. */
    provider: string;
  };
}

/** The slice of the engine's RegisterResourceRequest read here. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getDeletebeforereplace(): boolean;
  getDependenciesList(): string[];
  getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
  getProvider(): string;
}

/** Resource options never reach `newResource`; read them where the engine would, on the monitor. */
function captureOptions(): Map<string, RegisteredResource["options"]> {
  const captured = new Map<string, RegisteredResource["options"]>();
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: RegisterRequest, cb: unknown): unknown };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    const timeouts = req.getCustomtimeouts();
    captured.set(`${req.getType()}::${req.getName()}`, {
      customTimeouts: timeouts && { create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() },
      deleteBeforeReplace: req.getDeletebeforereplace(),
      dependsOn: req.getDependenciesList(),
      provider: req.getProvider(),
    });
    return register(req, cb);
  };
  return captured;
}

export interface ProgramRun {
  resources: RegisteredResource[];
  /** Every invoke the program made, with the offline answer it got. */
  invokes: { token: string; args: Record<string, unknown>; answer?: Record<string, unknown> }[];
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

/**
 * EC2's VCpuInfo and memory for a type, from the size table and the family rule (or the cloud's own
 * threads per core): only the facts known, so an unknown type is not contradicted.
 */
function instanceFacts(cloud: FakeCloud, type: string): Record<string, number> {
  const facts: Record<string, number> = {};
  const size = instanceSize(type);
  const vcpus = instanceVcpus(type);
  const threads = cloud.threadsPerCore ? cloud.threadsPerCore(type) : threadsPerCoreOfInstanceType(type);
  if (vcpus !== undefined) facts.defaultVcpus = vcpus;
  if (size !== undefined) facts.memorySize = size.memoryGiB * 1024;
  if (threads !== undefined) facts.defaultThreadsPerCore = threads;
  if (vcpus !== undefined && threads !== undefined) facts.defaultCores = vcpus / threads;
  return facts;
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
      return { instanceType: type, supportedArchitectures: architectures, id: type, ...instanceFacts(cloud, type) };
    }
    case "aws:index/getCallerIdentity:getCallerIdentity": {
      const caller = cloud.caller ?? DEFAULT_CALLER;
      return { accountId: caller.arn.split(":")[4], arn: caller.arn, userId: "AROAEXAMPLE:session", id: caller.arn.split(":")[4] };
    }
    case "aws:iam/getSessionContext:getSessionContext": {
      // STS assumed-role ARN → the role's IAM ARN; anything else is its own issuer.
      const caller = cloud.caller ?? DEFAULT_CALLER;
      const arn = String(args.arn);
      const issuerArn = arn === caller.arn ? caller.issuerArn : arn;
      return { arn, issuerArn, issuerId: "AROAEXAMPLE", issuerName: issuerArn.split("/").pop(), sessionName: arn === issuerArn ? "" : arn.split("/").pop(), id: arn };
    }
    case "aws:ssm/getParameter:getParameter": {
      // A public EKS AMI parameter: a stable fake AMI id per parameter name.
      const name = String(args.name);
      const value = `ami-${createHash("sha256").update(name).digest("hex").slice(0, 17)}`;
      return { name, value, insecureValue: value, type: "String", version: 1, arn: `arn:aws:ssm:${cloud.region}::parameter${name}`, id: name };
    }
    case "aws:ecr/getAuthorizationToken:getAuthorizationToken":
      return { userName: "AWS", password: "mock-ecr-password", authorizationToken: "mock", proxyEndpoint: "https://123456789012.dkr.ecr.us-east-1.amazonaws.com", id: "token" };
    default:
      throw new Error(`the offline run does not answer invoke ${token}`);
  }
}

async function resolve(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    // The Output's own promise, so a failed apply (a check at preview) rejects instead of never resolving.
    const promised = (value as unknown as { promise?: () => Promise<unknown> }).promise;
    if (typeof promised === "function") return promised.call(value);
    return new Promise((done) => value.apply((v) => done(v)));
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

/** The program threw while loading (bad config, say); `resources` is what it had registered by then. */
export class ProgramError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly resources: RegisteredResource[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "ProgramError";
  }
}

/**
 * Runs the real program (infra/index.ts) under Pulumi mocks with the given stack config: nothing is
 * created, no CLI or credentials are needed. Returns what was registered and the outputs. Call it at
 * most once per module instance (tests: `vi.resetModules()` between runs). `now` fixes the program's clock
 * (expiry tag, version support) for the run.
 */
export async function runProgram(
  config: Record<string, string>,
  cloud: FakeCloud,
  run: { stack?: string; preview?: boolean; importProgram: () => Promise<Record<string, unknown>>; now?: Date },
): Promise<ProgramRun> {
  setProgramClock(run.now);
  trapConfigRejections();
  const refused = new Promise<never>((_, reject) => {
    refuseRun = (reason) => reject(new ProgramError(reason, []));
  });
  refused.catch(() => undefined);
  try {
    return await Promise.race([runWithMocks(config, cloud, run), refused]);
  } finally {
    refuseRun = undefined;
    setProgramClock(undefined);
  }
}

/** How every ConfigError's message starts (infra/config.ts). */
const CONFIG_ERROR_HEADLINE = "invalid stack config";
/** Fails the run in progress; undefined between runs. */
let refuseRun: ((reason: unknown) => void) | undefined;
let trapInstalled = false;

/**
 * A config check the program makes inside an Output (the deploying role listed as an admin, say) rejects
 * a resource's inputs, and the SDK leaves that rejection, and its echoes through every dependent
 * resource, unhandled: the process would die with a stack trace. A ConfigError rejection fails the run in
 * progress instead (the plan then exits 2 naming the key), and its echoes are dropped; anything else
 * still crashes, as Node's default does.
 */
function trapConfigRejections(): void {
  if (trapInstalled) return;
  trapInstalled = true;
  process.on("unhandledRejection", (reason) => {
    if (reason instanceof ConfigError) {
      refuseRun?.(reason);
      return;
    }
    // An echo: another resource's input that failed because of the refusal, wrapped in its own words.
    if (reason instanceof Error && reason.message.includes(CONFIG_ERROR_HEADLINE)) return;
    throw reason;
  });
}

async function runWithMocks(
  config: Record<string, string>,
  cloud: FakeCloud,
  run: { stack?: string; preview?: boolean; importProgram: () => Promise<Record<string, unknown>> },
): Promise<ProgramRun> {
  const resources: RegisteredResource[] = [];
  const invokes: ProgramRun["invokes"] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const inputs = unwrapSecrets(args.inputs) as Record<string, unknown>;
        resources.push({
          type: args.type,
          name: args.name,
          inputs,
          rawInputs: args.inputs as Record<string, unknown>,
          options: options.get(`${args.type}::${args.name}`) ?? { deleteBeforeReplace: false, dependsOn: [], provider: "" },
        });
        return { id: `${args.name}-id`, state: mockState(args.type, args.name, inputs) };
      },
      call: (args) => {
        const inputs = unwrapSecrets(args.inputs) as Record<string, unknown>;
        const invoke: ProgramRun["invokes"][number] = { token: args.token, args: inputs };
        invokes.push(invoke);
        invoke.answer = answerInvoke(cloud, args.token, inputs);
        return invoke.answer;
      },
    },
    "archbench",
    run.stack ?? "dev",
    run.preview ?? false,
  );
  const options = captureOptions();
  pulumi.runtime.setAllConfig(config);
  let program: Record<string, unknown>;
  try {
    program = await run.importProgram();
  } catch (err) {
    await settle(resources);
    throw new ProgramError(err, resources);
  }
  const outputs: Record<string, unknown> = {};
  try {
    for (const [key, value] of Object.entries(program)) outputs[key] = await resolve(value);
  } catch (err) {
    await settle(resources);
    throw new ProgramError(err, resources);
  }
  await settle(resources);
  return { resources, invokes, outputs };
}
