import { describe, expect, it } from "vitest";
import { bundledPriceTable } from "../../../stacks/prices/bundled";
import { getProductsArgs, livePriceTable, onDemandPriceFromProducts, pricesForRun } from "../../../stacks/prices/price-list-api";
import type { CommandResult, RunCommand } from "../../../stacks/shared/run-command";

/** One product as `aws pricing get-products` returns it: a JSON string inside PriceList. */
function product(instanceType: string, usd: string, unit = "Hrs"): string {
  return JSON.stringify({
    product: { productFamily: "Compute Instance", attributes: { instanceType, regionCode: "us-east-1", operatingSystem: "Linux", tenancy: "Shared" } },
    terms: {
      OnDemand: {
        "ABC.JRTCKXETXF": {
          priceDimensions: { "ABC.JRTCKXETXF.6YS6EN2CT7": { unit, pricePerUnit: { USD: usd }, description: `$${usd} per On Demand Linux ${instanceType} Instance Hour` } },
        },
      },
    },
  });
}
const page = (...products: string[]) => JSON.stringify({ FormatVersion: "aws_v1", PriceList: products });

describe("onDemandPriceFromProducts", () => {
  it("reads the hourly USD price of the matching instance type", () => {
    expect(onDemandPriceFromProducts(page(product("m7g.xlarge", "0.1632000000")), "m7g.xlarge")).toBe(0.1632);
  });

  it("ignores other types, zero prices and non-hourly units", () => {
    const answer = page(product("m7g.2xlarge", "0.3264"), product("m7g.xlarge", "0.0000000000"), product("m7g.xlarge", "0.1632", "Quantity"), product("m7g.xlarge", "0.1632"));
    expect(onDemandPriceFromProducts(answer, "m7g.xlarge")).toBe(0.1632);
  });

  it("refuses to guess between two different prices, and finds none in an empty answer", () => {
    expect(onDemandPriceFromProducts(page(product("m7g.xlarge", "0.1632"), product("m7g.xlarge", "0.2")), "m7g.xlarge")).toBeUndefined();
    expect(onDemandPriceFromProducts(page(), "m7g.xlarge")).toBeUndefined();
  });
});

describe("livePriceTable", () => {
  const fakeAws = (answers: Record<string, CommandResult>, calls: string[][] = []): RunCommand => (program, args) => {
    calls.push([program, ...args]);
    const type = /Field=instanceType,Value=([^ ]+)/.exec(args.join(" "))?.[1] ?? "";
    return Promise.resolve(answers[type] ?? { code: 0, stdout: page(), stderr: "" });
  };

  it("asks the Price List API for each type in the stack's region and keeps the fixed costs", async () => {
    const calls: string[][] = [];
    const run = fakeAws({
      "m7g.xlarge": { code: 0, stdout: page(product("m7g.xlarge", "0.1700")), stderr: "" },
      "m7i.xlarge": { code: 0, stdout: page(product("m7i.xlarge", "0.2100")), stderr: "" },
    }, calls);
    const table = await livePriceTable("us-east-1", ["m7g.xlarge", "m7i.xlarge", "m7g.xlarge"], run, new Date("2026-11-26T12:00:00Z"));
    expect(table.usdPerHour).toEqual({ "m7g.xlarge": 0.17, "m7i.xlarge": 0.21 });
    expect(table).toMatchObject({ region: "us-east-1", date: "2026-11-26", eksControlPlaneUsdPerHour: 0.1, natGatewayUsdPerHour: 0.045 });
    expect(table.source).toMatch(/AWS Price List API/);
    expect(calls).toHaveLength(2); // once per distinct type
    expect(calls[0]).toEqual(["aws", ...getProductsArgs("us-east-1", "m7g.xlarge")]);
    expect(calls[0]).toContain("Type=TERM_MATCH,Field=regionCode,Value=us-east-1");
  });

  it("says what failed: no CLI, a refused call, a type without a price", async () => {
    await expect(livePriceTable("us-east-1", ["m7g.xlarge"], () => Promise.resolve({ code: undefined, stdout: "", stderr: "" }))).rejects.toThrow(/AWS CLI is not installed/);
    await expect(livePriceTable("us-east-1", ["m7g.xlarge"], () => Promise.resolve({ code: 254, stdout: "", stderr: "Unable to locate credentials\nmore" }))).rejects.toThrow(/get-products failed: Unable to locate credentials$/);
    await expect(livePriceTable("us-east-1", ["m9z.xlarge"], fakeAws({}))).rejects.toThrow(/no single on-demand Linux price for m9z.xlarge/);
  });
});

describe("pricesForRun", () => {
  it("falls back to the bundled dated table and says why", async () => {
    const found = await pricesForRun("us-east-1", ["m7g.xlarge"], () => Promise.resolve({ code: undefined, stdout: "", stderr: "" }));
    expect(found.table).toEqual(bundledPriceTable("us-east-1"));
    expect(found.note).toBe("live prices unavailable (the AWS CLI is not installed): using the bundled table of 2026-07-20");
  });

  it("uses live prices when they come", async () => {
    const found = await pricesForRun("us-east-1", ["m7g.xlarge"], () => Promise.resolve({ code: 0, stdout: page(product("m7g.xlarge", "0.1650")), stderr: "" }));
    expect(found.table.usdPerHour).toEqual({ "m7g.xlarge": 0.165 });
    expect(found.note).toBeUndefined();
  });
});
