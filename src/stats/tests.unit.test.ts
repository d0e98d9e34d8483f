import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareTest, mannWhitneyU, rateRatio } from './tests.js';

const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('mannWhitneyU', () => {
  it('matches R: wilcox.test(extra ~ group, data = sleep) → W = 25.5, p = 0.06933 (normal approx., ties, continuity)', () => {
    const r = mannWhitneyU(group1, group2);
    expect(r.u).toBe(25.5);
    expect(r.uB).toBe(74.5);
    expect(r.pValue).toBeCloseTo(0.06933, 5);
  });

  it('without continuity correction: z = −1.8541, p = 0.0637 (worked by hand)', () => {
    // Ties in the 20 values: −0.1, 0.8 and 3.4 twice each → Σ(t³ − t) = 3 × 6 = 18.
    // σ² = (10·10/12)·(21 − 18/(20·19)) = 8.33333 × 20.952632 = 174.6053; σ = 13.21383.
    // z = (25.5 − 50) / 13.21383 = −1.85412; p = 2Φ(−1.85412) = 0.06372. (With the ½ correction: −24/σ = −1.81628.)
    const r = mannWhitneyU(group1, group2, { continuityCorrection: false });
    expect(r.z).toBeCloseTo(-1.85412, 5);
    expect(r.pValue).toBeCloseTo(0.06372, 5);
    expect(mannWhitneyU(group1, group2).z).toBeCloseTo(-1.81628, 5);
  });

  it('identical samples of one value give p = 1, not NaN', () => {
    expect(mannWhitneyU([3, 3], [3, 3, 3])).toMatchObject({ z: 0, pValue: 1, probabilityOfSuperiority: 0.5 });
  });

  it('property: u + uB = nA·nB, swapping negates z, and a shift up of every value in a raises u', () => {
    const sample = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const ab = mannWhitneyU(a, b);
        const ba = mannWhitneyU(b, a);
        expect(ab.u + ab.uB).toBe(a.length * b.length);
        expect(ba.u).toBe(ab.uB);
        expect(ba.z).toBeCloseTo(-ab.z, 12);
        expect(ab.pValue).toBeGreaterThanOrEqual(0);
        expect(ab.pValue).toBeLessThanOrEqual(1);
        const shifted = mannWhitneyU(
          a.map((v) => v + 100),
          b,
        );
        expect(shifted.u).toBe(a.length * b.length);
      }),
    );
  });
});

