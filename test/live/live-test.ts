/**
 * npm run test:live [-- --stack <name>]
 * The end-to-end test on a real AWS account: runs the driver with the small preset and --keep, checks the
 * cluster through the Kubernetes and AWS APIs, tears down, and checks that nothing tagged with the run id
 * is left. Where the Pulumi CLI or AWS credentials are missing it says why it skipped and exits 0.
 * Exit 0: passed or skipped; 1: a check failed (details above); 9: teardown failed (resources may remain).
 */
import { CoreV1Api, BatchV1Api, KubeConfig } from "@kubernetes/client-node";
import { parseArgs } from "node:util";
import { PROJECT_DIR } from "../../stacks/shared/project-dir";
import { collectFromCluster } from "../../stacks/sources/cluster-collector";
import { parseStackOutputs } from "../../stacks/sources/stack-outputs";
import { silentProgress } from "../../stacks/shared/progress";
import { openAutomationStack } from "../../stacks/lifecycle/automation";
import { resourcesTagged } from "../../stacks/lifecycle/aws-tags";
import { realDeps } from "../../stacks/lifecycle/cli-deps";
import { EXIT } from "../../stacks/lifecycle/exit-codes";
import { Interrupts } from "../../stacks/lifecycle/interrupts";
import { indexPlatforms, nodeProblems, parseImageRef, spreadProblems, type LiveNode } from "./live-checks";
import { runCommand } from "../../stacks/shared/run-command";
import { runBenchmark } from "../../stacks/lifecycle/run-benchmark";
import { runIdFrom } from "../../stacks/lifecycle/run-config";
import { TAG_KEYS } from "../../infra/tags-and-labels";

const say = (line: string) => void process.stderr.write(`test:live: ${line}\n`);

async function skipReason(): Promise<string | undefined> {
  if ((await runCommand("pulumi", ["version"])).code === undefined) return "the Pulumi CLI is not installed";
  const identity = await runCommand("aws", ["sts", "get-caller-identity"]);
  if (identity.code === undefined) return "the AWS CLI is not installed";
  if (identity.code !== 0) return "no AWS credentials (aws sts get-caller-identity failed)";
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function clusterChecks(outputsRaw: Record<string, unknown>, stack: string): Promise<string[]> {
  const outputs = parseStackOutputs(stack, outputsRaw);
  const kc = new KubeConfig();
  kc.loadFromString(outputs.kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const batch = kc.makeApiClient(BatchV1Api);
  const nodes: LiveNode[] = (await core.listNode()).items.map((n) => ({
    name: n.metadata?.name ?? "?",
    labels: n.metadata?.labels ?? {},
    taints: (n.spec?.taints ?? []).map((t) => ({ key: t.key, effect: t.effect, ...(t.value !== undefined && { value: t.value }) })),
    ready: (n.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"),
  }));
  const problems = nodeProblems(outputs.pools, nodes);

  const pods = (await core.listNamespacedPod({ namespace: outputs.namespace, labelSelector: "app.kubernetes.io/component=app" })).items;
  problems.push(...spreadProblems(pods.map((p) => ({ name: p.metadata?.name ?? "?", ...(p.spec?.nodeName && { node: p.spec.nodeName }), ...(p.status?.phase && { phase: p.status.phase }) })), nodes));

  for (const [pool, job] of Object.entries(outputs.benchmarkJobs)) {
    const status = (await batch.readNamespacedJob({ name: job, namespace: outputs.namespace })).status;
    if ((status?.succeeded ?? 0) < 1) problems.push(`Job ${job} (${pool}) did not complete`);
  }
  // The results documents, validated by the results schema (the same reader the report uses).
  for (const pool of await collectFromCluster(outputs, silentProgress)) {
    if (pool.outcome !== "ok") problems.push(`pool ${pool.pool}: results ${pool.outcome}${pool.reason ? ` (${pool.reason})` : ""}`);
  }

  const image = parseImageRef(outputs.imageRef);
  if (!image) problems.push(`imageRef ${outputs.imageRef} is not repo[:tag]@sha256:…`);
  else {
    const got = await runCommand("aws", [
      "ecr", "batch-get-image", "--region", outputs.region, "--repository-name", image.repository, "--image-ids", `imageDigest=${image.digest}`,
      "--accepted-media-types", "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json", "--output", "json",
    ]);
    const manifest = got.code === 0 ? (JSON.parse(got.stdout) as { images?: { imageManifest?: string }[] }).images?.[0]?.imageManifest : undefined;
    const platforms = manifest ? indexPlatforms(manifest) : [];
    for (const p of ["linux/amd64", "linux/arm64"]) if (!platforms.includes(p)) problems.push(`ECR index ${image.digest} lacks ${p} (has: ${platforms.join(", ") || "nothing readable"})`);
  }
  return problems;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { stack: { type: "string" } }, strict: true });
  const why = await skipReason();
  if (why) {
    console.log(`test:live skipped: ${why}. It needs the Pulumi CLI (logged in) and AWS credentials; nothing was run.`);
    return 0;
  }
  const runId = runIdFrom(new Date());
  const stack = values.stack ?? `archbench-live-${runId}`;
  const interrupts = new Interrupts(say, process.stdin.isTTY === true);
  process.on("SIGINT", (s) => interrupts.handle(s));
  process.on("SIGTERM", (s) => interrupts.handle(s));

  const args = { stack, preset: "small", keep: true, yes: true, runId, out: "results" };
  const deps = realDeps(args, interrupts, say);
  const region = deps.loadRunConfig().config.region;
  const run = await runBenchmark({ stack, keep: true, yes: true }, deps);
  const problems: string[] = run.exitCode === EXIT.ok ? [] : [`the driver exited ${run.exitCode} (steps ${run.steps.join(" → ")})`];
  if (!run.steps.includes("stack")) {
    console.log(`test:live FAILED before creating anything:\n  - ${problems.join("\n  - ")}`);
    return 1;
  }

  const handle = await openAutomationStack(stack, PROJECT_DIR);
  if (run.steps.includes("collect")) {
    try {
      problems.push(...(await clusterChecks(await handle.outputs(), stack)));
    } catch (error) {
      problems.push(`checking the cluster failed: ${(error as Error).message}`);
    }
  }

  say(`tearing down ${stack}`);
  try {
    await handle.destroy({ onOutput: (c) => void process.stdout.write(c), signal: interrupts.teardownSignal });
    await handle.remove();
  } catch (error) {
    console.log(`test:live: TEARDOWN FAILED (${(error as Error).message}); finish with: cd ${PROJECT_DIR} && pulumi destroy --stack ${stack} --yes && pulumi stack rm ${stack} --yes`);
    return EXIT.teardown;
  }

  // The tagging API is eventually consistent: deleted resources can linger in it for a few minutes.
  let left: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    left = (await resourcesTagged(runCommand, region, TAG_KEYS.runId, [runId])).map((r) => r.arn);
    if (left.length === 0) break;
    await sleep(30_000);
  }
  if (left.length > 0) problems.push(`after teardown, resources tagged ${TAG_KEYS.runId}=${runId} remain:\n    ${left.join("\n    ")}`);

  if (problems.length > 0) {
    console.log(`test:live FAILED (${problems.length}):\n  - ${problems.join("\n  - ")}`);
    return 1;
  }
  console.log(`test:live passed: stack ${stack}, run ${runId}: both architectures Ready and serving, every Job's result valid, two-platform index, nothing left after teardown`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:live: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
