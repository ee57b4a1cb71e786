import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import { PROJECT_DIR } from "../../stacks/shared/project-dir";

/**
 * The policy pack as the Pulumi CLI runs it: `@pulumi/pulumi/cmd/run-policy-pack <engine> .` in policy/
 * (ts-node compiles and type-checks index.ts, the PolicyPack serves gRPC and prints its port), and a
 * client speaking the engine's side of the Analyzer protocol. Only the engine is faked.
 */

const load = createRequire(path.join(PROJECT_DIR, "package.json"));

interface Message {
  [setter: string]: unknown;
}
type Ctor = new () => Message;
interface StructStatic {
  fromJavaScript(value: Record<string, unknown>): unknown;
}
interface Diagnostic {
  getPolicyname(): string;
  getMessage(): string;
  getUrn(): string;
}
interface AnalyzeResponse {
  getDiagnosticsList(): Diagnostic[];
}
interface AnalyzerInfo {
  getPoliciesList(): { getName(): string; getEnforcementlevel(): number }[];
}
type Callback<T> = (err: Error | null, res: T) => void;
interface AnalyzerClient {
  getAnalyzerInfo(req: unknown, cb: Callback<AnalyzerInfo>): void;
  analyze(req: unknown, cb: Callback<AnalyzeResponse>): void;
  analyzeStack(req: unknown, cb: Callback<AnalyzeResponse>): void;
  configure(req: unknown, cb: Callback<unknown>): void;
  close(): void;
}

const pb = load("@pulumi/pulumi/proto/analyzer_pb.js") as Record<"AnalyzeRequest" | "AnalyzerResource" | "AnalyzeStackRequest" | "ConfigureAnalyzerRequest" | "PolicyConfig", Ctor> & {
  AnalyzerResourceOptions: Ctor & { CustomTimeouts: Ctor };
  EnforcementLevel: Record<string, number>;
};
const grpcPb = load("@pulumi/pulumi/proto/analyzer_grpc_pb.js") as { AnalyzerClient: new (address: string, credentials: unknown) => AnalyzerClient };
const grpc = load("@grpc/grpc-js") as { credentials: { createInsecure(): unknown } };
const { Struct } = load("google-protobuf/google/protobuf/struct_pb.js") as { Struct: StructStatic };
const { Empty } = load("google-protobuf/google/protobuf/empty_pb.js") as { Empty: Ctor };

/** A message with setters called in order: `build(pb.AnalyzeRequest, { Type: "x" })` calls setType("x"). */
function build(ctor: Ctor, fields: Record<string, unknown>): Message {
  const message = new ctor();
  for (const [field, value] of Object.entries(fields)) (message[`set${field}`] as (v: unknown) => void).call(message, value);
  return message;
}

const options = () => build(pb.AnalyzerResourceOptions, { Customtimeouts: new pb.AnalyzerResourceOptions.CustomTimeouts() });

export interface PackResource {
  type: string;
  name: string;
  /** Properties in the engine's wire form (secrets as `{ [sig]: secretSig, value }`). */
  props: Record<string, unknown>;
}

/** `policy: violation`; the server prefixes each message with the policy's description line, dropped here. */
const format = (d: Diagnostic) => `${d.getPolicyname()}: ${d.getMessage().split("\n").slice(1).join("\n") || d.getMessage()}`;

const urnOf = (r: PackResource) => `urn:pulumi:test::archbench::${r.type}::${r.name}`;

function call<T>(fn: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, res) => (err ? reject(err) : resolve(res))));
}

export class RunningPack {
  private constructor(
    private readonly process: ChildProcess,
    private readonly client: AnalyzerClient,
  ) {}

  /** Starts the pack in policy/ with the repository's node_modules; resolves once it serves. */
  static async start(timeoutMs = 30_000): Promise<RunningPack> {
    const runner = load.resolve("@pulumi/pulumi/cmd/run-policy-pack");
    const child = spawn(process.execPath, [runner, "127.0.0.1:1", "."], { cwd: path.join(PROJECT_DIR, "policy"), stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the policy pack did not start in ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
      child.stdout.once("data", (d: Buffer) => {
        clearTimeout(timer);
        resolve(Number(d.toString().trim()));
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the policy pack exited (${code}) before serving:\n${stderr}`));
      });
    });
    return new RunningPack(child, new grpcPb.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()));
  }

  /** Policy name → enforcement level name ("MANDATORY", "DISABLED", …), as the CLI sees the pack. */
  async policies(): Promise<Record<string, string>> {
    const info = await call<AnalyzerInfo>((cb) => this.client.getAnalyzerInfo(new Empty(), cb));
    const levels = Object.fromEntries(Object.entries(pb.EnforcementLevel).map(([name, n]) => [n, name]));
    return Object.fromEntries(info.getPoliciesList().map((p) => [p.getName(), levels[p.getEnforcementlevel()] ?? "?"]));
  }

  /** Sets a policy's enforcement level and config, as `--policy-pack-config` does. */
  async configure(policy: string, level: "MANDATORY" | "ADVISORY" | "DISABLED", properties: Record<string, unknown> = {}): Promise<void> {
    const request = new pb.ConfigureAnalyzerRequest();
    const map = (request.getPolicyconfigMap as () => { set(k: string, v: unknown): void }).call(request);
    map.set(policy, build(pb.PolicyConfig, { Enforcementlevel: pb.EnforcementLevel[level], Properties: Struct.fromJavaScript(properties) }));
    await call((cb) => this.client.configure(request, cb));
  }

  /** `policy: message` of every resource policy violation on one resource (the preview-time check). */
  async analyze(r: PackResource): Promise<string[]> {
    const request = build(pb.AnalyzeRequest, { Type: r.type, Name: r.name, Urn: urnOf(r), Properties: Struct.fromJavaScript(r.props), Options: options() });
    const response = await call<AnalyzeResponse>((cb) => this.client.analyze(request, cb));
    return response.getDiagnosticsList().map(format);
  }

  /** `policy: message` of every stack policy violation over the given resources. */
  async analyzeStack(resources: PackResource[]): Promise<string[]> {
    const list = resources.map((r) => build(pb.AnalyzerResource, { Type: r.type, Name: r.name, Urn: urnOf(r), Properties: Struct.fromJavaScript(r.props), Options: options() }));
    const response = await call<AnalyzeResponse>((cb) => this.client.analyzeStack(build(pb.AnalyzeStackRequest, { ResourcesList: list }), cb));
    return response.getDiagnosticsList().map(format);
  }

  stop(): void {
    this.client.close();
    this.process.kill();
  }
}
