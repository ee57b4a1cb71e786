import { describe, expect, it } from "vitest";
import { vcpusOfInstanceType } from "../../../infra/instance-types";
import { bundledPriceTable } from "../../../stacks/prices/bundled";
import { parsePriceTable, priceOf, UnknownInstanceTypeError } from "../../../stacks/prices/price-table";

const onDemandUsdPerHour = (region: string, instanceType: string): number => priceOf(bundledPriceTable(region), instanceType);

describe("prices", () => {
  it("reads the bundled us-east-1 table with its source and date", () => {
    const table = bundledPriceTable("us-east-1");
    expect(table.region).toBe("us-east-1");
    expect(table.date).toBe("2026-07-20");
    expect(table.source).toMatch(/Karpenter provider for AWS/);
    expect(table.eksControlPlaneUsdPerHour).toBe(0.1);
    expect(table.natGatewayUsdPerHour).toBe(0.045);
    expect(Object.keys(table.usdPerHour).length).toBeGreaterThan(100);
  });

  it("looks up instance types by region", () => {
    expect(onDemandUsdPerHour("us-east-1", "m7i.xlarge")).toBe(0.2016);
    expect(onDemandUsdPerHour("us-east-1", "m7g.xlarge")).toBe(0.1632);
  });

  it("names the unknown type, its family's known sizes and the fix", () => {
    expect(() => onDemandUsdPerHour("us-east-1", "m7g.24xlarge")).toThrow(UnknownInstanceTypeError);
    expect(() => onDemandUsdPerHour("us-east-1", "m7g.24xlarge")).toThrow(/"m7g.24xlarge" in us-east-1 \(this family has: .*m7g.xlarge.*\); add it to stacks\/prices\//);
  });

  it("names the regions it has for an unknown region", () => {
    expect(() => onDemandUsdPerHour("eu-west-1", "m7g.xlarge")).toThrow(/no bundled on-demand prices for region "eu-west-1" \(bundled: us-east-1\)/);
  });

  it("rejects a malformed table with the file and line", () => {
    const header = "# prices, us-east-1\n# Source: test (generated 2026-01-02)\n# EKS control plane: 0.10 USD/h. NAT gateway: 0.045 USD/h\ninstance_type\tusd_per_hour\n";
    expect(parsePriceTable(`${header}m7g.large\t0.0816\n`, "t.tsv").usdPerHour).toEqual({ "m7g.large": 0.0816 });
    expect(() => parsePriceTable(`${header}m7g.large\tfree\n`, "t.tsv")).toThrow(/t.tsv: line 5: expected/);
    expect(() => parsePriceTable(header.replace("(generated 2026-01-02)", ""), "t.tsv")).toThrow(/t.tsv: the Source line must carry the date/);
  });

  it.each([
    ["m7g.medium", 1],
    ["m7i.large", 2],
    ["c7gn.xlarge", 4],
    ["m7i-flex.2xlarge", 8],
    ["r8g.8xlarge", 32],
    ["t3.medium", 2],
    ["t3.xlarge", 4],
    ["u-6tb1.metal", undefined],
    ["m7g.metal", undefined],
  ])("vCPUs of %s: %s", (type, vcpus) => {
    expect(vcpusOfInstanceType(type)).toBe(vcpus);
  });
});
