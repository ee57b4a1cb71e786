import { describe, expect, it } from "vitest";
import { formatNumber, formatRatio } from "../../../stacks/shared/number-format";
import { renderMarkdown } from "../../../stacks/rendering/markdown";
import { scenarioResults } from "../fixtures/results";

describe("report.md", () => {
  const results = scenarioResults();
  const md = renderMarkdown(results);
  const a = results.analysis;

  it("shows every workload row's numbers as the analysis computed them", () => {
    for (const r of a.workloads) {
      const line = md.split("\n").find((l) => l.startsWith(`| ${r.isBaseline ? `${r.pool} (baseline)` : r.pool} |`) && l.includes(`${formatNumber(r.throughput)} (${r.nodes} node${r.nodes === 1 ? "" : "s"}, n=${r.samples.length})`));
      expect(line, `${r.pool} ${r.key}`).toBeDefined();
      if (r.throughputVsBaseline) expect(line).toContain(formatRatio(r.throughputVsBaseline, results.analysis.interval.level));
      if (r.perDollarVsBaseline) expect(line).toContain(formatRatio(r.perDollarVsBaseline, results.analysis.interval.level));
      expect(line).toContain(`$${formatNumber(r.usdPerMillion as number)}`);
    }
    // And the hand-computed figures themselves (see analysis.test.ts).
    expect(md).toMatch(/\| bench-arm \| arm64 \| 120 \(1 node, n=5\) \| 120 \| 120 \| 480 \| 0\.0% \| 1\.20× \(95% CI 1\.\d\d–1\.\d\d\) \| faster \| 10,588,235 \| \$0\.09444 \| 1\.48× \(95% CI 1\.\d\d–1\.\d\d\) \| — \|/);
    // x86 per core is twice per vCPU (two hyper-threads per core); the price ratio follows per vCPU, and says so.
    expect(md).toContain("| bench-x86 (baseline) | amd64 | 100 (1 node, n=5) | 100 | 200 | 400 |");
    expect(md).toContain("The work-per-dollar ratio prices the vCPUs the workload used");
    expect(md).toMatch(/\*\*Smallest detectable difference of this run: ±\d+\.\d %\*\*/);
    expect(md).toContain("⚠ Not sampled: one node per pool: instance-to-instance variation was not sampled; the interval understates it");
    expect(md).toContain("| bench-arm | ip-10-0-1-20.ec2.internal |");
  });

  it("leads with the verdict and lists the manifest, prices with their date, and unstable workloads", () => {
    expect(md.split("\n").slice(0, 5).join("\n")).toContain(`- ${a.verdicts[0]?.sentence ?? "?"}`);
    expect(md).toContain("| **Image digest arm64** | sha256:bbb |");
    expect(md).toContain("as of **2026-07-20**");
    expect(md).toContain("| m7g.xlarge | 0.1632 |");
    expect(md).toContain("| EKS control plane (standard support) | 0.1 |");
    expect(md).toContain("⚠ Unstable workloads");
    expect(md).toContain("| **total** | **0.5098** |"); // 0.2016 + 0.1632 + 0.10 EKS + 0.045 NAT
  });
});

describe("report.md manifest", () => {
  it("lists the AMI each pool booted, from the stack's poolAmis", () => {
    const results = scenarioResults();
    const [first, second] = results.manifest.pools;
    results.manifest.pools = [{ ...first!, ami: "ami-0aaa" }, ...(second ? [{ ...second, ami: "ami-0bbb" }] : [])];
    const md = renderMarkdown(results);
    expect(md).toContain(`| **AMI** | ${first!.name}: ami-0aaa${second ? `, ${second.name}: ami-0bbb` : ""} |`);
  });
});

