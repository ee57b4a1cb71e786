import { DockerfileParser, type Dockerfile, type From, type Instruction } from "dockerfile-ast";
import { validate, ValidationSeverity } from "dockerfile-utils";

/**
 * The project's own rules for app/Dockerfile, on the parsed file. Each returns what is wrong, in words.
 * Why these: docker-build builds one platform per Image, so the build stage must run natively
 * (--platform=$BUILDPLATFORM) and the final stage must not execute anything for the target arch; the
 * pods run with runAsNonRoot; a mutable base tag would make the two architectures' images drift; and
 * a `# syntax=` line makes BuildKit fetch a frontend image from a registry at build time.
 */

interface Stage {
  from: From;
  instructions: Instruction[];
}

function stagesOf(dockerfile: Dockerfile): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === "FROM") stages.push({ from: instruction as From, instructions: [] });
    else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

const lineOf = (instruction: Instruction) => instruction.getRange().start.line + 1;

/** Every stage before the final one runs on the build platform. */
export function buildStagesOnBuildPlatform(dockerfile: Dockerfile): string[] {
  const stages = stagesOf(dockerfile);
  if (stages.length < 2) return ["no build stage: build in a stage FROM --platform=$BUILDPLATFORM and copy the result into the final stage"];
  return stages.slice(0, -1).flatMap(({ from }) => {
    const platform = from.getPlatformFlag()?.getValue();
    return platform === "$BUILDPLATFORM" || platform === "${BUILDPLATFORM}"
      ? []
      : [`line ${lineOf(from)}: build stage ${from.getBuildStage() ?? "(unnamed)"} is not FROM --platform=$BUILDPLATFORM (got ${platform ?? "no --platform"}); it would run emulated`];
  });
}

/** The final stage only copies: nothing executes for the target architecture at build time. */
export function noRunInFinalStage(dockerfile: Dockerfile): string[] {
  const final = stagesOf(dockerfile).at(-1);
  return (final?.instructions ?? []).filter((i) => i.getKeyword() === "RUN").map((i) => `line ${lineOf(i)}: RUN in the final stage executes for the target architecture (emulated)`);
}

/** The final stage ends as a non-root user: a numeric uid other than 0, or a name other than root. */
export function nonRootFinalUser(dockerfile: Dockerfile): string[] {
  const users = (stagesOf(dockerfile).at(-1)?.instructions ?? []).filter((i) => i.getKeyword() === "USER");
  const last = users.at(-1);
  if (!last) return ["the final stage sets no USER, so the image runs as root"];
  const user = (last.getArgumentsContent() ?? "").trim().split(":")[0] ?? "";
  if (user === "" || user === "root" || /^0+$/.test(user)) return [`line ${lineOf(last)}: USER ${user || "(empty)"} is root`];
  return [];
}

/** `${NAME}`/`$NAME` replaced by the defaults of the ARGs declared before the first FROM. */
function resolveGlobalArgs(dockerfile: Dockerfile, text: string): string {
  const defaults = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property) defaults.set(property.getName(), property.getValue() ?? "");
  }
  return text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => defaults.get(name) ?? whole);
}

/** Every external base image (not an earlier stage, not scratch) is pinned by digest. */
export function basesPinnedByDigest(dockerfile: Dockerfile): string[] {
  const stageNames = new Set<string>();
  const problems: string[] = [];
  for (const { from } of stagesOf(dockerfile)) {
    const image = resolveGlobalArgs(dockerfile, from.getImage() ?? "");
    if (!stageNames.has(image) && image !== "scratch" && !/@sha256:[0-9a-f]{64}$/.test(image)) {
      problems.push(`line ${lineOf(from)}: base image ${image || "(none)"} is not pinned by digest (@sha256:…)`);
    }
    const stage = from.getBuildStage();
    if (stage) stageNames.add(stage);
  }
  return problems;
}

/** No `# syntax=` parser directive: BuildKit would fetch that frontend image at build time. */
export function noSyntaxDirective(dockerfile: Dockerfile): string[] {
  return dockerfile
    .getDirectives()
    .filter((d) => d.getName().toLowerCase() === "syntax")
    .map((d) => `line ${d.getRange().start.line + 1}: # syntax=${d.getValue()} makes BuildKit pull a frontend image; the built-in one suffices`);
}

export const DOCKERFILE_RULES = { buildStagesOnBuildPlatform, noRunInFinalStage, nonRootFinalUser, basesPinnedByDigest, noSyntaxDirective };

/** All of the project's rules on a Dockerfile's text. */
export function dockerfileRuleViolations(text: string): string[] {
  const dockerfile = DockerfileParser.parse(text);
  return Object.values(DOCKERFILE_RULES).flatMap((rule) => rule(dockerfile));
}

/** dockerfile-utils' validator (the VS Code Docker linter), with its optional checks on as warnings. */
export function dockerfileLint(text: string): string[] {
  const warn = ValidationSeverity.WARNING;
  const settings = {
    deprecatedMaintainer: warn,
    directiveCasing: warn,
    emptyContinuationLine: warn,
    instructionCasing: warn,
    instructionCmdMultiple: warn,
    instructionEntrypointMultiple: warn,
    instructionHealthcheckMultiple: warn,
    instructionJSONInSingleQuotes: warn,
    instructionWorkdirRelative: warn,
  };
  return validate(text, settings).map((d) => `line ${d.range.start.line + 1}: ${typeof d.message === "string" ? d.message : d.message.value}`);
}
