import type { ArchbenchConfig } from "../../infra/config";
import { expectedRunTotalSeconds } from "../plan/cost";
import { firstLine, type RunCommand } from "../shared/run-command";
import { sessionVerdict } from "./session-length";

/** `Platforms: linux/amd64, linux/arm64, …` lines of `docker buildx inspect` (one per builder node). */
export function buildxPlatforms(inspectOutput: string): string[] {
  return [...inspectOutput.matchAll(/^\s*Platforms:\s*(.+)$/gm)].flatMap((m) => m[1]!.split(",").map((p) => p.trim().replace(/\*$/, ""))).filter(Boolean);
}


export interface PreflightReport {
  problems: string[];
  /** Facts worth printing (identity, region, builder platforms). */
  facts: string[];
}

/**
 * Checks what a real run needs before anything is created: the Pulumi CLI and a backend login, an AWS
 * identity (and the AWS CLI, which the kubeconfig calls for tokens) whose session outlives the run (every
 * trial of it), and a buildx builder for both platforms. Every problem says how to fix it.
 */
export async function preflight(
  config: ArchbenchConfig,
  run: RunCommand,
  env: NodeJS.ProcessEnv = process.env,
  now: Date = new Date(),
  trials = 1,
): Promise<PreflightReport> {
  const problems: string[] = [];
  const facts: string[] = [];

  const pulumiVersion = await run("pulumi", ["version"]);
  if (pulumiVersion.code === undefined) {
    problems.push("Pulumi CLI not found: install it (https://www.pulumi.com/docs/install/), then `pulumi login`");
  } else {
    facts.push(`pulumi ${pulumiVersion.stdout.trim()}`);
    const whoami = await run("pulumi", ["whoami", "--verbose"]);
    if (whoami.code !== 0) problems.push(`not logged in to a Pulumi backend: run \`pulumi login\` (or \`pulumi login --local\`) — ${firstLine(whoami.stderr)}`);
    else facts.push(`backend: ${whoami.stdout.split("\n").find((l) => /Backend URL/i.test(l))?.replace(/.*URL:\s*/i, "") ?? firstLine(whoami.stdout)}`);
  }

  const identity = await run("aws", ["sts", "get-caller-identity", "--output", "json"]);
  if (identity.code === undefined) {
    problems.push("AWS CLI v2 not found: install it (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html); the kubeconfig gets its tokens from `aws eks get-token`");
  } else if (identity.code !== 0) {
    problems.push(`no usable AWS credentials: configure a profile or role (aws configure / AWS_PROFILE / OIDC in CI) — aws sts get-caller-identity said: ${firstLine(identity.stderr)}`);
  } else {
    const arn = (JSON.parse(identity.stdout) as { Arn?: string }).Arn ?? "?";
    facts.push(`AWS identity: ${arn}`);
    const [expiration, source] = await sessionExpiration(run, env);
    const session = sessionVerdict(expiration, now, expectedRunTotalSeconds(config, undefined, trials), source);
    facts.push(session.fact);
    if (session.problem) problems.push(session.problem);
  }
  facts.push(`region: ${config.region} (from aws:region in the stack config)`);
  const envRegion = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (envRegion && envRegion !== config.region) {
    facts.push(`note: AWS_REGION=${envRegion} differs; the program uses ${config.region}, the AWS CLI calls made for tokens use the kubeconfig's region`);
  }

  const buildxVersion = await run("docker", ["buildx", "version"]);
  const buildx = buildxVersion.code === 0 ? await run("docker", ["buildx", "inspect", "--bootstrap"]) : buildxVersion;
  if (buildx.code === undefined) {
    problems.push("docker not found: install Docker with the Buildx plugin (https://docs.docker.com/build/install-buildx/)");
  } else if (buildxVersion.code !== 0) {
    problems.push("the docker Buildx plugin is missing: install it (https://docs.docker.com/build/install-buildx/); the image is built with BuildKit for two platforms");
  } else if (buildx.code !== 0) {
    problems.push(`docker buildx is not usable: ${firstLine(buildx.stderr)} — install the Buildx plugin and start the Docker daemon`);
  } else {
    const platforms = buildxPlatforms(buildx.stdout);
    const missing = ["linux/amd64", "linux/arm64"].filter((p) => !platforms.includes(p));
    if (missing.length > 0) {
      problems.push(
        `the buildx builder cannot build ${missing.join(" and ")} (it has: ${platforms.join(", ") || "none"}): ` +
          "install QEMU handlers with `docker run --privileged --rm tonistiigi/binfmt --install arm64,amd64`, or use a builder with native nodes for both (`docker buildx create --append ...`)",
      );
    } else facts.push("buildx: linux/amd64 and linux/arm64");
  }
  return { problems, facts };
}

/** When the AWS credentials expire, and where that was read; undefined when nothing says. */
async function sessionExpiration(run: RunCommand, env: NodeJS.ProcessEnv): Promise<[string | undefined, string]> {
  if (env.AWS_CREDENTIAL_EXPIRATION) return [env.AWS_CREDENTIAL_EXPIRATION, "AWS_CREDENTIAL_EXPIRATION"];
  const exported = await run("aws", ["configure", "export-credentials", "--format", "process"]);
  if (exported.code !== 0) return [undefined, "aws configure export-credentials"];
  try {
    return [(JSON.parse(exported.stdout) as { Expiration?: string }).Expiration, "aws configure export-credentials"];
  } catch {
    return [undefined, "aws configure export-credentials"];
  }
}
