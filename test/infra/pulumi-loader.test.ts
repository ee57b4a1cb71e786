import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { WORKLOAD_NAMES } from "../../app/src/bench/workload-names";

/**
 * `pulumi up` does not load infra/ with tsx or vitest but with @pulumi/pulumi's own loader: its vendored
 * ts-node 7, the project's TypeScript and tsconfig, registered for CommonJS. infra/ imports a few
 * import-free modules from app/src (an ES-module package); this test loads every such infra module the
 * way `pulumi` does, in a fresh Node process, so an import added to one of those app modules that the
 * loader cannot follow fails here instead of in a user's `pulumi up`.
 */
const repo = resolve(__dirname, "..", "..");

/** The infra modules that import from app/ (index.ts needs the engine, and is exercised under mocks elsewhere). */
const INFRA_MODULES_USING_APP = ["infra/config-schema.ts", "infra/config.ts", "infra/benchmark-timing.ts", "infra/instance-types.ts"];

// Mirrors node_modules/@pulumi/pulumi/cmd/run/run.js (non-ESM branch: the root package is CommonJS).
const loader = `
const path = require("node:path");
const semver = require("semver");
const tsutils = require("@pulumi/pulumi/tsutils");
const compilerOptions = tsutils.loadTypeScriptCompilerOptions("tsconfig.json");
const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
const ts = require(typescriptRequire);
const useNodeNext = semver.gte(ts.version, "4.7.0");
require(tsnodeRequire).register({
  compiler: typescriptRequire,
  transpileOnly: compilerOptions.noCheck,
  project: "tsconfig.json",
  skipProject: false,
  compilerOptions: { target: "ES2020", module: useNodeNext ? "nodenext" : "commonjs", moduleResolution: useNodeNext ? "nodenext" : "node", sourceMap: "true", ...compilerOptions },
});
const modules = ${JSON.stringify(INFRA_MODULES_USING_APP)}.map((m) => require(path.resolve(m)));
const [schema, config, timing] = modules;
const parsed = config.parseConfig({
  "aws:region": "us-east-1",
  "archbench:pools": JSON.stringify([
    { name: "app-x86", instanceType: "m7i.large" },
    { name: "app-arm", instanceType: "m7g.large" },
    { name: "bench-x86", instanceType: "m7i.xlarge", benchmark: true },
  ]),
});
process.stdout.write(JSON.stringify({
  tsnode: tsnodeRequire,
  tsHook: Object.keys(require.extensions).includes(".ts"),
  defaultWorkloads: schema.DEFAULT_WORKLOADS,
  benchmark: parsed.benchmark,
  deadline: timing.jobDeadlines(parsed.benchmark),
}));
`;

describe("infra/ under Pulumi's own TypeScript loader", () => {
  it("loads every infra module that imports app/ modules, with their values", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", loader], { cwd: repo, timeout: 170_000, maxBuffer: 1 << 20 });
    const loaded = JSON.parse(stdout) as { tsnode: string; tsHook: boolean; defaultWorkloads: string[]; benchmark: Record<string, unknown>; deadline: { activeDeadlineSeconds: number } };
    // The vendored ts-node, unless the project installs its own (then that one is what pulumi uses).
    expect(loaded.tsnode).toMatch(/ts-node/);
    expect(loaded.tsHook).toBe(true);
    expect(loaded.defaultWorkloads).toEqual([...WORKLOAD_NAMES]);
    expect(loaded.benchmark).toMatchObject({ durationSeconds: 3, repetitions: 5, warmupSeconds: 3, workloads: [...WORKLOAD_NAMES] });
    expect(loaded.deadline.activeDeadlineSeconds).toBeGreaterThan(0);
  }, 180_000);
});
