import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { nodeGroupSpec, STATIC_CPU_MANAGER_NODECONFIG } from "../../infra/node-pool-spec";
import { pool } from "../helpers/pool";

describe("nodeGroupSpec", () => {
  it("gives arm pools the arm AL2023 AMI and x86 pools the x86 one", () => {
    expect(nodeGroupSpec(pool("a", "arm64", "m7g.large")).amiType).toBe("AL2023_ARM_64_STANDARD");
    expect(nodeGroupSpec(pool("b", "amd64", "m7i.large")).amiType).toBe("AL2023_x86_64_STANDARD");
  });

  it("taints benchmark pools and turns on the static CPU manager only there", () => {
    const bench = nodeGroupSpec({ ...pool("b", "arm64", "m7g.xlarge", "benchmark"), nodes: 2 });
    expect(bench.labels).toEqual({ "archbench.dev/pool": "b", "archbench.dev/role": "benchmark" });
    expect(bench.scalingConfig).toEqual({ minSize: 2, desiredSize: 2, maxSize: 2 });
    expect(bench.nodeadmExtraOptions?.[0]?.content).toContain("kind: NodeConfig");
    expect(nodeGroupSpec(pool("a", "arm64", "m7g.large")).nodeadmExtraOptions).toBeUndefined();
  });

  it("gives benchmark nodes whole physical cores: full-pcpus-only as the string \"true\" (kubelet's map[string]string)", () => {
    const config = parse(STATIC_CPU_MANAGER_NODECONFIG).spec.kubelet.config;
    expect(config.cpuManagerPolicy).toBe("static");
    expect(config.cpuManagerPolicyOptions).toEqual({ "full-pcpus-only": "true" });
    expect(typeof config.cpuManagerPolicyOptions["full-pcpus-only"]).toBe("string");
  });
});
