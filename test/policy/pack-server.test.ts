import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { policies } from "../../policy/policies";
import { goodStack } from "./fake-stack";
import { RunningPack, type PackResource } from "./pack-server";

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const byType = (type: string): PackResource => goodStack().find((r) => r.type === type)!;

let pack: RunningPack;
beforeAll(async () => {
  pack = await RunningPack.start();
}, 60_000);
afterAll(() => pack?.stop());

describe("the policy pack served as the Pulumi CLI runs it (ts-node, gRPC)", () => {
  it("loads, type-checks and offers every policy at its enforcement level", async () => {
    expect(await pack.policies()).toEqual(
      Object.fromEntries(policies.map((p) => [p.name, (p.enforcementLevel ?? "advisory").toUpperCase()])),
    );
  });

  it("reports a violation on a bad resource and none on a good one", async () => {
    const deployment = byType("kubernetes:apps/v1:Deployment");
    expect(await pack.analyze(deployment)).toEqual([]);
    const root = structuredClone(deployment);
    (root.props as { spec: { template: { spec: { containers: { securityContext: object }[] } } } }).spec.template.spec.containers[0]!.securityContext = {};
    expect((await pack.analyze(root)).join("\n")).toMatch(/^container-hardened: Deployment archbench-app: containers app does not set readOnlyRootFilesystem: true/);
  });

  it("takes allowLoadBalancer from the pack's config", async () => {
    const lb = { type: "kubernetes:core/v1:Service", name: "lb", props: { kind: "Service", metadata: { name: "lb" }, spec: { type: "LoadBalancer" } } };
    expect((await pack.analyze(lb)).join()).toMatch(/^no-load-balancer-service: /);
    await pack.configure("no-load-balancer-service", "MANDATORY", { allowLoadBalancer: true });
    expect(await pack.analyze(lb)).toEqual([]);
  });

  it("runs stack policies over the whole stack", async () => {
    const stack: PackResource[] = goodStack().filter((r) => r.name !== "archbench-arm64");
    expect((await pack.analyzeStack(stack)).join("\n")).toMatch(/image-covers-pool-architectures: pool app-arm runs arm64, but no docker-build Image builds linux\/arm64/);
  });

  it("hands policies secrets already unwrapped, which is why kubeconfig-output-secret ships disabled", async () => {
    // The engine sends the kubeconfig output with its secret marker; enabled, the policy still sees plaintext.
    await pack.configure("kubeconfig-output-secret", "MANDATORY");
    const stack = { type: "pulumi:pulumi:Stack", name: "archbench-dev", props: { kubeconfig: { ...SECRET, value: "{}" } } };
    expect(await pack.analyzeStack([stack])).toEqual(["kubeconfig-output-secret: stack output kubeconfig is plaintext; export it with pulumi.secret()"]);
  });
});
