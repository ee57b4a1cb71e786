import { mulberry32 } from "../prng.js";

/**
 * Deterministic inputs: both architectures process byte-for-byte the same data, generated rather
 * than shipped so the image stays small.
 */

const WORDS = [
  "order", "invoice", "customer", "shipment", "payment", "refund", "catalog", "inventory", "warehouse", "express",
  "standard", "priority", "pending", "confirmed", "delivered", "cancelled", "graviton", "nitro", "region", "zone",
];
const PATHS = ["/api/orders", "/api/customers", "/api/catalog/items", "/api/payments", "/healthz", "/static/app.js"];
const AGENTS = [
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "curl/8.11.0",
  "kube-probe/1.35",
];
const STATUSES = [200, 200, 200, 200, 201, 204, 301, 304, 400, 404, 500];

export interface OrderRecord {
  id: string;
  status: string;
  createdAt: string;
  customer: { id: number; name: string; email: string; tier: string };
  items: { sku: string; quantity: number; unitPrice: number; tags: string[] }[];
  total: number;
  note: string;
}

function picker(random: () => number) {
  return <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
}

/** API-style records: nested objects, arrays, strings and numbers (about 450 bytes of JSON each). */
export function makeOrders(count: number, seed = 1): OrderRecord[] {
  const random = mulberry32(seed);
  const pick = picker(random);
  return Array.from({ length: count }, (_, i) => {
    const items = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
      sku: `SKU-${Math.floor(random() * 1e6).toString(36).toUpperCase()}`,
      quantity: 1 + Math.floor(random() * 9),
      unitPrice: Math.round(random() * 50_000) / 100,
      tags: [pick(WORDS), pick(WORDS)],
    }));
    const name = `${pick(WORDS)} ${pick(WORDS)}`;
    return {
      id: `ord_${(seed * 1_000_003 + i).toString(36)}`,
      status: pick(["pending", "confirmed", "delivered", "cancelled"]),
      createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 3e10)).toISOString(),
      customer: { id: Math.floor(random() * 1e7), name, email: `${name.replace(" ", ".")}@example.com`, tier: pick(["free", "pro", "enterprise"]) },
      items,
      total: Math.round(items.reduce((sum, it) => sum + it.quantity * it.unitPrice, 0) * 100) / 100,
      note: Array.from({ length: 4 + Math.floor(random() * 8) }, () => pick(WORDS)).join(" "),
    };
  });
}

/** Combined-format access-log lines: compressible like real text responses, and realistic for regexes. */
export function makeAccessLog(bytes: number, seed = 2): string {
  const random = mulberry32(seed);
  const pick = picker(random);
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const ip = `10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`;
    const time = new Date(Date.UTC(2026, 10, 26) + Math.floor(random() * 86_400_000)).toISOString();
    const path = `${pick(PATHS)}/${Math.floor(random() * 100_000)}?expand=${pick(WORDS)}&page=${Math.floor(random() * 20)}`;
    const line = `${ip} - - [${time}] "${pick(["GET", "GET", "GET", "POST", "PUT"])} ${path} HTTP/1.1" ${pick(STATUSES)} ${Math.floor(random() * 50_000)} "-" "${pick(AGENTS)}" ${(random() * 0.5).toFixed(3)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n").slice(0, bytes);
}

/** Bytes that look random (hashing speed does not depend on content, but keep it honest). */
export function makeBytes(length: number, seed = 3): Buffer {
  const random = mulberry32(seed);
  const buffer = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) buffer[i] = Math.floor(random() * 256);
  return buffer;
}
