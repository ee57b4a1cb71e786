/** The subnet layout inside the VPC's /16: two small public /20s, two large private /18s for pods. */
export interface SubnetPlan {
  public: [string, string];
  private: [string, string];
}

export function subnetPlan(vpcCidr: string): SubnetPlan {
  const [a, b] = vpcCidr.split(".");
  const base = `${a}.${b}`;
  return {
    public: [`${base}.0.0/20`, `${base}.16.0/20`],
    private: [`${base}.128.0/18`, `${base}.192.0/18`],
  };
}
