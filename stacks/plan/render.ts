import type { CostEstimate } from "./cost";
import type { PlanSummary } from "./summary";

const usd = (n: number, digits = 4) => `$${n.toFixed(digits)}`;
const minutes = (s: number) => `${Number.isInteger(s / 60) ? s / 60 : (s / 60).toFixed(1)} min`;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i]!)).join("  ")}`.trimEnd());
}

/** The plan as plain text for a terminal: what would be created, then the estimate, then what was not checked. */
export function renderPlan(plan: PlanSummary, cost: CostEstimate | undefined, notes: { costUnavailable?: string; fairness: string[]; versionWarning?: string }): string {
  const out: string[] = [];
  out.push(`archbench plan for stack "${plan.stack}" (offline: the real program under Pulumi mocks; nothing was created)`);
  out.push(`region ${plan.region} · EKS ${plan.kubernetesVersion} · NAT gateway: ${plan.natGateway} · expires ${plan.expiresAt || "(unknown)"}`);
  out.push("");
  out.push("Node pools (one EKS managed node group each):");
  out.push(...table([["pool", "arch", "instance type", "nodes", "role", "AMI"], ...plan.pools.map((p) => [p.name, p.arch, p.instanceType, String(p.nodes), p.role, p.amiType ?? "?"])]));
  out.push("");
  out.push(`Image: one build per platform (${plan.imagePlatforms.join(", ") || "none"}), joined into one multi-arch index in ECR`);
  out.push(`App: Deployment ${plan.app.deployment ?? "?"} × ${plan.app.replicas ?? "?"} replicas spread over both architectures; Service ${plan.app.service ?? "?"} (${plan.app.serviceType ?? "?"})`);
  out.push("Benchmark Jobs (one per benchmark pool; pulumi up waits for them):");
  out.push(...table([["job", "pool", "deadline", "pulumi waits"], ...plan.jobs.map((j) => [j.name, j.pool ?? "?", j.activeDeadlineSeconds ? minutes(j.activeDeadlineSeconds) : "?", j.pulumiTimeout ?? "?"])]));
  const total = plan.resourceCounts.reduce((s, r) => s + r.count, 0);
  const byPackage = new Map<string, number>();
  for (const r of plan.resourceCounts) {
    const pkg = r.type.startsWith("pulumi:providers:") ? "providers" : r.type.split(":")[0]!;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + r.count);
  }
  out.push(`Resources registered: ${total} (${[...byPackage].map(([pkg, n]) => `${pkg} ${n}`).join(", ")})`);
  for (const warning of notes.fairness) out.push(`warning: not a like-for-like comparison: ${warning}`);
  if (notes.versionWarning) out.push(`warning: ${notes.versionWarning}`);
  out.push("");
  if (cost) {
    out.push(`Estimate (on-demand ${cost.prices.region} prices of ${cost.prices.date}; ${cost.prices.source.replace(/\.$/, "")}):`);
    out.push(
      ...table([
        ["item", "count", "$/h each", "$/h"],
        ...cost.lines.map((l) => [l.what, String(l.count), l.unitUsdPerHour === undefined ? "no price" : usd(l.unitUsdPerHour), l.usdPerHour === undefined ? "-" : usd(l.usdPerHour)]),
      ]),
    );
    for (const l of cost.lines) if (l.note) out.push(`  note: ${l.note}`);
    out.push(`  while up: ${usd(cost.usdPerHour)} per hour${cost.complete ? "" : " (at least: some items have no price)"}`);
    const job = cost.run.jobTimeFrom === "expected-run-time" ? `expected benchmark time + ${minutes(cost.run.jobStartSeconds)} start` : "benchmark.timeoutMinutes (custom image: an upper bound)";
    const trials = cost.run.trials;
    const jobs = trials === 1 ? `Jobs ${minutes(cost.run.jobSeconds)}` : `${trials} trials × Jobs ${minutes(cost.run.jobSeconds)}`;
    out.push(
      `  one benchmark run (npm run benchmark${trials === 1 ? "" : ` -- --trials ${trials}`}): ${minutes(cost.run.totalSeconds)} = create ${minutes(cost.run.createSeconds)} + ${jobs} (${job}) + teardown ${minutes(cost.run.teardownSeconds)}` +
        ` → about ${usd(cost.usdPerRun, 2)}`,
    );
    out.push("  Not included: EBS volumes, ECR storage, data transfer, NAT data processing, public IPv4 addresses, tax.");
  } else {
    out.push(`Estimate: not available (${notes.costUnavailable ?? "no prices"})`);
  }
  out.push("");
  out.push("Not checked offline: which AZs offer each instance type and whether EC2 reports each type's architecture");
  out.push("(this plan assumed every type is offered everywhere and took the arch from the name); `pulumi preview` asks EC2.");
  return `${out.join("\n")}\n`;
}
