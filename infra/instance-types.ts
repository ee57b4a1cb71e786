import { shown } from "./shown";

/**
 * Facts read off an EC2 instance type name. pulumi-eks and eksctl both infer the architecture from the
 * name; a wrong-arch AMI is the most reported Graviton failure, so this rule is table-tested and then
 * confirmed against EC2 at preview time (see instance-check.ts).
 */
import type { Arch } from "../app/src/bench/results-contract";

export type { Arch };

export interface InstanceTypeName {
  /** Family letters before the generation: "m", "c", "r", "t", "x", "im", "is", "hpc", "g", "mac", … */
  family: string;
  generation: number;
  /** Letters after the generation: "g", "gd", "gn", "i", "a", "i-flex", … */
  attributes: string;
  /** The size after the dot: "large", "xlarge", "2xlarge", "metal-24xl", … */
  size: string;
}

/** The sizes EC2 names: nano … xlarge, Nxlarge, metal and metal-Nxl (anything else, e.g. "constructor", is no size). */
// EC2 never names a size 1xlarge or metal-1xl: those are xlarge and no size.
const SIZE = "nano|micro|small|medium|large|xlarge|(?:[2-9]|[1-9]\\d+)xlarge|metal|metal-(?:[2-9]|[1-9]\\d+)xl";
const NAME_PATTERN = new RegExp(`^([a-z]+?)(\\d+)([a-z][a-z0-9-]*)?\\.(${SIZE})$`);

/** Splits "c7gn.xlarge" into its parts; undefined when the name is not of the EC2 form. */
export function parseInstanceType(instanceType: string): InstanceTypeName | undefined {
  const match = NAME_PATTERN.exec(instanceType);
  if (!match) return undefined;
  const [, family = "", generation = "0", attributes = "", size = ""] = match;
  return { family, generation: Number(generation), attributes, size };
}

/**
 * The CPU architecture of an instance type, or undefined when the name says nothing reliable.
 * Graviton types carry a "g" right after the generation (m7g, c7gn, r8gd, x2gd, im4gn, is4gen, t4g,
 * hpc7g, g5g); a1 is the first Graviton. Everything else of the EC2 form is x86 (Intel "i", AMD "a",
 * or no letter), except the Mac families, which EKS cannot run.
 */
export function archOfInstanceType(instanceType: string): Arch | undefined {
  const name = parseInstanceType(instanceType);
  if (!name || name.family === "mac") return undefined;
  if (name.family === "a" && name.generation === 1) return "arm64";
  return name.attributes.startsWith("g") ? "arm64" : "amd64";
}

/** Burstable (CPU credits) or baseline-throttled types: unfair for a sustained CPU benchmark. */
export function isThrottledInstanceType(instanceType: string): boolean {
  const name = parseInstanceType(instanceType);
  if (!name) return false;
  return name.family === "t" || name.attributes.endsWith("-flex");
}

export function isMetalInstanceType(instanceType: string): boolean {
  return parseInstanceType(instanceType)?.size.startsWith("metal") ?? false;
}

// A Map, not an object: a size is user input, and an object lookup would find "constructor" on its prototype.
const SIZE_VCPUS = new Map<string, number>([["nano", 2], ["micro", 2], ["small", 2], ["medium", 1], ["large", 2], ["xlarge", 4]]);

/**
 * vCPUs of a size, from the name: medium 1, large 2, xlarge 4, Nxlarge 4N. Undefined for metal and odd
 * sizes. (t-family nano..small have 2 vCPUs; medium is 1 vCPU for the m/c/r Graviton families.)
 */
export function vcpusOfInstanceType(instanceType: string): number | undefined {
  const name = parseInstanceType(instanceType);
  if (!name) return undefined;
  if (name.size === "medium" && name.family === "t") return 2;
  const fixed = SIZE_VCPUS.get(name.size);
  if (fixed !== undefined) return fixed;
  const multiple = /^(\d+)xlarge$/.exec(name.size);
  return multiple ? Number(multiple[1]) * 4 : undefined;
}

/**
 * Why EKS managed node groups cannot run an instance type, or undefined when they can as far as the name
 * tells. Mac instances (mac1, mac2, mac2-m2, mac-m4, …) run macOS on dedicated hosts only; archbench's
 * nodes use the AL2023 EKS AMIs, which do not support A1 (Amazon Linux 2023 user guide).
 */
export function eksUnsupportedReason(instanceType: string): string | undefined {
  if (/^mac(\d|-)/.test(instanceType)) {
    return `${shown(instanceType)} is a Mac instance type: it runs macOS on a dedicated host, which EKS cannot use as a node; use a Linux type such as m7g.large (arm64) or m7i.large (amd64)`;
  }
  const name = parseInstanceType(instanceType);
  if (name?.family === "a" && name.generation === 1) {
    return `${instanceType} is a first-generation Graviton (A1) type, which the AL2023 EKS node AMIs do not support; use a Graviton2 or later type such as m6g.large or m7g.large`;
  }
  return undefined;
}

/**
 * Hardware threads per physical core, as EC2's `DefaultThreadsPerCore` reports it: 2 on Intel and on AMD
 * before the 7th generation (an x86 vCPU is a hyperthread), 1 on Graviton, on AMD's 7th-generation `a`
 * types and later (m7a, c7a, r7a, m8a…), on t2 and on the HPC families. Undefined when the name says
 * nothing reliable. The program checks this rule against EC2 at preview (instance-check.ts).
 */
export function threadsPerCoreOfInstanceType(instanceType: string): 1 | 2 | undefined {
  const name = parseInstanceType(instanceType);
  const arch = archOfInstanceType(instanceType);
  if (!name || !arch) return undefined;
  if (arch === "arm64") return 1;
  if (name.family === "t" && name.generation === 2) return 1;
  if (name.family.startsWith("hpc")) return 1;
  if (name.attributes.startsWith("a")) return name.generation >= 7 ? 1 : 2;
  return 2;
}
