import { describe, expect, it, vi } from "vitest";
import { ConfigError, parseConfig } from "../../infra/config";
import { KUBERNETES_VERSIONS, versionSupportVerdict } from "../../infra/kubernetes-versions";
import { ProgramError, runProgram } from "../../stacks/offline/run-program";
import { configMap, readStackConfig } from "../../stacks/offline/stack-config";
import { loose, ofType, testCloud } from "./program-harness";

const at = (iso: string) => new Date(iso);

describe("versionSupportVerdict", () => {
  it("passes a version whose standard support outlasts the expiry by more than 60 days", () => {
    expect(versionSupportVerdict("1.35", "STANDARD", at("2026-12-01T06:00:00Z"), at("2026-12-01T00:00:00Z"))).toEqual({ extended: false });
  });

  it("warns when standard support ends within 60 days after the expiry (1.35 ends 2027-03-27)", () => {
    const v = versionSupportVerdict("1.35", "STANDARD", at("2027-01-27T06:00:00Z"), at("2027-01-27T00:00:00Z"));
    expect(v.problem).toBeUndefined();
    expect(v.warning).toMatch(/^archbench:kubernetesVersion: 1\.35 leaves EKS standard support on 2027-03-27, within 60 days of the stack's expiry \(2027-01-27T06:00:00Z\); EKS then upgrades/);
    // 61 days before the end of the last day: no warning yet.
    expect(versionSupportVerdict("1.35", "STANDARD", at("2027-01-26T23:59:59Z"), at("2027-01-26T00:00:00Z")).warning).toBeUndefined();
  });

  it("refuses a version past standard support under STANDARD, naming the key and both fixes", () => {
    const v = versionSupportVerdict("1.34", "STANDARD", at("2026-12-03T06:00:00Z"), at("2026-12-03T00:00:00Z"));
    expect(v.problem).toBe(
      "archbench:kubernetesVersion: 1.34 left EKS standard support on 2026-12-02, so with upgradePolicy STANDARD EKS would upgrade the cluster under the benchmark; use 1.35, or set archbench:upgradePolicy: EXTENDED (extended support, $0.60 instead of $0.10 per cluster-hour)",
    );
    // The last day itself is still standard support.
    expect(versionSupportVerdict("1.34", "STANDARD", at("2026-12-02T20:00:00Z"), at("2026-12-02T12:00:00Z")).problem).toBeUndefined();
  });

  it("accepts it under EXTENDED, warned and priced as extended", () => {
    const v = versionSupportVerdict("1.34", "EXTENDED", at("2026-12-03T06:00:00Z"), at("2026-12-03T00:00:00Z"));
    expect(v.problem).toBeUndefined();
    expect(v.extended).toBe(true);
    expect(v.warning).toContain("is in EKS extended support");
  });

  it("refuses a version past extended support whatever the policy", () => {
    expect(versionSupportVerdict("1.32", "EXTENDED", at("2027-03-25T00:00:00Z"), at("2027-03-24T00:00:00Z")).problem).toMatch(/left EKS extended support on 2027-03-23/);
  });
});

describe("parseConfig with a clock", () => {
  const dev = readStackConfig("dev");
  const now = at("2026-11-29T10:00:00Z");
  const withVersion = (version: string, policy?: string) => ({ ...dev, ...configMap({ "archbench:kubernetesVersion": version, ...(policy && { "archbench:upgradePolicy": policy }) }) });

  it("refuses 1.33 (past standard support on that day) under the default STANDARD, before anything runs", () => {
    expect(() => parseConfig(withVersion("1.33"), now)).toThrow(ConfigError);
    expect(() => parseConfig(withVersion("1.33"), now)).toThrow(/archbench:kubernetesVersion: 1\.33 left EKS standard support on 2026-07-29/);
  });

  it("accepts it with upgradePolicy EXTENDED, and refuses other policy values", () => {
    expect(parseConfig(withVersion("1.33", "EXTENDED"), now).upgradePolicy).toBe("EXTENDED");
    expect(parseConfig(dev, now).upgradePolicy).toBe("STANDARD");
    expect(() => parseConfig(withVersion("1.35", "extended"), now)).toThrow(/archbench:upgradePolicy: must be "STANDARD" or "EXTENDED"/);
  });

  it("has no clock without now (the version table is not consulted for ageing)", () => {
    expect(parseConfig(withVersion("1.33")).kubernetesVersion).toBe("1.33");
  });
});

describe("the program under mocks, at a fixed clock", () => {
  const dev = readStackConfig("dev");
  const run = (config: Record<string, string>, now: string) => {
    vi.resetModules();
    return runProgram(config, testCloud, { stack: "clock", now: new Date(now), importProgram: () => import("../../infra/index.js") });
  };

  it("refuses a version past standard support before registering anything", async () => {
    const failure = await run({ ...dev, "archbench:kubernetesVersion": "1.34" }, "2026-12-05T00:00:00Z").then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(ProgramError);
    expect((failure as ProgramError).message).toMatch(/archbench:kubernetesVersion: 1\.34 left EKS standard support/);
    expect((failure as ProgramError).resources).toEqual([]);
  });

  it("gives EKS the upgrade policy and exports the support the control plane is billed at", async () => {
    const result = await run({ ...dev, "archbench:kubernetesVersion": "1.34", "archbench:upgradePolicy": "EXTENDED" }, "2026-12-05T00:00:00Z");
    expect(loose(ofType(result, "eks:index:Cluster")[0]!.inputs).upgradePolicy).toEqual({ supportType: "EXTENDED" });
    expect(result.outputs.eksSupport).toBe("EXTENDED");
    expect(result.outputs.expiresAt).toBe("2026-12-05T06:00:00Z");
  });
  it("asks for a version the table does not list yet when the stack already runs the newest one", () => {
    const newest = KUBERNETES_VERSIONS[KUBERNETES_VERSIONS.length - 1]!;
    const after = new Date(Date.parse(`${newest.endOfExtendedSupport}T00:00:00Z`) + 86_400_000);
    expect(versionSupportVerdict(newest.version, "STANDARD", after, after).problem).toMatch(/use a newer version \(add it to infra\/kubernetes-versions\.ts with its EKS support dates\)$/);
  });
});
