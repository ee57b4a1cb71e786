import { firstLine, runCommand, type RunCommand } from "../shared/run-command";
import { bundledPriceTable } from "./bundled";
import type { PriceTable } from "./price-table";

/** The Price List API answers from us-east-1 for every region's prices. */
const PRICING_API_REGION = "us-east-1";

/** `aws pricing get-products` arguments for one instance type's on-demand Linux, shared-tenancy price. */
export function getProductsArgs(region: string, instanceType: string): string[] {
  const match = (field: string, value: string) => `Type=TERM_MATCH,Field=${field},Value=${value}`;
  return [
    "pricing", "get-products",
    "--region", PRICING_API_REGION,
    "--service-code", "AmazonEC2",
    "--filters",
    match("instanceType", instanceType),
    match("regionCode", region),
    match("operatingSystem", "Linux"),
    match("tenancy", "Shared"),
    match("preInstalledSw", "NA"),
    match("capacitystatus", "Used"),
    "--output", "json",
  ];
}

interface PriceListProduct {
  product?: { attributes?: { instanceType?: string } };
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }> }> };
}

/**
 * The hourly on-demand price in one `get-products` answer (its PriceList holds JSON strings). Undefined
 * when there is none, or when the filters left more than one distinct price (then it cannot say which).
 */
export function onDemandPriceFromProducts(output: string, instanceType: string): number | undefined {
  const page = JSON.parse(output) as { PriceList?: string[] };
  const prices = new Set<number>();
  for (const item of page.PriceList ?? []) {
    const product = JSON.parse(item) as PriceListProduct;
    if (product.product?.attributes?.instanceType !== instanceType) continue;
    for (const offer of Object.values(product.terms?.OnDemand ?? {})) {
      for (const dimension of Object.values(offer.priceDimensions ?? {})) {
        const usd = Number(dimension.pricePerUnit?.USD);
        if (dimension.unit === "Hrs" && usd > 0) prices.add(usd);
      }
    }
  }
  return prices.size === 1 ? [...prices][0] : undefined;
}

/**
 * Today's on-demand prices for the given types from the AWS Price List API, through the AWS CLI (the
 * same CLI the kubeconfig needs). The EKS control plane and NAT gateway hourly prices come from the
 * bundled table's header (us-east-1's when the region has no table). Throws saying what failed.
 */
export async function livePriceTable(region: string, instanceTypes: string[], run: RunCommand = runCommand, today = new Date()): Promise<PriceTable> {
  const usdPerHour: Record<string, number> = {};
  for (const instanceType of [...new Set(instanceTypes)]) {
    const result = await run("aws", getProductsArgs(region, instanceType));
    if (result.code === undefined) throw new Error("the AWS CLI is not installed");
    if (result.code !== 0) throw new Error(`aws pricing get-products failed: ${firstLine(result.stderr)}`);
    const price = onDemandPriceFromProducts(result.stdout, instanceType);
    if (price === undefined) throw new Error(`the Price List API has no single on-demand Linux price for ${instanceType} in ${region}`);
    usdPerHour[instanceType] = price;
  }
  let fixed: PriceTable;
  try {
    fixed = bundledPriceTable(region);
  } catch {
    fixed = bundledPriceTable("us-east-1");
  }
  return {
    region,
    currency: "USD",
    source: "AWS Price List API (aws pricing get-products), on-demand Linux, shared tenancy",
    date: today.toISOString().slice(0, 10),
    usdPerHour,
    eksControlPlaneUsdPerHour: fixed.eksControlPlaneUsdPerHour,
    natGatewayUsdPerHour: fixed.natGatewayUsdPerHour,
  };
}

/**
 * Prices for a collected run: live from the Price List API when the AWS CLI and credentials allow,
 * else the bundled dated table, with a note saying why. Throws only when neither is available.
 */
export async function pricesForRun(
  region: string,
  instanceTypes: string[],
  run: RunCommand = runCommand,
): Promise<{ table: PriceTable; note?: string }> {
  try {
    return { table: await livePriceTable(region, instanceTypes, run) };
  } catch (error) {
    const table = bundledPriceTable(region);
    return { table, note: `live prices unavailable (${(error as Error).message}): using the bundled table of ${table.date}` };
  }
}
