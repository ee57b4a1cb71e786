/**
 * What an EC2 instance type name says about its CPU. A copy of the rule in infra/instance-types.ts,
 * because a policy pack is published as its own directory; test/policy/instance-family.test.ts holds
 * both to the same table.
 */
export type Arch = "amd64" | "arm64";

const NAME_PATTERN = /^([a-z]+?)(\d+)([a-z][a-z0-9-]*)?\.([a-z0-9-]+)$/;

interface ParsedName {
  family: string;
  generation: number;
  attributes: string;
}

function parse(instanceType: string): ParsedName | undefined {
  const match = NAME_PATTERN.exec(instanceType);
  if (!match) return undefined;
  const [, family = "", generation = "0", attributes = ""] = match;
  return { family, generation: Number(generation), attributes };
}

/** Graviton types carry a "g" right after the generation (m7g, c7gn, r8gd, t4g); a1 is Graviton too. */
export function archOfInstanceType(instanceType: string): Arch | undefined {
  const name = parse(instanceType);
  if (!name || name.family === "mac") return undefined;
  if (name.family === "a" && name.generation === 1) return "arm64";
  return name.attributes.startsWith("g") ? "arm64" : "amd64";
}

/** Burstable (CPU credits: t*) or baseline-throttled (*-flex) types. */
export function isThrottledInstanceType(instanceType: string): boolean {
  const name = parse(instanceType);
  if (!name) return false;
  return name.family === "t" || name.attributes.endsWith("-flex");
}

/**
 * Hardware threads per core (EC2's DefaultThreadsPerCore): 2 on Intel and AMD before gen 7, 1 on Graviton,
 * AMD gen 7+ `a` types, t2 and the HPC families.
 */
export function threadsPerCoreOfInstanceType(instanceType: string): 1 | 2 | undefined {
  const name = parse(instanceType);
  const arch = archOfInstanceType(instanceType);
  if (!name || !arch) return undefined;
  if (arch === "arm64") return 1;
  if (name.family === "t" && name.generation === 2) return 1;
  if (name.family.startsWith("hpc")) return 1;
  if (name.attributes.startsWith("a")) return name.generation >= 7 ? 1 : 2;
  return 2;
}

/** The CPU architecture an EKS AMI type runs on (AL2023_ARM_64_STANDARD → arm64); undefined for CUSTOM. */
export function amiTypeArch(amiType: string): Arch | undefined {
  if (/ARM_64/i.test(amiType)) return "arm64";
  if (/x86_64/i.test(amiType)) return "amd64";
  return undefined;
}
