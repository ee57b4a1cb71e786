import { bundledPriceTable } from "../../../stacks/prices/bundled";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderMarkdown } from "../../../stacks/rendering/markdown";
import { loadInput } from "../../../stacks/sources/files";
import { resultsFromInput } from "../../../stacks/pipeline/results-pipeline";
import { collectFromCluster } from "../../../stacks/sources/cluster-collector";
import { collectResults, pathSegment } from "../../../stacks/pipeline/results-pipeline";
import { isPulumiCliMissing, PULUMI_INSTALL_HINT, pulumiStackOutputsReader } from "../../../stacks/sources/pulumi-outputs";
import type { ResultsFile } from "../../../stacks/analysis/results-file";
import { parseStoredResults } from "../../../stacks/sources/stored-results";
import { parseStackOutputs, type StackOutputsReader } from "../../../stacks/sources/stack-outputs";
import { kubernetesRoutes } from "../fixtures/kubernetes";
import { fakeStackOutputs } from "../fixtures/stack-outputs";
import { startFakeKubernetes, type FakeKubernetes } from "../helpers/fake-kubernetes";

describe("collectResults (fake stack outputs, loopback Kubernetes API)", () => {
  let api: FakeKubernetes;
  let root: string;
  let dir: string;
  let results: ResultsFile;
  const progress: string[] = [];

  beforeAll(async () => {
    api = await startFakeKubernetes(kubernetesRoutes());
    root = mkdtempSync(join(tmpdir(), "archbench-results-"));
    const outputs: StackOutputsReader = { read: (stack) => Promise.resolve(stack === "org/ci" ? fakeStackOutputs(api.kubeconfig) : {}) };
    ({ dir, results } = await collectResults("org/ci", {
      outputs,
      collectPools: collectFromCluster,
      progress: { step: (m) => progress.push(m), warn: (m) => progress.push(`warning: ${m}`) },
      resultsRoot: root,
      // The bundled table, so the hand-computed figures hold wherever the test runs.
      prices: (region) => Promise.resolve({ table: bundledPriceTable(region) }),
      now: () => new Date("2026-11-26T10:10:00Z"),
    }));
  });
  afterAll(async () => {
    await api.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("writes results.json, report.md and report.html under results/<stack>/<runId>/", () => {
    expect(dir).toBe(join(root, "org_ci", "7"));
    const stored = parseStoredResults(JSON.parse(readFileSync(join(dir, "results.json"), "utf8")), "results.json");
    expect(stored.pools.map((p) => `${p.pool}:${p.outcome}`)).toEqual([
      "bench-x86:ok",
      "bench-arm:ok",
      "bench-arm8:ok",
      "bench-fail:failed",
      "bench-bad:malformed",
      "bench-pending:running",
      "bench-gone:missing",
      "bench-multi:ok",
    ]);
    expect(stored.manifest).toMatchObject({ stack: "org/ci", region: "us-east-1", kubernetesVersion: "1.35", runId: "7", baselinePool: "bench-x86" });
    expect(stored.prices).toMatchObject({ date: "2026-07-20", usdPerHour: { "m7i.xlarge": 0.2016, "m7g.xlarge": 0.1632, "m8g.xlarge": expect.any(Number) as number } });
    expect(readFileSync(join(dir, "report.md"), "utf8")).toBe(renderMarkdown(results));
    expect(readFileSync(join(dir, "report.html"), "utf8")).toContain("<h2>Charts</h2>");
  });

  it("stores the secret kubeconfig nowhere", () => {
    expect(readFileSync(join(dir, "results.json"), "utf8")).not.toContain("test-token");
  });

  it("builds the report with every pool accounted for", () => {
    const md = readFileSync(join(dir, "report.md"), "utf8");
    expect(results.analysis.verdicts.map((v) => v.pool)).toEqual(["bench-arm", "bench-arm8", "bench-multi"]);
    // A pool with a good node and a failed one: the failed pod is named, the good node is compared.
    expect(md).toContain("bench-multi: ip-10-0-1-20.ec2.internal: failed — container benchmark OOMKilled (exit code 137)");
    expect(md).toContain("| bench-fail | amd64 | **failed** |");
    expect(md).toMatch(/bench-gone: missing — Job archbench\/bench-bench-gone-7 not found/);
    expect(md).toContain("| **Kernel** | 6.12.40-63.114.amzn2023.x86_64, 6.12.40-63.114.amzn2023.aarch64 |");
    expect(md).toContain("| **AMI** | ami-0f1e2d3c4b5a69788, ami-0a1b2c3d4e5f60718 |");
    expect(md).toContain("| **Image digest arm64** | sha256:3333333333333333333333333333333333333333333333333333333333333333 |");
    expect(md).toContain("| app-x86: 1 × m7i.large | 0.1008 |");
    // 0.1008 + 0.0816 + 3 × 0.2016 + 3 × 0.1632 + 0.17952 (m8g.xlarge) + 0.10 EKS + 0.045 NAT = 1.60132; + bench-multi 3 × 0.2016
    expect(results.analysis.testbedCost?.totalUsdPerHour).toBeCloseTo(1.60132 + 3 * 0.2016, 10);
  });

  it("prints progress for each step", () => {
    expect(progress[0]).toBe("reading outputs of stack org/ci");
    expect(progress.some((l) => l.startsWith("wrote "))).toBe(true);
  });

  it("a report rebuilt from results.json shows the same numbers", () => {
    const rebuilt = resultsFromInput(loadInput(dir));
    expect(renderMarkdown(rebuilt)).toBe(renderMarkdown(results));
  });
});

describe("stack outputs", () => {
  it("names each missing or bad output and the fix", () => {
    const { benchmarkJobs: _j, ...missing } = fakeStackOutputs("{}");
    expect(() => parseStackOutputs("dev", { ...missing, pools: [{ name: "x", arch: "sparc" }] })).toThrow(
      /stack "dev" does not export what the results collector needs: .*output "pools.0.arch": .*output "benchmarkJobs" is missing.*Run `pulumi up`/,
    );
  });

  it("accepts the kubeconfig as an object and serialises it", () => {
    expect(parseStackOutputs("dev", fakeStackOutputs({ apiVersion: "v1" } as unknown as string)).kubeconfig).toBe('{"apiVersion":"v1"}');
  });

  it("recognises a missing Pulumi CLI", () => {
    expect(isPulumiCliMissing(new Error("code: -2\n stderr: Command failed with ENOENT: pulumi version\nspawn pulumi ENOENT"))).toBe(true);
    expect(isPulumiCliMissing(new Error("no stack named 'dev' found"))).toBe(false);
  });

  it("says how to install the Pulumi CLI when it is not on PATH (real Automation API)", async () => {
    const path = process.env.PATH;
    process.env.PATH = mkdtempSync(join(tmpdir(), "archbench-empty-path-"));
    try {
      await expect(pulumiStackOutputsReader(process.cwd()).read("dev")).rejects.toThrow(PULUMI_INSTALL_HINT);
    } finally {
      process.env.PATH = path;
    }
  });

  it("makes stack and run names safe path segments", () => {
    expect(pathSegment("org/project/dev")).toBe("org_project_dev");
    expect(pathSegment("..")).toBe("_");
    expect(pathSegment("run-7.1")).toBe("run-7.1");
  });
});
