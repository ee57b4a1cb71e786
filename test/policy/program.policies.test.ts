import { beforeAll, describe, expect, it } from "vitest";
import { isSecretValue } from "../../stacks/offline/run-program";
import { VERIFIED_STACKS } from "../verification/stack-configs";
import { allViolations, policyNamed, policyViolations } from "./policy-harness";
import { policyView, runInfraInStack, type StackRun } from "./stack-run";

describe.each(VERIFIED_STACKS)("the policy pack on the $stack stack the program registers", ({ stack, config }) => {
  let stackRun: StackRun;
  beforeAll(async () => {
    stackRun = await runInfraInStack(config(), stack);
  });

  it("finds no violation of any policy", async () => {
    const resources = policyView(stackRun);
    // Every kind of resource the policies judge is there, so "no violation" is not "nothing checked".
    const types = new Set(resources.map((r) => r.type));
    for (const type of ["eks:index:ManagedNodeGroup", "docker-build:index:Image", "docker-build:index:Index", "aws:ecr/repository:Repository", "kubernetes:core/v1:Namespace", "kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Service", "kubernetes:policy/v1:PodDisruptionBudget", "kubernetes:batch/v1:Job", "pulumi:pulumi:Stack"]) {
      expect(types, type).toContain(type);
    }
    expect(await allViolations(resources)).toEqual([]);
  });

  it("exports the kubeconfig as a secret: the Stack resource's output carries the secret marker", async () => {
    expect(isSecretValue(stackRun.stackOutputs.kubeconfig)).toBe(true);
    // The same output unwrapped (what run.outputs holds) is what the policy must reject.
    const plaintext = policyView(stackRun).map((r) =>
      r.type === "pulumi:pulumi:Stack" ? { ...r, props: { ...r.props, kubeconfig: stackRun.run.outputs.kubeconfig } } : r,
    );
    expect(typeof stackRun.run.outputs.kubeconfig).toBe("string");
    expect(await policyViolations(policyNamed("kubeconfig-output-secret"), plaintext)).toEqual(["stack output kubeconfig is plaintext; export it with pulumi.secret()"]);
  });
});
