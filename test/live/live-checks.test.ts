import { describe, expect, it } from "vitest";
import { indexPlatforms, nodeProblems, parseImageRef, spreadProblems, type LiveNode } from "./live-checks";

const node = (name: string, pool: string, arch: string, benchmark: boolean, ready = true): LiveNode => ({
  name,
  labels: { "archbench.dev/pool": pool, "kubernetes.io/arch": arch },
  taints: benchmark ? [{ key: "archbench.dev/benchmark", value: "true", effect: "NoSchedule" }] : [],
  ready,
});
const pools = [
  { name: "app-x86", arch: "amd64" as const, role: "app" as const, nodes: 1 },
  { name: "bench-arm", arch: "arm64" as const, role: "benchmark" as const, nodes: 1 },
];

describe("live checks", () => {
  it("accept Ready, labelled, correctly tainted nodes of both architectures", () => {
    expect(nodeProblems(pools, [node("n1", "app-x86", "amd64", false), node("n2", "bench-arm", "arm64", true)])).toEqual([]);
  });

  it("name a missing taint, a wrong arch and a NotReady node", () => {
    expect(nodeProblems(pools, [node("n1", "app-x86", "arm64", false, false), node("n2", "bench-arm", "arm64", false)])).toEqual([
      "n1 (app-x86) is not Ready",
      "n1 (app-x86) is arm64, expected amd64",
      "n2 (bench-arm) lacks the archbench.dev/benchmark=true:NoSchedule taint",
      "nodes cover arm64: expected amd64 and arm64",
    ]);
  });

  it("require app pods on both architectures", () => {
    const nodes = [node("n1", "app-x86", "amd64", false), node("n2", "app-arm", "arm64", false)];
    expect(spreadProblems([{ name: "a", node: "n1", phase: "Running" }, { name: "b", node: "n2", phase: "Running" }], nodes)).toEqual([]);
    expect(spreadProblems([{ name: "a", node: "n1", phase: "Running" }, { name: "b", phase: "Pending" }], nodes)).toEqual([
      "app pod b is Pending",
      "app pods run on amd64: expected both amd64 and arm64",
    ]);
  });

  it("read the image ref and the index's platforms (attestations left out)", () => {
    const digest = `sha256:${"a".repeat(64)}`;
    expect(parseImageRef(`123456789012.dkr.ecr.us-east-1.amazonaws.com/archbench:dev@${digest}`)).toEqual({
      registry: "123456789012.dkr.ecr.us-east-1.amazonaws.com", repository: "archbench", digest,
    });
    expect(parseImageRef("archbench:dev")).toBeUndefined();
    const index = JSON.stringify({ manifests: [
      { platform: { os: "linux", architecture: "arm64" } },
      { platform: { os: "linux", architecture: "amd64" } },
      { platform: { os: "unknown", architecture: "unknown" } },
    ] });
    expect(indexPlatforms(index)).toEqual(["linux/amd64", "linux/arm64"]);
  });
});
