import { readFileSync } from "node:fs";
import { join } from "node:path";
import { vcpusOfInstanceType } from "./instance-types";

/** vCPUs and memory of one EC2 instance type. */
export interface InstanceSize {
  vcpus: number;
  memoryGiB: number;
}

/**
 * Parses `instance_type<TAB>vcpus<TAB>memory_gib` rows (after `#` comments and a column header) into a Map:
 * the lookup key is a user's instance type, so never a plain object. Throws naming the file and line.
 */
export function parseInstanceSizes(text: string, fileName: string): Map<string, InstanceSize> {
  const sizes = new Map<string, InstanceSize>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.startsWith("#") || line.trim() === "" || line.startsWith("instance_type")) return;
    const [type, vcpus, memory, ...rest] = line.split("\t");
    const size = { vcpus: Number(vcpus), memoryGiB: Number(memory) };
    if (!type || rest.length > 0 || !Number.isInteger(size.vcpus) || size.vcpus < 1 || !(size.memoryGiB > 0) || sizes.has(type)) {
      throw new Error(`${fileName}: line ${index + 1}: expected a new "<instance type><TAB><vCPUs><TAB><memory GiB>", got ${JSON.stringify(line)}`);
    }
    sizes.set(type, size);
  });
  return sizes;
}

const SIZES_FILE = join(__dirname, "instance-sizes.tsv");
let bundled: Map<string, InstanceSize> | undefined;

/** The bundled size table (infra/instance-sizes.tsv), read once. */
export function bundledInstanceSizes(): ReadonlyMap<string, InstanceSize> {
  bundled ??= parseInstanceSizes(readFileSync(SIZES_FILE, "utf8"), SIZES_FILE);
  return bundled;
}

/** The size of a type from the table, or undefined when the table does not list it. */
export function instanceSize(instanceType: string): InstanceSize | undefined {
  return bundledInstanceSizes().get(instanceType);
}

/** vCPUs from the table, else from the size name (medium 1, large 2, xlarge 4, …); undefined when neither knows. */
export function instanceVcpus(instanceType: string): number | undefined {
  return instanceSize(instanceType)?.vcpus ?? vcpusOfInstanceType(instanceType);
}
