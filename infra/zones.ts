/**
 * Which two availability zones the testbed uses. EKS needs subnets in two AZs; the benchmark pools share
 * one AZ so they see the same network; and not every AZ offers every instance type (m7g is missing from
 * some us-east-1 AZs), nor can EKS place its control plane in every AZ.
 */

/** AZ IDs where EKS cannot create a cluster (EKS user guide, "Create a VPC" / cluster subnet requirements). */
export const EKS_UNSUPPORTED_ZONE_IDS = new Set(["use1-az3", "usw1-az2", "cac1-az3"]);

export interface Zone {
  name: string;
  zoneId: string;
}

export interface ZoneChoice {
  /** The two AZs for subnets, the benchmark AZ first. */
  zones: [string, string];
  benchmarkZone: string;
}

/**
 * Picks the benchmark AZ (the first that offers every instance type of every pool) and a second AZ
 * (the next that offers every app pool's type). `offered` maps an AZ name to the instance types EC2
 * offers there. Throws with what is missing where, so the fix (another region or type) is clear.
 */
export function chooseZones(
  region: string,
  zones: Zone[],
  offered: ReadonlyMap<string, ReadonlySet<string>>,
  appTypes: string[],
  benchmarkTypes: string[],
): ZoneChoice {
  const usable = zones
    .filter((z) => !EKS_UNSUPPORTED_ZONE_IDS.has(z.zoneId))
    .sort((a, b) => a.name.localeCompare(b.name));
  const offersAll = (zone: string, types: string[]) => types.every((t) => offered.get(zone)?.has(t) ?? false);
  const allTypes = [...new Set([...benchmarkTypes, ...appTypes])];

  for (const t of allTypes) {
    if (!usable.some((z) => offered.get(z.name)?.has(t))) {
      throw new Error(
        `instance type ${t} is not offered in any usable AZ of ${region}: check the name (aws ec2 describe-instance-type-offerings --filters Name=instance-type,Values=${t} --region ${region}) or choose another type or region`,
      );
    }
  }
  const benchmarkZone = usable.find((z) => offersAll(z.name, allTypes));
  if (!benchmarkZone) {
    throw new Error(
      `no AZ in ${region} offers all of ${allTypes.join(", ")}; the benchmark pools must share one AZ and EKS needs the app pools there too: choose types offered together (aws ec2 describe-instance-type-offerings --location-type availability-zone)`,
    );
  }
  const second = usable.find((z) => z.name !== benchmarkZone.name && offersAll(z.name, appTypes));
  if (!second) {
    throw new Error(`${region} has no second AZ that offers ${appTypes.join(", ")}; EKS needs two AZs: choose app pool types offered more widely`);
  }
  return { zones: [benchmarkZone.name, second.name], benchmarkZone: benchmarkZone.name };
}

/** Groups `describe-instance-type-offerings` rows by AZ. */
export function offeringsByZone(rows: { instanceType: string; location: string }[]): Map<string, Set<string>> {
  const byZone = new Map<string, Set<string>>();
  for (const { instanceType, location } of rows) {
    const types = byZone.get(location) ?? new Set<string>();
    types.add(instanceType);
    byZone.set(location, types);
  }
  return byZone;
}
