import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DockerfileParser, type Instruction } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";

const APP = resolve(__dirname, "../../app");
const text = readFileSync(resolve(APP, "Dockerfile"), "utf8");
const dockerfile = DockerfileParser.parse(text);
const froms = dockerfile.getFROMs();
const instructionsOfStage = (index: number): Instruction[] => {
  const start = froms[index]!.getRange().start.line;
  const end = froms[index + 1]?.getRange().start.line ?? Number.POSITIVE_INFINITY;
  return dockerfile.getInstructions().filter((i) => i.getRange().start.line > start && i.getRange().start.line < end);
};
const args = (i: Instruction) => i.getArgumentsContent() ?? "";

describe("app/Dockerfile", () => {
  it("parses without errors or warnings", () => {
    expect(validate(text)).toEqual([]);
  });

  it("has no syntax directive (no frontend image to pull offline)", () => {
    expect(text).not.toMatch(/^#\s*syntax=/im);
  });

  it("names the Node 24 base once, by tag and digest", () => {
    const arg = dockerfile.getInstructions()[0]!;
    expect(arg.getKeyword()).toBe("ARG");
    expect(args(arg)).toMatch(/^NODE_IMAGE=node:24-bookworm-slim@sha256:[0-9a-f]{64}$/);
    expect(froms.map((f) => f.getImage())).toEqual(["${NODE_IMAGE}", "${NODE_IMAGE}"]);
  });

  it("builds on the builder's platform and has no RUN in the runtime stage (no emulation)", () => {
    expect(froms[0]!.getPlatformFlag()?.getValue()).toBe("$BUILDPLATFORM");
    expect(froms[0]!.getBuildStage()).toBe("build");
    expect(froms[1]!.getPlatformFlag()).toBeNull();
    expect(instructionsOfStage(1).map((i) => i.getKeyword())).not.toContain("RUN");
  });

  it("trusts a proxy CA from an optional build secret in the npm ci step, never from a layer", () => {
    const npmCi = instructionsOfStage(0).find((i) => i.getKeyword() === "RUN" && args(i).includes("npm ci"));
    expect(npmCi).toBeDefined();
    expect(npmCi!.getTextContent()).toContain("--mount=type=secret,id=ca,required=false");
    expect(npmCi!.getTextContent()).toContain("NODE_EXTRA_CA_CERTS=/run/secrets/ca");
    expect(text).not.toMatch(/COPY[^\n]*(ca-certificates|\.crt|\.pem)/i);
  });

  it("runs as the numeric non-root user, from /app, with the service as the default command", () => {
    const runtime = instructionsOfStage(1);
    expect(runtime.filter((i) => i.getKeyword() === "USER").map(args)).toEqual(["1000:1000"]);
    expect(runtime.filter((i) => i.getKeyword() === "WORKDIR").map(args)).toEqual(["/app"]);
    expect(runtime.filter((i) => i.getKeyword() === "CMD").map(args)).toEqual(['["node", "dist/server.js"]']);
  });

  it("copies only the built output, package.json and production node_modules into the runtime", () => {
    const copies = instructionsOfStage(1)
      .filter((i) => i.getKeyword() === "COPY")
      .map((i) => i.getTextContent());
    expect(copies).toEqual([
      "COPY --from=build /src/package.json ./package.json",
      "COPY --from=build /src/node_modules ./node_modules",
      "COPY --from=build /src/dist ./dist",
    ]);
    const build = instructionsOfStage(0).map((i) => i.getTextContent()).join("\n");
    expect(build).toMatch(/npm prune --omit=dev/);
  });

  it("labels the image with source, revision and version from build args", () => {
    const labels = instructionsOfStage(1)
      .filter((i) => i.getKeyword() === "LABEL")
      .map(args)
      .join(" ");
    expect(labels).toContain('org.opencontainers.image.source="${SOURCE}"');
    expect(labels).toContain('org.opencontainers.image.revision="${REVISION}"');
    expect(labels).toContain('org.opencontainers.image.version="${VERSION}"');
    const declared = instructionsOfStage(1)
      .filter((i) => i.getKeyword() === "ARG")
      .map((i) => args(i).split("=")[0]);
    expect(declared).toEqual(expect.arrayContaining(["VERSION", "REVISION", "SOURCE"]));
  });

  it("keeps the build context small: .dockerignore drops node_modules, dist and scripts", () => {
    const ignored = readFileSync(resolve(APP, ".dockerignore"), "utf8").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", "dist", "scripts"]));
  });
});

describe("app/package.json and lock file", () => {
  const pkg = JSON.parse(readFileSync(resolve(APP, "package.json"), "utf8")) as Record<string, Record<string, string> | string>;
  const rootPkg = JSON.parse(readFileSync(resolve(APP, "../package.json"), "utf8")) as { devDependencies: Record<string, string> };

  it("is the archbench-app ESM package with build and start scripts and no runtime dependencies", () => {
    expect(pkg.name).toBe("archbench-app");
    expect(pkg.type).toBe("module");
    expect(pkg.engines).toEqual({ node: ">=22" });
    expect(pkg.scripts).toMatchObject({ build: "tsc -p tsconfig.json", start: "node dist/server.js" });
    expect(pkg.dependencies).toBeUndefined();
  });

  it("uses the root's TypeScript and @types/node versions", () => {
    const dev = pkg.devDependencies as Record<string, string>;
    expect(dev.typescript).toBe(rootPkg.devDependencies.typescript);
    expect(dev["@types/node"]).toBe(rootPkg.devDependencies["@types/node"]);
  });

  it("has a lock file without registry URLs", () => {
    const lock = readFileSync(resolve(APP, "package-lock.json"), "utf8");
    expect(lock).not.toMatch(/"resolved":/);
    expect(lock).not.toMatch(/https?:\/\//);
  });
});
