/**
 * Two-way decomposition of a units × workloads table of mean logs (one pool), as in a random-effects model
 *   x[u][w] = μ[w] + a[u] + r[u][w]
 * where a[u] is the unit's effect shared by every workload (a slow node is slow in all of them) and r the
 * rest (unit × workload interaction plus the rounds' noise). Kalibera & Jones (ISMM 2013) estimate such a
 * hierarchy by its mean squares; summed over pools, the sums of squares and degrees of freedom pool the
 * between-unit variance across pools and workloads.
 */
export interface TwoWay {
  /** W · Σ_u (unit mean − grand mean)²; E = (U − 1)(W σa² + σr²). */
  ssUnits: number;
  dfUnits: number;
  /** Σ (x − unit mean − workload mean + grand mean)²; E = (U − 1)(W − 1) σr². */
  ssResidual: number;
  dfResidual: number;
}

export function twoWay(matrix: readonly (readonly number[])[]): TwoWay {
  const units = matrix.length;
  const workloads = matrix[0]?.length ?? 0;
  if (units === 0 || workloads === 0) throw new Error("variance decomposition needs at least one unit and one workload");
  const unitMeans = matrix.map((row) => row.reduce((s, v) => s + v, 0) / workloads);
  const workloadMeans = Array.from({ length: workloads }, (_, w) => matrix.reduce((s, row) => s + (row[w] as number), 0) / units);
  const grand = unitMeans.reduce((s, v) => s + v, 0) / units;
  let ssUnits = 0;
  for (const m of unitMeans) ssUnits += workloads * (m - grand) ** 2;
  let ssResidual = 0;
  matrix.forEach((row, u) => {
    row.forEach((x, w) => {
      ssResidual += (x - (unitMeans[u] as number) - (workloadMeans[w] as number) + grand) ** 2;
    });
  });
  return { ssUnits, dfUnits: units - 1, ssResidual, dfResidual: (units - 1) * (workloads - 1) };
}

/** Sums of squares and degrees of freedom added over pools. */
export function pooled(parts: readonly TwoWay[]): TwoWay {
  return parts.reduce(
    (acc, p) => ({
      ssUnits: acc.ssUnits + p.ssUnits,
      dfUnits: acc.dfUnits + p.dfUnits,
      ssResidual: acc.ssResidual + p.ssResidual,
      dfResidual: acc.dfResidual + p.dfResidual,
    }),
    { ssUnits: 0, dfUnits: 0, ssResidual: 0, dfResidual: 0 },
  );
}
