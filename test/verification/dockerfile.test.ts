import * as fs from "node:fs";
import * as path from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { describe, expect, it } from "vitest";
import { PROJECT_DIR } from "../../stacks/shared/project-dir";
import { DOCKERFILE_RULES, dockerfileLint, dockerfileRuleViolations } from "./dockerfile-rules";

const APP_DOCKERFILE = path.join(PROJECT_DIR, "app", "Dockerfile");

describe("app/Dockerfile", () => {
  const text = fs.existsSync(APP_DOCKERFILE) ? fs.readFileSync(APP_DOCKERFILE, "utf8") : undefined;

  it("passes dockerfile-utils' validator", (ctx) => {
    if (text === undefined) ctx.skip("app/Dockerfile does not exist yet");
    expect(dockerfileLint(text ?? "")).toEqual([]);
  });

  it("keeps the project's rules: native build stage, no RUN and a non-root USER in the final stage, digest-pinned bases, no # syntax=", (ctx) => {
    if (text === undefined) ctx.skip("app/Dockerfile does not exist yet");
    expect(dockerfileRuleViolations(text ?? "")).toEqual([]);
  });
});

const DIGEST = "sha256:" + "0".repeat(64);
const GOOD = `ARG NODE_IMAGE=node:24-bookworm-slim@${DIGEST}
FROM --platform=$BUILDPLATFORM \${NODE_IMAGE} AS build
WORKDIR /src
RUN npm ci
FROM \${NODE_IMAGE}
WORKDIR /app
COPY --from=build /src/dist ./dist
USER 1000:1000
CMD ["node", "dist/server.js"]
`;

const rule = (name: keyof typeof DOCKERFILE_RULES, text: string) => DOCKERFILE_RULES[name](DockerfileParser.parse(text));

describe("the Dockerfile checks", () => {
  it("pass a good Dockerfile", () => {
    expect(dockerfileRuleViolations(GOOD)).toEqual([]);
    expect(dockerfileLint(GOOD)).toEqual([]);
  });

  it.each([
    ["build stage without --platform", "buildStagesOnBuildPlatform", GOOD.replace("--platform=$BUILDPLATFORM ", ""), /line 2: build stage build is not FROM --platform=\$BUILDPLATFORM/],
    ["build stage on the target platform", "buildStagesOnBuildPlatform", GOOD.replace("$BUILDPLATFORM", "$TARGETPLATFORM"), /got \$TARGETPLATFORM/],
    ["single-stage build", "buildStagesOnBuildPlatform", `FROM node@${DIGEST}\nUSER 1000\n`, /no build stage/],
    ["RUN in the final stage", "noRunInFinalStage", GOOD.replace("WORKDIR /app", "WORKDIR /app\nRUN apt-get update"), /line 7: RUN in the final stage/],
    ["no USER in the final stage", "nonRootFinalUser", GOOD.replace("USER 1000:1000\n", ""), /sets no USER/],
    ["USER root", "nonRootFinalUser", GOOD.replace("USER 1000:1000", "USER root"), /USER root is root/],
    ["USER 0:0", "nonRootFinalUser", GOOD.replace("USER 1000:1000", "USER 0:0"), /USER 0 is root/],
    ["non-root USER set only in the build stage", "nonRootFinalUser", GOOD.replace("USER 1000:1000\n", "").replace("WORKDIR /src", "WORKDIR /src\nUSER node"), /sets no USER/],
    ["base pinned by tag only", "basesPinnedByDigest", GOOD.replace(`@${DIGEST}`, ""), /base image node:24-bookworm-slim is not pinned by digest/],
    ["a digest-less literal base", "basesPinnedByDigest", GOOD.replace("FROM ${NODE_IMAGE}\n", "FROM node:24\n"), /line 5: base image node:24 is not pinned/],
    ["a # syntax= directive", "noSyntaxDirective", `# syntax=docker/dockerfile:1.7\n${GOOD}`, /line 1: # syntax=docker\/dockerfile:1.7/],
  ] as const)("%s", (_case, name, text, message) => {
    expect(rule(name, text).join("\n")).toMatch(message);
    expect(dockerfileRuleViolations(text).join("\n")).toMatch(message);
  });

  it("accepts a named non-root user and FROM an earlier stage", () => {
    expect(rule("nonRootFinalUser", GOOD.replace("USER 1000:1000", "USER node"))).toEqual([]);
    expect(rule("basesPinnedByDigest", `${GOOD}FROM build AS test\n`)).toEqual([]);
  });

  it("dockerfile-utils reports what it knows (unknown instruction, relative WORKDIR, two CMDs)", () => {
    const bad = `${GOOD}FROMM x\nWORKDIR app\nCMD ["a"]\n`;
    const findings = dockerfileLint(bad).join("\n");
    expect(findings).toMatch(/Unknown instruction: FROMM/);
    expect(findings).toMatch(/WORKDIR paths should be absolute/);
    expect(findings).toMatch(/There can only be one CMD instruction/);
  });
});
