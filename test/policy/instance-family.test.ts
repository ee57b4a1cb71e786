import { describe, expect, it } from "vitest";
import * as infra from "../../infra/instance-types";
import { POOL_LABEL as INFRA_POOL_LABEL, ROLE_LABEL as INFRA_ROLE_LABEL } from "../../infra/tags-and-labels";
import { AMI_TYPES } from "../../infra/node-pool-spec";
import { amiTypeArch, archOfInstanceType, isThrottledInstanceType, threadsPerCoreOfInstanceType } from "../../policy/instance-family";
import { POOL_LABEL, ROLE_LABEL } from "../../policy/resource-types";

// The pack carries its own copy of the family rule (it is published as its own directory); it must
// agree with infra's on every name either side has an opinion about.
const NAMES = [
  "a1.large", "m6g.large", "m7g.xlarge", "m7gd.2xlarge", "m8g.large", "c7gn.2xlarge", "r8gb.xlarge", "t4g.nano", "x2gd.xlarge",
  "im4gn.large", "is4gen.medium", "g5g.xlarge", "hpc7g.4xlarge", "m7g.metal",
  "m5.large", "m5zn.large", "m7i.xlarge", "m7a.xlarge", "m7i-flex.large", "c7i-flex.xlarge", "t3.medium", "t3a.large", "t2.micro",
  "x2idn.16xlarge", "z1d.large", "g4dn.xlarge", "inf2.xlarge", "hpc6a.48xlarge", "m7i.metal-24xl", "u7i-6tb.112xlarge",
  "mac2.metal", "m7g", "M7G.LARGE", "", "u-6tb1.metal", "m6a.xlarge", "m5a.large", "c7a.xlarge", "r8a.large", "c7i.xlarge", "hpc7a.96xlarge",
];

describe("the pack's copy of the instance family rule", () => {
  it.each(NAMES)("agrees with infra on %j", (name) => {
    expect(archOfInstanceType(name)).toBe(infra.archOfInstanceType(name));
    expect(isThrottledInstanceType(name)).toBe(infra.isThrottledInstanceType(name));
    expect(threadsPerCoreOfInstanceType(name)).toBe(infra.threadsPerCoreOfInstanceType(name));
  });

  it("reads the architecture of the AMI types infra sets", () => {
    for (const [arch, amiType] of Object.entries(AMI_TYPES)) expect(amiTypeArch(amiType)).toBe(arch);
    expect(amiTypeArch("BOTTLEROCKET_ARM_64")).toBe("arm64");
    expect(amiTypeArch("AL2_x86_64")).toBe("amd64");
    expect(amiTypeArch("CUSTOM")).toBeUndefined();
  });

  it("uses infra's node label keys", () => {
    expect([POOL_LABEL, ROLE_LABEL]).toEqual([INFRA_POOL_LABEL, INFRA_ROLE_LABEL]);
  });
});
