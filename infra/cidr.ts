import { shown } from "./shown";

/** IPv4 CIDR blocks as AWS wants them: canonical dotted decimal, no leading zeros, no host bits set. */

export interface Ipv4Cidr {
  /** The address as a 32-bit unsigned number. */
  address: number;
  prefix: number;
}

const DECIMAL = /^(0|[1-9]\d{0,2})$/;

/**
 * Parses "a.b.c.d/n" strictly: four octets 0..255 and a prefix 0..32, each without leading zeros (AWS reads
 * "10.042.0.0" differently from some tools that take a leading zero as octal). Undefined when malformed.
 */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const [ip, prefixText, ...rest] = text.split("/");
  if (ip === undefined || prefixText === undefined || rest.length > 0 || !DECIMAL.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const octets = ip.split(".");
  if (prefix > 32 || octets.length !== 4 || !octets.every((o) => DECIMAL.test(o) && Number(o) <= 255)) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + Number(o), 0);
  return { address, prefix };
}

const hostMask = (prefix: number) => (prefix === 0 ? 2 ** 32 - 1 : 2 ** (32 - prefix) - 1);

/** The block with its host bits cleared, as text: "203.0.113.5/24" → "203.0.113.0/24". */
export function canonicalCidr({ address, prefix }: Ipv4Cidr): string {
  const network = address - (address % (hostMask(prefix) + 1));
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join(".")}/${prefix}`;
}

/**
 * What is wrong with a CIDR, or undefined when it is a canonical IPv4 block. `example` goes into the
 * message as the form to follow.
 */
export function cidrProblem(text: string, example: string): string | undefined {
  const cidr = parseIpv4Cidr(text);
  if (!cidr) {
    return `${shown(text)} is not an IPv4 CIDR; must be four decimal octets 0-255 without leading zeros and a prefix length 0-32, such as "${example}"`;
  }
  const canonical = canonicalCidr(cidr);
  if (canonical !== text) return `${text} is not a canonical CIDR: it has host bits set after the /${cidr.prefix}; write its network address, "${canonical}"`;
  return undefined;
}
