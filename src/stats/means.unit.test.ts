import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanInterval, pairedMeanDifference, welchTTest } from './means.js';

// R's built-in `sleep` data (Student 1908; Cushny & Peebles 1905): extra hours of sleep with two drugs,
// the worked example in R's ?t.test. Group 1 and group 2 are the same ten patients.
const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });

describe('meanInterval', () => {
  it('matches R: t.test(sleep$extra[1:10]) → mean 0.75, t = 1.3257, df = 9, p = 0.2176, CI [−0.5298, 2.0298]', () => {
    const r = meanInterval(group1);
    expect(r.estimate).toBeCloseTo(0.75, 12);
    expect(r.t).toBeCloseTo(1.3257, 4);
    expect(r.df).toBe(9);
    expect(r.pValue).toBeCloseTo(0.2176, 4);
    expect(r.lower).toBeCloseTo(-0.5297804, 6);
    expect(r.upper).toBeCloseTo(2.0297804, 6);
  });

  it('a constant sample has zero width and a decided test', () => {
    expect(meanInterval([2, 2, 2])).toMatchObject({ lower: 2, upper: 2, pValue: 0 });
    expect(meanInterval([2, 2, 2], 0.95, 2)).toMatchObject({ t: 0, pValue: 1 });
  });

  it('rejects samples too small or not finite', () => {
    expect(() => meanInterval([1])).toThrow(/at least 2/);
    expect(() => meanInterval([1, Number.NaN])).toThrow(/finite/);
  });

  it('property: the interval contains the mean and narrows with higher n for the same values repeated', () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 2, maxLength: 40 }), (values) => {
        const r = meanInterval(values);
        expect(r.lower).toBeLessThanOrEqual(r.estimate);
        expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
        const doubled = meanInterval([...values, ...values]);
        expect(doubled.upper - doubled.lower).toBeLessThanOrEqual(
          r.upper - r.lower + 1e-9 * (1 + r.upper - r.lower),
        );
      }),
    );
  });
});

describe('pairedMeanDifference (SERVQUAL gap)', () => {
  it('matches R: t.test(group1, group2, paired = TRUE) → −1.58, t = −4.0621, df = 9, p = 0.002833, CI [−2.4599, −0.7001]', () => {
    const pairs = group1.map((perception, i) => ({ perception, expectation: group2[i]! }));
    const r = pairedMeanDifference(pairs);
    expect(r.estimate).toBeCloseTo(-1.58, 12);
    expect(r.t).toBeCloseTo(-4.0621, 4);
    expect(r.df).toBe(9);
    expect(r.pValue).toBeCloseTo(0.002833, 6);
    expect(r.lower).toBeCloseTo(-2.4598858, 6);
    expect(r.upper).toBeCloseTo(-0.7001142, 6);
  });

  it('gap is perception minus expectation', () => {
    const r = pairedMeanDifference([
      { perception: 4, expectation: 6 },
      { perception: 5, expectation: 6 },
      { perception: 3, expectation: 6 },
    ]);
    expect(r.estimate).toBe(-2);
  });
});

describe('welchTTest', () => {
  it('matches R: t.test(extra ~ group, data = sleep) → t = −1.8608, df = 17.776, p = 0.07939, CI [−3.3655, 0.2055]', () => {
    const r = welchTTest(group1, group2);
    expect(r.meanA).toBeCloseTo(0.75, 12);
    expect(r.meanB).toBeCloseTo(2.33, 12);
    expect(r.t).toBeCloseTo(-1.8608, 4);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.pValue).toBeCloseTo(0.07939, 5);
    expect(r.lower).toBeCloseTo(-3.3654832, 6);
    expect(r.upper).toBeCloseTo(0.2054832, 6);
  });

  it('property: swapping the samples negates t and the interval, keeps df and p', () => {
    const sample = fc.array(finite, { minLength: 2, maxLength: 30 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = welchTTest(a, b);
        const ba = welchTTest(b, a);
        expect(ba.t).toBeCloseTo(-ab.t, 9);
        expect(ba.pValue).toBeCloseTo(ab.pValue, 9);
        expect(ab.pValue).toBeGreaterThanOrEqual(0);
        expect(ab.pValue).toBeLessThanOrEqual(1);
        expect(ab.lower).toBeLessThanOrEqual(ab.difference);
        expect(ab.upper).toBeGreaterThanOrEqual(ab.difference);
      }),
    );
  });
});
