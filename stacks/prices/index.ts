/** Prices for the report and for the offline `plan` estimate: lookup by region + instance type. */
export { bundledPriceTable, onDemandUsdPerHour, BUNDLED_REGIONS } from "./bundled";
export { livePriceTable, pricesForRun } from "./price-list-api";
export { testbedHourlyCost, NAT_GATEWAY_LINE, type HourlyCost, type HourlyCostLine } from "./testbed-cost";
export { parsePriceTable, priceOf, UnknownInstanceTypeError, type PriceTable } from "./price-table";
// One rule for vCPUs from the size name, shared with the program.
export { vcpusOfInstanceType } from "../../infra/instance-types";
