/**
 * Checks the stdout of one benchmark run inside the image: its last line must be a results
 * document that `parseBenchmarkDocument` (the contract every reader uses) accepts, for the expected
 * architecture, run id and pool, with every requested workload measured (none failed), and the CPUs
 * the container was given (a CFS quota, so this checks the runner's cgroup reading).
 *
 *   tsx test/image/validate-results.ts --arch arm64 --run-id X --pool P --workloads json,http --cpus 2 < stdout
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseBenchmarkDocument, type BenchmarkDocument } from "../../stacks/sources/results-document.js";

function lastLine(text: string): string {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  const last = lines.at(-1);
  if (last === undefined) throw new Error("the benchmark printed nothing on stdout");
  return last;
}

interface Expected {
  arch: string;
  runId: string;
  pool: string;
  workloads: string[];
  cpus: number;
}

function check(doc: BenchmarkDocument, expected: Expected): void {
  if (doc.arch !== expected.arch) throw new Error(`arch is ${doc.arch}, expected ${expected.arch}`);
  if (doc.cpus !== expected.cpus) throw new Error(`cpus is ${doc.cpus}, but the container was given ${expected.cpus}`);
  if (doc.runId !== expected.runId) throw new Error(`runId is ${doc.runId}, expected ${expected.runId}`);
  if (doc.pool !== expected.pool) throw new Error(`pool is ${doc.pool}, expected ${expected.pool}`);
  const failed = doc.workloads.filter((w) => w.status === "failed");
  if (failed.length > 0) {
    throw new Error(`failed workloads: ${failed.map((w) => `${w.name}@${w.threads}: ${w.status === "failed" ? w.error : ""}`).join("; ")}`);
  }
  for (const name of expected.workloads) {
    const measured = doc.workloads.some((w) => w.name === name) || (name === "http" && doc.http !== null);
    if (!measured) throw new Error(`workload ${name} was requested but is not in the document`);
  }
  if (expected.workloads.includes("http") && doc.http === null) throw new Error("http was requested but http is null");
}

function main(): void {
  const { values } = parseArgs({
    options: {
      arch: { type: "string" },
      "run-id": { type: "string" },
      pool: { type: "string" },
      workloads: { type: "string" },
      cpus: { type: "string" },
    },
  });
  const { arch, pool, workloads } = values;
  const runId = values["run-id"];
  const cpus = Number(values.cpus);
  if (arch === undefined || runId === undefined || pool === undefined || workloads === undefined || !(cpus > 0)) {
    throw new Error("usage: validate-results.ts --arch A --run-id R --pool P --workloads a,b --cpus N < stdout");
  }
  const doc = parseBenchmarkDocument(JSON.parse(lastLine(readFileSync(0, "utf8"))));
  check(doc, { arch, runId, pool, workloads: workloads.split(","), cpus });

  console.log(`  valid results document v${doc.schemaVersion}: arch=${doc.arch} node=${doc.nodeVersion} cpus=${doc.cpus} cpuModel="${doc.cpuModel}"`);
  for (const w of doc.workloads) {
    if (w.status === "ok") {
      console.log(`    ${w.name.padEnd(8)} threads=${w.threads} median=${w.median.toPrecision(4)} ${w.unit} cv=${(w.cv * 100).toFixed(1)}% samples=${w.samples.length}`);
    }
  }
  if (doc.http !== null) {
    console.log(`    http     rps=${doc.http.rps.toFixed(0)} p50=${doc.http.p50Ms.toFixed(1)} ms p99=${doc.http.p99Ms.toFixed(1)} ms errors=${doc.http.errors}`);
  }
}

try {
  main();
} catch (error: unknown) {
  console.error(`validate-results: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
