import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newcombeDifference, twoProportionTest, wilsonInterval } from './proportions.js';
import { chiSquareTest } from './tests.js';

describe('wilsonInterval', () => {
  it('10 of 100 at 95% is [0.0552, 0.1744] (R: prop.test(10, 100, correct = FALSE)$conf.int)', () => {
    const r = wilsonInterval(10, 100);
    expect(r.estimate).toBe(0.1);
    expect(r.lower).toBeCloseTo(0.0552, 4);
    expect(r.upper).toBeCloseTo(0.1744, 4);
    expect(r.n).toBe(100);
  });

  // Newcombe RG (1998a), "Two-sided confidence intervals for the single proportion: comparison of seven
  // methods", Stat Med 17:857–872, Table I, method 3 (score, no continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i matches Newcombe 1998a Table I: [%f, %f]', (x, n, lower, upper) => {
    const r = wilsonInterval(x, n);
    expect(r.lower).toBeCloseTo(lower, 4);
    expect(r.upper).toBeCloseTo(upper, 4);
  });

  it('0 of n has lower bound exactly 0, n of n upper bound exactly 1, and they mirror each other', () => {
    const none = wilsonInterval(0, 10);
    const all = wilsonInterval(10, 10);
    expect(none.lower).toBe(0);
    expect(all.upper).toBe(1);
    expect(none.upper).toBeCloseTo(0.2775, 4); // Newcombe 1998b Table II uses 0/10 → [0, 0.2775]
    expect(all.lower).toBeCloseTo(1 - none.upper, 12);
  });

  it('a higher confidence gives a wider interval', () => {
    const narrow = wilsonInterval(30, 120, 0.9);
    const wide = wilsonInterval(30, 120, 0.99);
    expect(wide.lower).toBeLessThan(narrow.lower);
    expect(wide.upper).toBeGreaterThan(narrow.upper);
  });

  it('rejects impossible input', () => {
    expect(() => wilsonInterval(5, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow(/cannot exceed/);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1)).toThrow(/confidence/);
  });

  const sample = fc
    .integer({ min: 1, max: 5000 })
    .chain((n) => fc.record({ n: fc.constant(n), x: fc.integer({ min: 0, max: n }) }));

  it('property: contains the estimate and lies within [0, 1]', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 0.5, max: 0.999, noNaN: true }), ({ x, n }, confidence) => {
        const r = wilsonInterval(x, n, confidence);
        expect(r.lower).toBeGreaterThanOrEqual(0);
        expect(r.upper).toBeLessThanOrEqual(1);
        expect(r.lower).toBeLessThanOrEqual(r.estimate);
        expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
      }),
    );
  });

  it('property: for a fixed proportion the interval narrows as n grows', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 50 })
          .chain((m) => fc.tuple(fc.constant(m), fc.integer({ min: 0, max: m }))),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        ([m, k], a, extra) => {
          const small = wilsonInterval(k * a, m * a);
          const large = wilsonInterval(k * (a + extra), m * (a + extra));
          expect(large.upper - large.lower).toBeLessThan(small.upper - small.lower);
        },
      ),
    );
  });
});

describe('newcombeDifference (method 10)', () => {
  // Newcombe RG (1998b), "Interval estimation for the difference between independent proportions: comparison
  // of eleven methods", Stat Med 17:873–890, Table II, method 10 (score-based hybrid, no continuity correction).
  it.each([
    [56, 70, 48, 80, 0.2, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.6, 0.1705, 0.809],
    [6, 7, 2, 7, 4 / 7, 0.0582, 0.8062],
    [5, 56, 0, 29, 5 / 56, -0.0381, 0.1926],
    [0, 10, 0, 20, 0, -0.1611, 0.2775],
    [0, 10, 0, 10, 0, -0.2775, 0.2775],
    [10, 10, 0, 20, 1, 0.6791, 1],
    [10, 10, 0, 10, 1, 0.6075, 1],
  ])('%i/%i − %i/%i = %f, 95%% CI [%f, %f] as in Newcombe 1998b', (x1, n1, x2, n2, d, lower, upper) => {
    const r = newcombeDifference(x1, n1, x2, n2);
    expect(r.estimate).toBeCloseTo(d, 10);
    expect(r.lower).toBeCloseTo(lower, 4);
    expect(r.upper).toBeCloseTo(upper, 4);
  });

  it('property: contains the difference, lies within [−1, 1], and swapping the groups mirrors it', () => {
    const group = fc
      .integer({ min: 1, max: 2000 })
      .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(group, group, ([x1, n1], [x2, n2]) => {
        const r = newcombeDifference(x1, n1, x2, n2);
        expect(r.lower).toBeGreaterThanOrEqual(-1);
        expect(r.upper).toBeLessThanOrEqual(1);
        expect(r.lower).toBeLessThanOrEqual(r.estimate + 1e-12);
        expect(r.upper).toBeGreaterThanOrEqual(r.estimate - 1e-12);
        const swapped = newcombeDifference(x2, n2, x1, n1);
        expect(swapped.lower).toBeCloseTo(-r.upper, 12);
        expect(swapped.upper).toBeCloseTo(-r.lower, 12);
      }),
    );
  });
});

describe('twoProportionTest', () => {
  it('56/70 vs 48/80: z = 2.6502, p = 0.00805 (worked by hand)', () => {
    // pooled = 104/150 = 0.693333; SE = √(0.693333 × 0.306667 × (1/70 + 1/80)) = √(0.212622 × 0.0267857)
    //        = √0.00569524 = 0.0754668; z = (0.8 − 0.6) / 0.0754668 = 2.65017; p = 2Φ(−2.65017) = 0.008045.
    // Same as R: prop.test(c(56, 48), c(70, 80), correct = FALSE) gives X-squared = 7.0234 = z².
    const r = twoProportionTest(56, 70, 48, 80);
    expect(r.pooled).toBeCloseTo(0.693333, 6);
    expect(r.standardError).toBeCloseTo(0.0754668, 7);
    expect(r.z).toBeCloseTo(2.65017, 5);
    expect(r.z ** 2).toBeCloseTo(7.0234, 4);
    expect(r.pValue).toBeCloseTo(0.008045, 6);
  });

  it('identical all-or-nothing groups give z = 0 and p = 1 rather than NaN', () => {
    expect(twoProportionTest(0, 10, 0, 30)).toMatchObject({ z: 0, pValue: 1 });
    expect(twoProportionTest(10, 10, 30, 30)).toMatchObject({ z: 0, pValue: 1 });
  });

  it('property: z² equals Pearson chi-square on the same 2×2 table, and swapping groups negates z', () => {
    const group = fc
      .integer({ min: 2, max: 1000 })
      .chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n)));
    fc.assert(
      fc.property(group, group, ([x1, n1], [x2, n2]) => {
        const r = twoProportionTest(x1, n1, x2, n2);
        const chi = chiSquareTest([
          [x1, n1 - x1],
          [x2, n2 - x2],
        ]);
        expect(r.z ** 2).toBeCloseTo(chi.statistic, 8);
        expect(r.pValue).toBeCloseTo(chi.pValue, 8);
        expect(twoProportionTest(x2, n2, x1, n1).z).toBeCloseTo(-r.z, 12);
      }),
    );
  });
});
