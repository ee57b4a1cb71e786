import type { V1Job, V1Node, V1Pod } from "@kubernetes/client-node";
import type { NodeFacts } from "./collected-pool";

/** What a benchmark pod's status says, reduced to what the collector acts on. Pure. */
export interface PodReading {
  name: string;
  phase: "succeeded" | "failed" | "running" | "pending" | "unknown";
  /** Human-readable why, for anything but success: container state reason, exit code, pod reason. */
  reason?: string;
  containerName?: string;
  terminationMessage?: string;
  nodeName?: string;
}

/** The container that runs the benchmark: the one named "benchmark", else the pod's first. */
const BENCHMARK_CONTAINER = "benchmark";

/** The label (and annotation) an Indexed Job puts on each pod: which completion (here: which node slot) it is. */
const COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

/**
 * The newest pod of each completion index of a Job (an Indexed Job runs one pod per node; after retries the
 * last attempt of an index is the one that counts). Pods of a non-indexed Job share one slot. Sorted by index.
 */
export function latestPodPerIndex(pods: readonly V1Pod[]): V1Pod[] {
  const slots = new Map<string, V1Pod[]>();
  for (const pod of pods) {
    const index = pod.metadata?.labels?.[COMPLETION_INDEX] ?? pod.metadata?.annotations?.[COMPLETION_INDEX] ?? "";
    slots.set(index, [...(slots.get(index) ?? []), pod]);
  }
  return [...slots.entries()]
    .sort(([a], [b]) => Number(a) - Number(b) || a.localeCompare(b))
    .map(([, list]) => latestPod(list))
    .filter((p): p is V1Pod => p !== undefined);
}

/** The newest pod of a Job: after retries (backoffLimit) the last attempt is the one that counts. */
export function latestPod(pods: readonly V1Pod[]): V1Pod | undefined {
  const time = (p: V1Pod): number => {
    const t = p.metadata?.creationTimestamp;
    return t instanceof Date ? t.getTime() : t ? Date.parse(String(t)) : 0;
  };
  return [...pods].sort((a, b) => time(b) - time(a))[0];
}

export function readPod(pod: V1Pod): PodReading {
  const name = pod.metadata?.name ?? "(unnamed pod)";
  const statuses = pod.status?.containerStatuses ?? [];
  const container = statuses.find((s) => s.name === BENCHMARK_CONTAINER) ?? statuses[0];
  const terminated = container?.state?.terminated ?? container?.lastState?.terminated;
  const waiting = container?.state?.waiting;
  const podReason = [pod.status?.reason, pod.status?.message].filter(Boolean).join(": ");
  const phaseText = (pod.status?.phase ?? "Unknown").toLowerCase();
  const phase: PodReading["phase"] = (["succeeded", "failed", "running", "pending"] as const).find((p) => p === phaseText) ?? "unknown";

  let reason: string | undefined;
  if (phase === "failed") {
    const parts = [
      terminated ? `container ${container?.name ?? "?"} ${terminated.reason ?? "terminated"} (exit code ${terminated.exitCode})` : undefined,
      podReason || undefined,
    ].filter((p): p is string => p !== undefined);
    reason = parts.length > 0 ? parts.join("; ") : "pod failed without a reason";
  } else if (phase === "pending" || phase === "running" || phase === "unknown") {
    const why = waiting ? `${waiting.reason ?? "waiting"}${waiting.message ? `: ${waiting.message}` : ""}` : podReason;
    const unschedulable = pod.status?.conditions?.find((c) => c.type === "PodScheduled" && c.status === "False");
    const scheduling = unschedulable ? `${unschedulable.reason ?? "unschedulable"}: ${unschedulable.message ?? ""}`.trim() : "";
    reason = `pod is ${phaseText}` + (why ? ` (${why})` : scheduling ? ` (${scheduling})` : "");
  }

  return {
    name,
    phase,
    ...(reason !== undefined && { reason }),
    ...(container?.name !== undefined && { containerName: container.name }),
    ...(terminated?.message !== undefined && terminated.message !== "" && { terminationMessage: terminated.message }),
    ...(pod.spec?.nodeName !== undefined && { nodeName: pod.spec.nodeName }),
  };
}

/** Why a Job has no pods: its Failed condition when there is one. */
export function jobReason(job: V1Job): string {
  const failed = job.status?.conditions?.find((c) => c.type === "Failed" && c.status === "True");
  if (failed) return `Job failed: ${failed.reason ?? "?"}${failed.message ? `: ${failed.message}` : ""}`;
  const complete = job.status?.conditions?.some((c) => (c.type === "Complete" || c.type === "SuccessCriteriaMet") && c.status === "True");
  if (complete) return "Job completed but its pods are gone (deleted by ttlSecondsAfterFinished?)";
  return `Job has no pods yet (active: ${job.status?.active ?? 0})`;
}

const LABEL = {
  instanceType: ["node.kubernetes.io/instance-type", "beta.kubernetes.io/instance-type"],
  arch: ["kubernetes.io/arch", "beta.kubernetes.io/arch"],
  zone: ["topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"],
  imageId: ["eks.amazonaws.com/nodegroup-image"],
};

export function nodeFacts(node: V1Node): NodeFacts {
  const labels = node.metadata?.labels ?? {};
  const label = (keys: string[]): string | undefined => keys.map((k) => labels[k]).find((v) => v !== undefined && v !== "");
  const info = node.status?.nodeInfo;
  const cpu = node.status?.capacity?.cpu;
  const vcpus = cpu !== undefined && /^\d+$/.test(cpu) ? Number(cpu) : undefined;
  const facts: NodeFacts = { name: node.metadata?.name ?? "(unnamed node)" };
  const set = <K extends keyof NodeFacts>(key: K, value: NodeFacts[K] | undefined): void => {
    if (value !== undefined && value !== "") facts[key] = value;
  };
  set("instanceType", label(LABEL.instanceType));
  set("arch", label(LABEL.arch) ?? info?.architecture);
  set("zone", label(LABEL.zone));
  set("kernelVersion", info?.kernelVersion);
  set("osImage", info?.osImage);
  set("kubeletVersion", info?.kubeletVersion);
  set("containerRuntimeVersion", info?.containerRuntimeVersion);
  set("imageId", label(LABEL.imageId));
  set("vcpus", vcpus);
  return facts;
}
