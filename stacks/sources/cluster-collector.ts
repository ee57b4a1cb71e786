import { ApiException, BatchV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import type { Progress } from "../shared/progress";
import { documentFromText } from "./document-text";
import type { CollectedPool, NodeFacts } from "./collected-pool";
import { jobReason, latestPod, nodeFacts, readPod } from "./pod-reading";
import type { StackOutputs } from "./stack-outputs";

/** Log lines fetched per pod: the document is the last line; a little slack for trailing output. */
const LOG_TAIL_LINES = 20;

/** "HTTP 404: pods "x" not found" from a client-node error, without its headers and raw body. */
export function describeKubernetesError(error: unknown): string {
  if (error instanceof ApiException) {
    const body: unknown = error.body;
    let message: string | undefined;
    if (typeof body === "string") {
      try {
        const parsed = JSON.parse(body) as { message?: string };
        message = parsed.message ?? body;
      } catch {
        message = body;
      }
    } else if (body && typeof body === "object" && "message" in body) {
      message = String(body.message);
    }
    return `HTTP ${error.code}${message ? `: ${message.trim().slice(0, 300)}` : ""}`;
  }
  return error instanceof Error ? error.message : String(error);
}

const isNotFound = (error: unknown): boolean => error instanceof ApiException && error.code === 404;

interface ClusterApis {
  core: CoreV1Api;
  batch: BatchV1Api;
  namespace: string;
  runId: string;
}

/**
 * Collects every benchmark pool's result. Never throws for one pool's problem: each pool comes back with an
 * outcome and a reason, so a failed or still-running Job shows up in the report instead of ending the run.
 */
export async function collectFromCluster(outputs: StackOutputs, progress: Progress): Promise<CollectedPool[]> {
  const config = new KubeConfig();
  config.loadFromString(outputs.kubeconfig);
  const apis: ClusterApis = {
    core: config.makeApiClient(CoreV1Api),
    batch: config.makeApiClient(BatchV1Api),
    namespace: outputs.namespace,
    runId: outputs.runId,
  };

  const collected: CollectedPool[] = [];
  for (const pool of outputs.pools.filter((p) => p.role === "benchmark")) {
    const jobName = outputs.benchmarkJobs[pool.name];
    const base: CollectedPool = { pool: pool.name, arch: pool.arch, instanceType: pool.instanceType, outcome: "missing", warnings: [] };
    if (jobName === undefined) {
      collected.push({ ...base, reason: `no Job for this benchmark pool in the stack output "benchmarkJobs"` });
      progress.warn(`${pool.name}: no benchmark Job in the stack outputs`);
      continue;
    }
    progress.step(`${pool.name}: reading Job ${outputs.namespace}/${jobName}`);
    let result: CollectedPool;
    try {
      result = await collectPool(apis, { ...base, jobName });
    } catch (error) {
      result = { ...base, jobName, reason: `could not read from the cluster: ${describeKubernetesError(error)}` };
    }
    progress[result.outcome === "ok" ? "step" : "warn"](
      `${pool.name}: ${result.outcome}${result.documentSource ? ` (from the ${result.documentSource})` : ""}${result.reason ? `: ${result.reason}` : ""}`,
    );
    collected.push(result);
  }
  // Jobs the outputs list for pools the outputs do not describe: report them rather than ignore them.
  for (const [poolName, jobName] of Object.entries(outputs.benchmarkJobs)) {
    if (collected.some((c) => c.pool === poolName)) continue;
    collected.push({ pool: poolName, jobName, outcome: "missing", reason: `Job ${jobName} is listed for a pool that is not in the stack output "pools"`, warnings: [] });
  }
  return collected;
}

async function collectPool(apis: ClusterApis, pool: CollectedPool & { jobName: string }): Promise<CollectedPool> {
  const { core, batch, namespace } = apis;
  const pods = await core.listNamespacedPod({ namespace, labelSelector: `job-name=${pool.jobName}` });
  const pod = latestPod(pods.items);
  if (!pod) {
    try {
      const job = await batch.readNamespacedJob({ name: pool.jobName, namespace });
      return { ...pool, outcome: job.status?.failed ? "failed" : "missing", reason: jobReason(job) };
    } catch (error) {
      if (isNotFound(error)) return { ...pool, outcome: "missing", reason: `Job ${namespace}/${pool.jobName} not found` };
      throw error;
    }
  }

  const reading = readPod(pod);
  const result: CollectedPool = { ...pool, podName: reading.name, warnings: [...pool.warnings] };
  if (reading.nodeName) result.node = await readNodeFacts(core, reading.nodeName, result.warnings);

  if (reading.phase !== "succeeded" && reading.phase !== "failed") {
    return { ...result, outcome: "running", ...(reading.reason !== undefined && { reason: reading.reason }) };
  }

  const fromMessage = documentFromText(reading.terminationMessage, "termination message");
  const needLog = !fromMessage.ok || fromMessage.document.truncated === true;
  let fromLog: ReturnType<typeof documentFromText> | undefined;
  let logText: string | undefined;
  if (needLog) {
    try {
      logText = await core.readNamespacedPodLog({
        name: reading.name,
        namespace,
        tailLines: LOG_TAIL_LINES,
        ...(reading.containerName !== undefined && { container: reading.containerName }),
      });
      fromLog = documentFromText(logText, "log");
    } catch (error) {
      fromLog = { ok: false, reason: `log could not be read: ${describeKubernetesError(error)}` };
    }
  }

  let chosen: CollectedPool;
  if (fromMessage.ok && !needLog) {
    chosen = { ...result, outcome: "ok", documentSource: "termination-message", document: fromMessage.document };
  } else if (fromLog?.ok) {
    chosen = { ...result, outcome: "ok", documentSource: "log", document: fromLog.document };
  } else if (fromMessage.ok) {
    result.warnings.push(`the termination message is truncated (samples dropped) and ${fromLog?.reason ?? "the log has no document"}: no confidence interval for this pool`);
    chosen = { ...result, outcome: "ok", documentSource: "termination-message", document: fromMessage.document };
  } else {
    const raw = reading.terminationMessage ?? logText;
    chosen = {
      ...result,
      outcome: "malformed",
      reason: [fromMessage.reason, fromLog?.reason].filter(Boolean).join("; "),
      ...(raw !== undefined && { raw }),
    };
  }

  if (reading.phase === "failed") {
    // A failed pod's output is kept (nothing lost) but not analysed: its numbers may be partial.
    return { ...chosen, outcome: "failed", reason: reading.reason ?? "pod failed" };
  }
  if (chosen.document) checkDocumentAgainstRun(chosen, apis.runId);
  return chosen;
}

async function readNodeFacts(core: CoreV1Api, nodeName: string, warnings: string[]): Promise<NodeFacts> {
  try {
    return nodeFacts(await core.readNode({ name: nodeName }));
  } catch (error) {
    warnings.push(
      isNotFound(error)
        ? `node ${nodeName} no longer exists (scaled down?): instance type and arch are taken from the pool config`
        : `node ${nodeName} could not be read: ${describeKubernetesError(error)}`,
    );
    return { name: nodeName };
  }
}

/** Flags documents that disagree with the run or the node they ran on: signs of a stale or misplaced result. */
export function checkDocumentAgainstRun(pool: CollectedPool, runId: string): void {
  const doc = pool.document;
  if (!doc) return;
  if (doc.pool !== pool.pool) pool.warnings.push(`document says pool "${doc.pool}", collected from pool "${pool.pool}"`);
  if (doc.runId !== runId) pool.warnings.push(`document runId "${doc.runId}" differs from the stack's runId "${runId}" (stale result?)`);
  const nodeArch = pool.node?.arch;
  if (nodeArch && doc.arch !== nodeArch) pool.warnings.push(`document arch ${doc.arch} differs from node arch ${nodeArch}`);
  const nodeType = pool.node?.instanceType;
  if (nodeType && pool.instanceType && nodeType !== pool.instanceType) {
    pool.warnings.push(`node instance type ${nodeType} differs from the pool config ${pool.instanceType}`);
  }
}
