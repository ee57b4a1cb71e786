/**
 * vCPUs of an instance type from its size name, for when no node reports its capacity (offline reports).
 * Holds for the general-purpose/compute/memory families the testbed uses (m, c, r; generations 5 to 8):
 * medium 1, large 2, xlarge 4, Nxlarge 4·N. Burstable t-family sizes up to large have 2.
 * Returns undefined for names it cannot read rather than guessing.
 */
export function vcpusOfInstanceType(instanceType: string): number | undefined {
  const match = /^([a-z]+)(\d+)[a-z-]*\.(nano|micro|small|medium|large|(\d*)xlarge)$/.exec(instanceType);
  if (!match) return undefined;
  const [, family, , size, multiple] = match;
  if (family === "t" && size !== undefined && ["nano", "micro", "small", "medium", "large"].includes(size)) return 2;
  switch (size) {
    case "medium":
      return 1;
    case "large":
      return 2;
    case "xlarge":
      return 4;
    case undefined:
    case "nano":
    case "micro":
    case "small":
      return undefined;
    default:
      return 4 * Number(multiple);
  }
}
