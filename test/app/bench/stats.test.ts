import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../../app/src/bench/prng";
import {
  bootstrapMedianCi,
  coefficientOfVariation,
  mean,
  median,
  quantile,
  sampleStdDev,
  summarizeSamples,
} from "../../../app/src/bench/stats";

/** Replays fixed draws, so a bootstrap's resamples can be worked out by hand. */
function scripted(draws: number[]): () => number {
  let i = 0;
  return () => {
    if (i >= draws.length) throw new Error("script ran out of draws");
    return draws[i++]!;
  };
}

describe("descriptive statistics, checked against hand calculations", () => {
  it("median of odd and even counts, unsorted input", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it("quantiles interpolate between order statistics (type 7)", () => {
    // sorted 10,20,30,40: position (4-1)*0.25 = 0.75 -> 10 + 0.75*10 = 17.5
    expect(quantile([40, 10, 30, 20], 0.25)).toBe(17.5);
    // position 3*0.9 = 2.7 -> 30 + 0.7*10 = 37
    expect(quantile([10, 20, 30, 40], 0.9)).toBeCloseTo(37, 12);
    expect(quantile([10, 20, 30, 40], 0)).toBe(10);
    expect(quantile([10, 20, 30, 40], 1)).toBe(40);
  });

  it("mean, sample standard deviation and CV", () => {
    const samples = [98, 100, 102, 100];
    // mean 100; squared deviations 4,0,4,0 = 8; / (n-1)=3 -> 8/3; sqrt = 1.63299...
    expect(mean(samples)).toBe(100);
    expect(sampleStdDev(samples)).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(coefficientOfVariation(samples)).toBeCloseTo(0.0163299316, 9);
  });

  it("CV is 0 for one sample and for a zero mean", () => {
    expect(coefficientOfVariation([42])).toBe(0);
    expect(coefficientOfVariation([0, 0])).toBe(0);
  });

  it("refuses empty input instead of returning NaN", () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => mean([])).toThrow(RangeError);
  });
});

describe("bootstrap confidence interval of the median", () => {
  it("matches a bootstrap worked out by hand", () => {
    // samples [10, 20, 30], n = 3: a draw d picks index floor(3d).
    // resample 1: draws .0 .0 .5 -> [10,10,20] median 10
    // resample 2: draws .5 .5 .9 -> [20,20,30] median 20
    // resample 3: draws .9 .9 .9 -> [30,30,30] median 30
    // resample 4: draws .0 .5 .9 -> [10,20,30] median 20
    // medians sorted [10,20,20,30]; 80% CI -> q(0.1) at position 0.3 = 13, q(0.9) at 2.7 = 27
    const random = scripted([0, 0, 0.5, 0.5, 0.5, 0.9, 0.9, 0.9, 0.9, 0, 0.5, 0.9]);
    const [lo, hi] = bootstrapMedianCi([10, 20, 30], { resamples: 4, confidence: 0.8, random });
    expect(lo).toBeCloseTo(13, 12);
    expect(hi).toBeCloseTo(27, 12);
  });

  it("is deterministic for a seed and stays inside the sample range", () => {
    const samples = [101, 97, 103, 99, 100];
    const a = bootstrapMedianCi(samples);
    const b = bootstrapMedianCi(samples);
    expect(a).toEqual(b);
    expect(a[0]).toBeGreaterThanOrEqual(97);
    expect(a[1]).toBeLessThanOrEqual(103);
    expect(a[0]).toBeLessThanOrEqual(median(samples));
    expect(a[1]).toBeGreaterThanOrEqual(median(samples));
    expect(a[0]).toBeLessThan(a[1]);
  });

  it("collapses to a point for identical samples", () => {
    expect(bootstrapMedianCi([5, 5, 5, 5, 5])).toEqual([5, 5]);
  });

  it("mulberry32 is seeded: same seed, same stream; other seed, other stream", () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const c = mulberry32(2);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("summarizeSamples", () => {
  it("flags a workload unstable when CV exceeds the threshold", () => {
    const steady = summarizeSamples([98, 100, 102, 100], 0.05);
    expect(steady).toMatchObject({ median: 100, stable: true });
    expect(steady.cv).toBeCloseTo(0.01633, 5);
    const noisy = summarizeSamples([80, 100, 120, 100], 0.05);
    // sd = sqrt(800/3) = 16.33 -> CV 0.1633 > 0.05
    expect(noisy.cv).toBeCloseTo(0.1633, 4);
    expect(noisy.stable).toBe(false);
    expect(summarizeSamples([80, 100, 120, 100], 0.2).stable).toBe(true);
  });
});
