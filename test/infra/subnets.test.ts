import { describe, expect, it } from "vitest";
import { subnetPlan } from "../../infra/subnets";

describe("subnetPlan", () => {
  it("carves two public /20s and two private /18s out of the /16", () => {
    expect(subnetPlan("10.42.0.0/16")).toEqual({
      public: ["10.42.0.0/20", "10.42.16.0/20"],
      private: ["10.42.128.0/18", "10.42.192.0/18"],
    });
  });
});
