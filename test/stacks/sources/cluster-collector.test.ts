import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectFromCluster } from "../../../stacks/sources/cluster-collector";
import type { CollectedDocument, CollectedPool } from "../../../stacks/sources/collected-pool";
import { parseStackOutputs } from "../../../stacks/sources/stack-outputs";
import type { Progress } from "../../../stacks/shared/progress";
import { documents, JOBS, kubernetesRoutes, NAMESPACE } from "../fixtures/kubernetes";
import { fakeStackOutputs } from "../fixtures/stack-outputs";
import { startFakeKubernetes, type FakeKubernetes } from "../helpers/fake-kubernetes";

// The real @kubernetes/client-node over real HTTP against recorded API responses on a loopback server.
describe("collectFromCluster", () => {
  let api: FakeKubernetes;
  let pools: CollectedPool[];
  const progressLines: string[] = [];
  const progress: Progress = { step: (m) => progressLines.push(m), warn: (m) => progressLines.push(`warning: ${m}`) };

  beforeAll(async () => {
    api = await startFakeKubernetes(kubernetesRoutes());
    pools = await collectFromCluster(parseStackOutputs("ci", fakeStackOutputs(api.kubeconfig)), progress);
  });
  afterAll(async () => api.close());

  const only = (pool: CollectedPool): CollectedDocument => {
    expect(pool.documents).toHaveLength(1);
    return pool.documents[0] as CollectedDocument;
  };
  const byPool = (name: string): CollectedPool => {
    const found = pools.find((p) => p.pool === name);
    if (!found) throw new Error(`no entry for ${name}`);
    return found;
  };

  it("returns one entry per benchmark pool, in order, and none for app pools", () => {
    expect(pools.map((p) => p.pool)).toEqual(Object.keys(JOBS));
  });

  it("reads the newest pod's termination message, and the node's labels and status", () => {
    const pool = byPool("bench-x86");
    expect(pool).toMatchObject({ outcome: "ok", jobName: JOBS["bench-x86"] });
    expect(pool.documents).toHaveLength(1);
    const x86 = only(pool);
    expect(x86).toMatchObject({ outcome: "ok", documentSource: "termination-message", podName: "bench-x86-abc", trial: "7", jobName: JOBS["bench-x86"] });
    expect(x86.document).toEqual(documents.x86);
    expect(x86.node).toEqual({
      name: "ip-10-0-1-10.ec2.internal",
      instanceType: "m7i.xlarge",
      arch: "amd64",
      zone: "us-east-1a",
      kernelVersion: "6.12.40-63.114.amzn2023.x86_64",
      osImage: "Amazon Linux 2023.9.20261110",
      kubeletVersion: "v1.35.0-eks-3025e55",
      containerRuntimeVersion: "containerd://2.1.4",
      imageId: "ami-0f1e2d3c4b5a69788",
      vcpus: 4,
    });
    expect(x86.warnings).toEqual([]);
  });

  it("falls back to the last log line when there is no termination message", () => {
    const arm = only(byPool("bench-arm"));
    expect(arm).toMatchObject({ outcome: "ok", documentSource: "log" });
    expect(arm.document).toEqual(documents.arm);
    expect(api.requests).toContain(`GET /api/v1/namespaces/${NAMESPACE}/pods/bench-arm-def/log?container=benchmark&tailLines=20`);
  });

  it("prefers the full log document over a truncated termination message, and survives a deleted node", () => {
    const arm8 = only(byPool("bench-arm8"));
    expect(arm8).toMatchObject({ outcome: "ok", documentSource: "log" });
    expect(arm8.document?.workloads[0]).toMatchObject({ samples: [130, 131, 129, 132, 130] });
    expect(arm8.node).toEqual({ name: "ip-10-0-1-30.ec2.internal" });
    expect(arm8.warnings.join()).toMatch(/node ip-10-0-1-30.ec2.internal no longer exists/);
  });

  it("reports a failed pod with its container's reason and exit code", () => {
    expect(byPool("bench-fail").outcome).toBe("failed");
    expect(only(byPool("bench-fail"))).toMatchObject({ outcome: "failed", reason: "container benchmark OOMKilled (exit code 137)" });
  });

  it("reports a malformed document naming the bad field, and keeps the raw text", () => {
    const bad = only(byPool("bench-bad"));
    expect(bad.outcome).toBe("malformed");
    expect(bad.reason).toMatch(/termination message: invalid benchmark results document: cpus:/);
    expect(bad.reason).toMatch(/log: last line is not JSON/);
    expect(bad.raw).toContain('"pool":"bench-bad"');
  });

  it("reports a pod that has not finished with the kubelet's reason", () => {
    expect(only(byPool("bench-pending"))).toMatchObject({ outcome: "running", reason: 'pod is pending (ImagePullBackOff: Back-off pulling image "archbench@sha256:aaaa")' });
  });

  it("reports a Job that is gone", () => {
    expect(byPool("bench-gone")).toMatchObject({ outcome: "missing", reason: `Job ${NAMESPACE}/${JOBS["bench-gone"]} not found` });
  });

  it("reads every pod of an Indexed Job: the good node is kept beside the failed one and the one that never ran", () => {
    const multi = byPool("bench-multi");
    expect(multi.outcome).toBe("ok");
    expect(multi.documents.map((d) => [d.podName, d.outcome])).toEqual([
      ["bench-multi-0", "ok"],
      ["bench-multi-1", "failed"],
      [undefined, "missing"],
    ]);
    expect(multi.documents[0]?.document).toEqual(documents.multi);
    expect(multi.documents[1]?.reason).toBe("container benchmark OOMKilled (exit code 137)");
    expect(multi.documents[2]?.reason).toBe("the Job wants 3 pods (one per node) but has 2");
    expect(progressLines).toContain("warning: bench-multi: 1 of 3 pod(s) ok");
  });

  it("selects pods by the job-name label and prints progress per pool", () => {
    expect(api.requests).toContain(`GET /api/v1/namespaces/${NAMESPACE}/pods?labelSelector=${encodeURIComponent(`job-name=${JOBS["bench-x86"]}`)}`);
    expect(progressLines.filter((l) => /^bench-x86: 1 of 1 pod\(s\) ok/.test(l))).toHaveLength(1);
    expect(progressLines.some((l) => l.startsWith("warning: bench-fail: pod bench-fail-jkl: failed"))).toBe(true);
  });

  it("turns an unreachable API server into a per-pool reason, not a crash", async () => {
    const outputs = parseStackOutputs("ci", fakeStackOutputs(api.kubeconfig.replace(api.url, "http://127.0.0.1:9")));
    const unreachable = await collectFromCluster({ ...outputs, pools: outputs.pools.slice(0, 3), benchmarkJobs: { "bench-x86": JOBS["bench-x86"] } }, { step: () => undefined, warn: () => undefined });
    expect(unreachable).toHaveLength(1);
    expect(unreachable[0]).toMatchObject({ pool: "bench-x86", outcome: "missing" });
    expect(unreachable[0]?.reason).toMatch(/could not read from the cluster/);
  });

  it("a benchmark pool named constructor without a Job is missing its Job, not given Object as one", async () => {
    const outputs = parseStackOutputs("ci", fakeStackOutputs(api.kubeconfig.replace(api.url, "http://127.0.0.1:9")));
    const pool = { ...outputs.pools[0]!, name: "constructor", role: "benchmark" as const };
    const collected = await collectFromCluster({ ...outputs, pools: [pool], benchmarkJobs: {} }, { step: () => undefined, warn: () => undefined });
    expect(collected).toEqual([expect.objectContaining({ pool: "constructor", outcome: "missing", reason: 'no Job for this benchmark pool in the stack output "benchmarkJobs"' })]);
  });
});
