import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../../app/src/bench/prng";
import { geometricMean, hashSeed, percentileInterval, ratioOfMediansReplicates, seededStream } from "../../../stacks/analysis/bootstrap";

describe("the reader's bootstrap (medians, quantiles and the PRNG are app/src/bench's: test/app/stats.test.ts)", () => {
  it("geometric mean", () => {
    expect(geometricMean([1.2, 1.0])).toBeCloseTo(Math.sqrt(1.2), 12);
  });

  it("bootstrap replicates follow the resampling distribution of the median", () => {
    // Candidate [1, 2], baseline [1]: a resample of two is {1,1}, {1,2}/{2,1} or {2,2} with p = 1/4, 1/2, 1/4,
    // so the ratio of medians is 1, 1.5 or 2 with those probabilities.
    const replicates = ratioOfMediansReplicates([1, 2], [1], 20_000, mulberry32(7));
    const share = (v: number): number => replicates.filter((r) => r === v).length / replicates.length;
    expect(share(1)).toBeCloseTo(0.25, 1);
    expect(share(1.5)).toBeCloseTo(0.5, 1);
    expect(share(2)).toBeCloseTo(0.25, 1);
    expect(percentileInterval(replicates, 0.95)).toEqual([1, 2]);
  });

  it("resamples the baseline too (its spread widens the interval)", () => {
    const oneSided = percentileInterval(ratioOfMediansReplicates([10, 10, 10], [9, 10, 11], 4000, mulberry32(1)));
    // 1/median(baseline resample): median ∈ {9, 10, 11}, each tail with p = 7/27 ≫ 2.5%.
    expect(oneSided[0]).toBeCloseTo(10 / 11, 12);
    expect(oneSided[1]).toBeCloseTo(10 / 9, 12);
  });
  it("one stream per (seed, key): repeatable, and different for another key or seed", () => {
    const draws = (seed: number, key: string): number[] => {
      const random = seededStream(seed, key);
      return Array.from({ length: 4 }, () => random());
    };
    expect(draws(1, "bench-arm|json · 1 thread")).toEqual(draws(1, "bench-arm|json · 1 thread"));
    expect(draws(1, "bench-arm|json · 1 thread")).not.toEqual(draws(1, "bench-arm|sha256 · 1 thread"));
    expect(draws(2, "bench-arm|json · 1 thread")).not.toEqual(draws(1, "bench-arm|json · 1 thread"));
    expect(hashSeed(1, "a")).not.toBe(hashSeed(1, "b"));
  });
});
