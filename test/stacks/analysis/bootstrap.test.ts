import { describe, expect, it } from "vitest";
import {
  coefficientOfVariation,
  geometricMean,
  median,
  percentileInterval,
  quantileOfSorted,
  ratioOfMediansReplicates,
  seededRandom,
} from "../../../stacks/analysis/bootstrap";

describe("statistics", () => {
  it("medians of odd and even counts, unsorted input untouched", () => {
    const input = [5, 1, 3];
    expect(median(input)).toBe(3);
    expect(input).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/no values/);
  });

  it("quantiles interpolate between order statistics (type 7)", () => {
    expect(quantileOfSorted([10, 20, 30, 40, 50], 0.5)).toBe(30);
    expect(quantileOfSorted([10, 20, 30, 40, 50], 0.1)).toBeCloseTo(14, 10);
    expect(quantileOfSorted([10, 20], 0.975)).toBeCloseTo(19.75, 10);
  });

  it("coefficient of variation and geometric mean", () => {
    expect(coefficientOfVariation([360, 400, 440])).toBeCloseTo(0.1, 12); // sd 40 / mean 400
    expect(coefficientOfVariation([7])).toBe(0);
    expect(geometricMean([1.2, 1.0])).toBeCloseTo(Math.sqrt(1.2), 12);
  });

  it("the seeded PRNG repeats for a seed and differs between seeds", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("bootstrap replicates follow the resampling distribution of the median", () => {
    // Candidate [1, 2], baseline [1]: a resample of two is {1,1}, {1,2}/{2,1} or {2,2} with p = 1/4, 1/2, 1/4,
    // so the ratio of medians is 1, 1.5 or 2 with those probabilities.
    const replicates = ratioOfMediansReplicates([1, 2], [1], 20_000, seededRandom(7));
    const share = (v: number): number => replicates.filter((r) => r === v).length / replicates.length;
    expect(share(1)).toBeCloseTo(0.25, 1);
    expect(share(1.5)).toBeCloseTo(0.5, 1);
    expect(share(2)).toBeCloseTo(0.25, 1);
    expect(percentileInterval(replicates, 0.95)).toEqual([1, 2]);
  });

  it("resamples the baseline too (its spread widens the interval)", () => {
    const oneSided = percentileInterval(ratioOfMediansReplicates([10, 10, 10], [9, 10, 11], 4000, seededRandom(1)));
    // 1/median(baseline resample): median ∈ {9, 10, 11}, each tail with p = 7/27 ≫ 2.5%.
    expect(oneSided[0]).toBeCloseTo(10 / 11, 12);
    expect(oneSided[1]).toBeCloseTo(10 / 9, 12);
  });
});
