import { describe, expect, it } from "vitest";
import { readStackConfig } from "../../stacks/offline/stack-config";
import { allViolations, policyNamed, policyViolations } from "./policy-harness";
import { policyView, runInfraInStack } from "./stack-run";

describe("the policy pack on a stack pinned to an AMI release (archbench:amiReleaseVersion)", () => {
  it("accepts node groups that boot the release's AMI by id, without amiType", async () => {
    const stackRun = await runInfraInStack({ ...readStackConfig("dev"), "archbench:amiReleaseVersion": "1.35.6-20260714" }, "pinned");
    const resources = policyView(stackRun);
    expect(resources.filter((r) => r.type === "eks:index:ManagedNodeGroup" && r.props.amiId !== undefined && r.props.amiType === undefined)).toHaveLength(4);
    expect(await allViolations(resources)).toEqual([]);
  });

  it("still refuses a node group with neither amiType nor an AL2023 amiId", async () => {
    const stackRun = await runInfraInStack({ ...readStackConfig("dev"), "archbench:amiReleaseVersion": "1.35.6-20260714" }, "pinned-os");
    const resources = policyView(stackRun).map((r) => (r.type === "eks:index:ManagedNodeGroup" ? { ...r, props: { ...r.props, operatingSystem: "Bottlerocket" } } : r));
    expect(await policyViolations(policyNamed("ami-matches-instance-architecture"), resources)).toContainEqual(expect.stringMatching(/no amiType; set it explicitly/));
  });
});
