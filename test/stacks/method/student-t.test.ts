import { describe, expect, it } from "vitest";
import { studentTCdf, studentTQuantile } from "../../../stacks/method/student-t";

describe("student t", () => {
  it("quantiles match published tables, including fractional df", () => {
    // Two-sided 95 % critical values (any statistics table).
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 4);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.3027, 4);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.7764, 4);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0423, 4);
    expect(studentTQuantile(0.995, 3)).toBeCloseTo(5.8409, 4);
    expect(studentTQuantile(0.025, 2)).toBeCloseTo(-4.3027, 4);
    const q = studentTQuantile(0.975, 2.5);
    expect(q).toBeGreaterThan(studentTQuantile(0.975, 3));
    expect(q).toBeLessThan(studentTQuantile(0.975, 2));
    expect(studentTCdf(q, 2.5)).toBeCloseTo(0.975, 10);
  });

  it("the CDF is symmetric and exact where closed forms exist", () => {
    expect(studentTCdf(0, 3)).toBe(0.5);
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 12); // Cauchy: 1/2 + atan(1)/π
    expect(studentTCdf(-2, 5) + studentTCdf(2, 5)).toBeCloseTo(1, 12);
  });

  it("refuses meaningless arguments", () => {
    expect(() => studentTQuantile(0.975, 0)).toThrow(/degrees of freedom/);
    expect(() => studentTQuantile(1, 3)).toThrow(/probability/);
  });
});