describe('chiSquareTest', () => {
  it("matches R's ?chisq.test example (Agresti 2007, party identification by gender): X² = 30.07, df = 2, p = 2.954e−07", () => {
    const r = chiSquareTest([
      [762, 327, 468],
      [484, 239, 477],
    ]);
    expect(r.statistic).toBeCloseTo(30.07, 2);
    expect(r.df).toBe(2);
    expect(r.pValue).toBeCloseTo(2.954e-7, 10);
    expect(r.expected[0]![0]).toBeCloseTo(703.67, 2);
    expect(r.isApproximationReliable).toBe(true);
  });

  it('2×2, Physicians’ Health Study aspirin and heart attack (189/11,034 vs 104/11,037): X² = 25.01 by hand', () => {
    // Expected MI, placebo = 11034 × 293 / 22071 = 146.480; (189 − 146.480)² = 1807.9 for every cell, so
    // X² = 1807.9 × (1/146.480 + 1/10887.52 + 1/146.520 + 1/10890.48) = 25.014, df = 1.
    const r = chiSquareTest([
      [189, 10845],
      [104, 10933],
    ]);
    expect(r.statistic).toBeCloseTo(25.014, 3);
    expect(r.df).toBe(1);
    expect(r.pValue).toBeLessThan(1e-6);
  });

  it('Yates correction on a 2×2 (R: chisq.test(matrix(c(56, 48, 14, 32), 2))): 6.1143 by hand', () => {
    // Every |O − E| = 7.4667; corrected 6.9667, squared 48.5344; Σ1/E = 1/48.533 + 1/21.467 + 1/55.467 + 1/24.533
    // = 0.125979; X² = 6.1143 (uncorrected 7.0234).
    const table = [
      [56, 14],
      [48, 32],
    ];
    expect(chiSquareTest(table).statistic).toBeCloseTo(7.0234, 4);
    const r = chiSquareTest(table, { yates: true });
    expect(r.isYatesCorrected).toBe(true);
    expect(r.statistic).toBeCloseTo(6.1143, 4);
    expect(r.pValue).toBeCloseTo(0.01341, 5);
  });

  it('drops all-zero rows and columns, flags small expected counts, rejects ragged tables', () => {
    const r = chiSquareTest([
      [3, 0, 1],
      [0, 0, 0],
      [1, 0, 4],
    ]);
    expect(r.df).toBe(1);
    expect(r.isApproximationReliable).toBe(false);
    expect(r.minExpected).toBeLessThan(5);
    expect(() => chiSquareTest([[1, 2], [3]])).toThrow(/cells/);
    expect(() => chiSquareTest([[1, 2]])).toThrow(/2 non-empty rows/);
    expect(() =>
      chiSquareTest([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
  });

  it('property: statistic >= 0, p in [0, 1], transposing changes nothing', () => {
    const table = fc.tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 5 })).chain(([r, c]) =>
      fc.array(fc.array(fc.integer({ min: 1, max: 500 }), { minLength: c, maxLength: c }), {
        minLength: r,
        maxLength: r,
      }),
    );
    fc.assert(
      fc.property(table, (t) => {
        const r = chiSquareTest(t);
        const transposed = chiSquareTest(t[0]!.map((_, j) => t.map((row) => row[j]!)));
        expect(r.statistic).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
        expect(transposed.statistic).toBeCloseTo(r.statistic, 8);
        expect(transposed.df).toBe(r.df);
      }),
    );
  });
});

describe('rateRatio', () => {
  it('41 events in 28,010 vs 15 in 19,017 exposure units, 90%: RR = 1.856, CI [1.130, 3.048] (by hand)', () => {
    // rates 0.00146376 and 0.00078877; RR = 1.85576; SE(ln RR) = √(1/41 + 1/15) = √0.0910569 = 0.301756.
    // 90%: z = 1.644854; exp(ln 1.85576 ± 1.644854 × 0.301756) = exp(0.618290 ± 0.496345) → [1.1297, 3.0485].
    // Test: z = 0.618290 / 0.301756 = 2.04898, p = 0.04046.
    const r = rateRatio(41, 28010, 15, 19017, 0.9);
    expect(r.ratio).toBeCloseTo(1.85576, 5);
    expect(r.lower).toBeCloseTo(1.1297, 4);
    expect(r.upper).toBeCloseTo(3.0485, 4);
    expect(r.z).toBeCloseTo(2.04898, 5);
    expect(r.pValue).toBeCloseTo(0.04046, 5);
    expect(r.isContinuityCorrected).toBe(false);
  });

  it('a zero count adds ½ to both counts so the interval stays finite', () => {
    const r = rateRatio(0, 1000, 8, 1000);
    expect(r.isContinuityCorrected).toBe(true);
    expect(r.ratio).toBeCloseTo(0.5 / 8.5, 12);
    expect(Number.isFinite(r.lower) && Number.isFinite(r.upper)).toBe(true);
    expect(r.rate1).toBe(0);
  });

  it('property: the interval contains the ratio, and swapping the groups inverts it', () => {
    const group = fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 1, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(group, group, ([e1, t1], [e2, t2]) => {
        const r = rateRatio(e1, t1, e2, t2);
        expect(r.lower).toBeLessThanOrEqual(r.ratio);
        expect(r.upper).toBeGreaterThanOrEqual(r.ratio);
        const swapped = rateRatio(e2, t2, e1, t1);
        expect(swapped.ratio * r.ratio).toBeCloseTo(1, 9);
        expect(swapped.pValue).toBeCloseTo(r.pValue, 9);
      }),
    );
  });
});
