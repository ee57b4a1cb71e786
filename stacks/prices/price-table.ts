/**
 * A dated table of on-demand prices: what the report multiplies throughput by. Pure parsing and lookup;
 * reading the bundled file lives in ./bundled.ts.
 */

export interface PriceTable {
  /** AWS region the prices apply to, e.g. "us-east-1". */
  region: string;
  currency: "USD";
  /** Where the numbers come from, as written in the table's header. */
  source: string;
  /** ISO date (YYYY-MM-DD) the prices were taken. */
  date: string;
  /** On-demand Linux price per hour, by instance type. */
  usdPerHour: Record<string, number>;
  /** Fixed cluster costs that do not depend on the pools. */
  eksControlPlaneUsdPerHour: number;
  natGatewayUsdPerHour: number;
}

export class UnknownInstanceTypeError extends Error {
  constructor(
    readonly region: string,
    readonly instanceType: string,
    known: string[],
  ) {
    const near = known.filter((t) => t.split(".")[0] === instanceType.split(".")[0]);
    super(
      `no on-demand price for instance type "${instanceType}" in ${region}` +
        (near.length > 0 ? ` (this family has: ${near.join(", ")})` : "") +
        `; add it to stacks/prices/ or pick a listed type`,
    );
    this.name = "UnknownInstanceTypeError";
  }
}

/** Looks up one instance type's hourly price; throws UnknownInstanceTypeError naming the type. */
export function priceOf(table: PriceTable, instanceType: string): number {
  // Own keys only: "constructor" must not find Object.prototype's function.
  const price = Object.hasOwn(table.usdPerHour, instanceType) ? table.usdPerHour[instanceType] : undefined;
  if (price === undefined) throw new UnknownInstanceTypeError(table.region, instanceType, Object.keys(table.usdPerHour));
  return price;
}

/**
 * Parses the bundled TSV: `#` header lines (region on the first, then `Source: … (generated YYYY-MM-DD …)`,
 * then the fixed EKS/NAT prices), a column header, then `instance_type<TAB>usd_per_hour` rows.
 */
export function parsePriceTable(text: string, fileName: string): PriceTable {
  const lines = text.split(/\r?\n/);
  const comments = lines.filter((l) => l.startsWith("#")).map((l) => l.replace(/^#\s*/, ""));
  const fail = (what: string): never => {
    throw new Error(`${fileName}: ${what}`);
  };

  const region = /\b([a-z]{2}(?:-gov)?-[a-z]+-\d)\b/.exec(comments[0] ?? "")?.[1] ?? fail("first header line must name the region (e.g. us-east-1)");
  const sourceLine = comments.find((c) => c.startsWith("Source:")) ?? fail('missing "# Source: …" header line');
  const date = /\b(\d{4}-\d{2}-\d{2})\b/.exec(sourceLine)?.[1] ?? fail("the Source line must carry the date (YYYY-MM-DD)");
  const fixed = comments.join(" ");
  const eks = /EKS control plane:\s*([\d.]+)\s*USD\/h/.exec(fixed)?.[1] ?? fail('missing "EKS control plane: <n> USD/h" in the header');
  const nat = /NAT gateway:\s*([\d.]+)\s*USD\/h/.exec(fixed)?.[1] ?? fail('missing "NAT gateway: <n> USD/h" in the header');

  const usdPerHour: Record<string, number> = {};
  lines.forEach((line, index) => {
    if (line.startsWith("#") || line.trim() === "" || line.startsWith("instance_type")) return;
    const [type, price, ...rest] = line.split("\t");
    const usd = Number(price);
    if (!type || rest.length > 0 || price === undefined || !Number.isFinite(usd) || usd <= 0) {
      fail(`line ${index + 1}: expected "<instance type><TAB><USD per hour>", got ${JSON.stringify(line)}`);
    }
    usdPerHour[type as string] = usd;
  });
  if (Object.keys(usdPerHour).length === 0) fail("no price rows");

  return {
    region,
    currency: "USD",
    source: sourceLine.replace(/^Source:\s*/, ""),
    date,
    usdPerHour,
    eksControlPlaneUsdPerHour: Number(eks),
    natGatewayUsdPerHour: Number(nat),
  };
}
