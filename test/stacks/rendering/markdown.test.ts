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
      const line = md.split("\n").find((l) => l.startsWith(`| ${r.isBaseline ? `${r.pool} (baseline)` : r.pool} |`) && l.includes(`${formatNumber(r.median)} (n=${r.samples.length})`));
      expect(line, `${r.pool} ${r.key}`).toBeDefined();
      if (r.throughputVsBaseline) expect(line).toContain(formatRatio(r.throughputVsBaseline, results.analysis.bootstrap.level));
      if (r.perDollarVsBaseline) expect(line).toContain(formatRatio(r.perDollarVsBaseline, results.analysis.bootstrap.level));
      expect(line).toContain(`$${formatNumber(r.usdPerMillion as number)}`);
    }
    // And the hand-computed figures themselves (see analysis.test.ts).
    expect(md).toContain("| bench-arm | arm64 | 120 (n=5) | 120 | 480 | 0.0% | 1.20× (95% CI 1.20–1.20) | faster | 10,588,235 | $0.09444 | 1.48× (95% CI 1.48–1.48) | — |");
    expect(md).toContain("| 1.00× (95% CI 0.90–1.10) | *inconclusive* |");
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

