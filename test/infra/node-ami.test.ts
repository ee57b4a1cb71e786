import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../infra/config";
import { poolAmiChoice } from "../../infra/node-ami";
import { amiParameterName } from "../../infra/node-ami-release";
import { configMap, readStackConfig } from "../../stacks/offline/stack-config";

describe("amiParameterName", () => {
  it("names the release's own AMI per architecture (no patch in the AMI name)", () => {
    expect(amiParameterName("1.35", "arm64", "1.35.6-20260714")).toBe(
      "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/arm64/standard/amazon-eks-node-al2023-arm64-standard-1.35-v20260714/image_id",
    );
    expect(amiParameterName("1.35", "amd64", "1.35.6-20260714")).toBe(
      "/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/amazon-eks-node-al2023-x86_64-standard-1.35-v20260714/image_id",
    );
  });

  it("names SSM's recommended AMI without a release: the one pulumi-eks reads for custom user data", () => {
    expect(amiParameterName("1.34", "amd64")).toBe("/aws/service/eks/optimized-ami/1.34/amazon-linux-2023/x86_64/standard/recommended/image_id");
  });
});

describe("poolAmiChoice", () => {
  it("pins every pool with a release, and records only the benchmark pools' AMI without one", () => {
    expect(poolAmiChoice({ arch: "amd64", role: "app" }, "1.35", "1.35.6-20260714")).toEqual({ pinned: true, parameter: expect.stringContaining("-v20260714/") });
    expect(poolAmiChoice({ arch: "arm64", role: "benchmark" }, "1.35", undefined)).toEqual({ pinned: false, parameter: expect.stringContaining("/recommended/") });
    expect(poolAmiChoice({ arch: "arm64", role: "app" }, "1.35", undefined)).toEqual({ pinned: false });
  });
});

describe("archbench:amiReleaseVersion", () => {
  const dev = readStackConfig("dev");
  const problems = (value: unknown, extra: Record<string, unknown> = {}) => {
    try {
      parseConfig({ ...dev, ...configMap({ "archbench:amiReleaseVersion": value, ...extra }) });
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it("accepts a release of the cluster's version, any patch", () => {
    expect(parseConfig({ ...dev, "archbench:amiReleaseVersion": "1.35.0-20261115" }).amiReleaseVersion).toBe("1.35.0-20261115");
    expect(problems("1.35.6-20260714")).toEqual([]);
    expect(parseConfig(dev).amiReleaseVersion).toBeUndefined();
  });

  it("refuses another form, a date that is none, and another Kubernetes version, naming the key and the fix", () => {
    expect(problems("v20260714")).toEqual([expect.stringMatching(/^archbench:amiReleaseVersion: must be an EKS AMI release such as "1\.35\.6-20260714"/)]);
    expect(problems("1.35-20260714")).toHaveLength(1);
    expect(problems("1.35.6-20261332")).toEqual([expect.stringMatching(/^archbench:amiReleaseVersion: has a build date that is no real date/)]);
    expect(problems("1.34.2-20260714")).toEqual([
      "archbench:amiReleaseVersion: 1.34.2-20260714 is a release for Kubernetes 1.34, but kubernetesVersion is 1.35; use a 1.35.x-YYYYMMDD release or remove the key",
    ]);
  });
});
