import { ApiException, BatchV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import type { Progress } from "../shared/progress";
import { documentFromText } from "./document-text";
import { poolOutcome, type CollectedDocument, type CollectedPool, type NodeFacts } from "./collected-pool";
import { jobReason, latestPodPerIndex, nodeFacts, readPod } from "./pod-reading";
import type { V1Job, V1Pod } from "@kubernetes/client-node";
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
 * Collects every benchmark pool's results: every pod of its Job (one per node), one document each. Never
 * throws for one pool's or one pod's problem: each comes back with an outcome and a reason, so a failed,
 * missing or still-running pod shows up in the report next to its pool's good documents.
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
    // Own keys only: a pool may be named "constructor", which every object has on its prototype.
    const jobName = Object.hasOwn(outputs.benchmarkJobs, pool.name) ? outputs.benchmarkJobs[pool.name] : undefined;
    const base: CollectedPool = { pool: pool.name, arch: pool.arch, instanceType: pool.instanceType, outcome: "missing", documents: [], warnings: [] };
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
    const ok = result.documents.filter((d) => d.outcome === "ok").length;
    progress[result.outcome === "ok" && ok === result.documents.length ? "step" : "warn"](
      `${pool.name}: ${ok} of ${result.documents.length} pod(s) ok${result.reason ? `: ${result.reason}` : ""}`,
    );
    for (const d of result.documents.filter((doc) => doc.outcome !== "ok")) progress.warn(`${pool.name}: pod ${d.podName ?? "?"}: ${d.outcome}${d.reason ? `: ${d.reason}` : ""}`);
    collected.push(result);
  }
  // Jobs the outputs list for pools the outputs do not describe: report them rather than ignore them.
  for (const [poolName, jobName] of Object.entries(outputs.benchmarkJobs)) {
    if (collected.some((c) => c.pool === poolName)) continue;
    collected.push({ pool: poolName, jobName, outcome: "missing", reason: `Job ${jobName} is listed for a pool that is not in the stack output "pools"`, documents: [], warnings: [] });
  }
  return collected;
}

async function collectPool(apis: ClusterApis, pool: CollectedPool & { jobName: string }): Promise<CollectedPool> {
  const { core, batch, namespace } = apis;
  const pods = await core.listNamespacedPod({ namespace, labelSelector: `job-name=${pool.jobName}` });
  let job: V1Job | undefined;
  try {
    job = await batch.readNamespacedJob({ name: pool.jobName, namespace });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const latest = latestPodPerIndex(pods.items);
  if (latest.length === 0) {
    if (!job) return { ...pool, outcome: "missing", reason: `Job ${namespace}/${pool.jobName} not found` };
    return { ...pool, outcome: job.status?.failed ? "failed" : "missing", reason: jobReason(job) };
  }
  const documents: CollectedDocument[] = [];
  for (const pod of latest) {
    try {
      documents.push(await collectPod(apis, pool, pod));
    } catch (error) {
      documents.push({ jobName: pool.jobName, podName: pod.metadata?.name, trial: apis.runId, outcome: "missing", reason: `could not read the pod: ${describeKubernetesError(error)}`, warnings: [] });
    }
  }
  // An Indexed Job runs one pod per node: an index without any pod is a node that was never measured.
  const completions = job?.spec?.completions ?? latest.length;
  for (let missing = latest.length; missing < completions; missing++) {
    documents.push({ jobName: pool.jobName, trial: apis.runId, outcome: "missing", reason: `the Job wants ${completions} pods (one per node) but has ${latest.length}`, warnings: [] });
  }
  return { ...pool, ...poolOutcome(documents), documents };
}

/** One pod → one document entry; the document from the termination message, else the log's last line. */
async function collectPod(apis: ClusterApis, pool: CollectedPool & { jobName: string }, pod: V1Pod): Promise<CollectedDocument> {
  const { core, namespace } = apis;
  const reading = readPod(pod);
  const result: CollectedDocument = { jobName: pool.jobName, podName: reading.name, trial: apis.runId, outcome: "missing", warnings: [] };
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

  let chosen: CollectedDocument;
  if (fromMessage.ok && !needLog) {
    chosen = { ...result, outcome: "ok", documentSource: "termination-message", document: fromMessage.document };
  } else if (fromLog?.ok) {
    chosen = { ...result, outcome: "ok", documentSource: "log", document: fromLog.document };
  } else if (fromMessage.ok) {
    result.warnings.push(`the termination message is truncated (samples dropped) and ${fromLog?.reason ?? "the log has no document"}: no confidence interval for this node`);
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
  if (chosen.document) chosen.trial = chosen.document.runId;

  if (reading.phase === "failed") {
    // A failed pod's output is kept (nothing lost) but not analysed: its numbers may be partial.
    return { ...chosen, outcome: "failed", reason: reading.reason ?? "pod failed" };
  }
  if (chosen.document) checkDocumentAgainstRun(chosen, pool, apis.runId);
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
export function checkDocumentAgainstRun(entry: CollectedDocument, pool: Pick<CollectedPool, "pool" | "instanceType">, runId: string): void {
  const doc = entry.document;
  if (!doc) return;
  if (doc.pool !== pool.pool) entry.warnings.push(`document says pool "${doc.pool}", collected from pool "${pool.pool}"`);
  if (doc.runId !== runId) entry.warnings.push(`document runId "${doc.runId}" differs from the stack's runId "${runId}" (stale result?)`);
  const nodeArch = entry.node?.arch;
  if (nodeArch && doc.arch !== nodeArch) entry.warnings.push(`document arch ${doc.arch} differs from node arch ${nodeArch}`);
  const nodeType = entry.node?.instanceType;
  if (nodeType && pool.instanceType && nodeType !== pool.instanceType) {
    entry.warnings.push(`node instance type ${nodeType} differs from the pool config ${pool.instanceType}`);
  }
}
