import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { npsDifference, npsInterval } from './nps.js';

describe('npsInterval', () => {
  it('Wald: 50 promoters, 30 passives, 20 detractors → NPS 30, 95% CI [14.69, 45.31] (worked by hand)', () => {
    // p_P = 0.5, p_D = 0.2, NPS = 0.3. Per-answer variance = p_P + p_D − (p_P − p_D)² = 0.7 − 0.09 = 0.61.
    // SE = √(0.61 / 100) = 0.0781025; margin = 1.959964 × 0.0781025 = 0.153081 → [0.146919, 0.453081].
    const r = npsInterval(50, 30, 20, 0.95, 'wald');
    expect(r.estimate).toBeCloseTo(30, 10);
    expect(r.standardError).toBeCloseTo(7.81025, 5);
    expect(r.lower).toBeCloseTo(14.6922, 4);
    expect(r.upper).toBeCloseTo(45.3078, 4);
    expect(r.fraction).toEqual({ estimate: r.estimate / 100, lower: r.lower / 100, upper: r.upper / 100 });
    expect(r.n).toBe(100);
  });

  it('adjusted Wald (Rocks 2016; Sauro & Lewis 2021): same data → [14.05, 44.20] (worked by hand)', () => {
    // Add ¾ promoter, ¾ detractor, 3 to n: P = 50.75, D = 20.75, n = 103.
    // p_P = 0.4927184, p_D = 0.2014563, adjusted NPS = 30/103 = 0.2912621.
    // variance = 0.6941748 − 0.2912621² = 0.6941748 − 0.0848336 = 0.6093411; SE = √(0.6093411 / 103) = 0.0769151.
    // margin = 1.959964 × 0.0769151 = 0.1507508 → [0.1405113, 0.4420129]; the reported NPS stays the observed 30.
    const r = npsInterval(50, 30, 20);
    expect(r.method).toBe('adjusted-wald');
    expect(r.estimate).toBeCloseTo(30, 10);
    expect(r.standardError).toBeCloseTo(7.69151, 5);
    expect(r.lower).toBeCloseTo(14.0511, 4);
    expect(r.upper).toBeCloseTo(44.2013, 4);
  });

  it('all answers in one category: Wald collapses to zero width, the adjusted interval does not', () => {
    const wald = npsInterval(0, 12, 0, 0.95, 'wald');
    expect(wald.lower).toBe(0);
    expect(wald.upper).toBe(0);
    const adjusted = npsInterval(0, 12, 0);
    expect(adjusted.upper - adjusted.lower).toBeGreaterThan(10);
    expect(adjusted.lower).toBeCloseTo(-adjusted.upper, 10);
  });

  it('bounds are clamped to [−100, 100]', () => {
    const r = npsInterval(5, 0, 0);
    expect(r.estimate).toBe(100);
    expect(r.upper).toBe(100);
  });

  it('documents the one case at 95% where the adjusted interval misses the observed NPS: a single answer', () => {
    // 1 promoter: adjusted NPS = 0.25, SE = 0.375, upper = 0.25 + 1.96 × 0.375 = 0.985 < 1.
    // The pseudo-answers pull so hard at n = 1 that the interval excludes 100; reliability() hides such figures.
    const r = npsInterval(1, 0, 0);
    expect(r.upper).toBeCloseTo(98.4986, 4);
    expect(r.estimate).toBe(100);
  });

  it('rejects impossible input', () => {
    expect(() => npsInterval(0, 0, 0)).toThrow(/at least one answer/);
    expect(() => npsInterval(-1, 2, 3)).toThrow(RangeError);
    expect(() => npsInterval(1.5, 2, 3)).toThrow(RangeError);
  });

  const counts = fc.tuple(fc.nat(400), fc.nat(400), fc.nat(400)).filter(([a, b, c]) => a + b + c > 0);

  it('property: both methods stay within [−100, 100]; Wald always contains the NPS', () => {
    fc.assert(
      fc.property(counts, fc.double({ min: 0.5, max: 0.999, noNaN: true }), ([p, pa, d], confidence) => {
        for (const method of ['wald', 'adjusted-wald'] as const) {
          const r = npsInterval(p, pa, d, confidence, method);
          expect(r.lower).toBeGreaterThanOrEqual(-100);
          expect(r.upper).toBeLessThanOrEqual(100);
          expect(r.lower).toBeLessThanOrEqual(r.upper);
        }
        const wald = npsInterval(p, pa, d, confidence, 'wald');
        expect(wald.lower).toBeLessThanOrEqual(wald.estimate + 1e-9);
        expect(wald.upper).toBeGreaterThanOrEqual(wald.estimate - 1e-9);
      }),
    );
  });

  it('property: the adjusted interval contains the NPS at 95% and above once n >= 2', () => {
    fc.assert(
      fc.property(
        counts.filter(([a, b, c]) => a + b + c >= 2),
        fc.double({ min: 0.95, max: 0.999, noNaN: true }),
        ([p, pa, d], confidence) => {
          const r = npsInterval(p, pa, d, confidence);
          expect(r.lower).toBeLessThanOrEqual(r.estimate + 1e-9);
          expect(r.upper).toBeGreaterThanOrEqual(r.estimate - 1e-9);
        },
      ),
    );
  });

  it('property: for fixed shares the interval narrows as n grows', () => {
    fc.assert(
      fc.property(
        counts,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10 }),
        ([p, pa, d], a, extra) => {
          const small = npsInterval(p * a, pa * a, d * a);
          const large = npsInterval(p * (a + extra), pa * (a + extra), d * (a + extra));
          expect(large.upper - large.lower).toBeLessThanOrEqual(small.upper - small.lower + 1e-9);
        },
      ),
    );
  });
});

describe('npsDifference', () => {
  it('Wald: NPS 30 (50/30/20) → 10 (40/30/30): −20 points, 95% CI [−42.35, 2.35], p = 0.0794 (by hand)', () => {
    // Variances per answer: 0.61 and (0.4 + 0.3 − 0.1²) = 0.69. SE = √(0.61/100 + 0.69/100) = √0.013 = 0.1140175.
    // z = −0.2 / 0.1140175 = −1.754116; p = 2Φ(−1.754116) = 0.07941; margin = 1.959964 × 0.1140175 = 0.223470.
    const r = npsDifference(
      { promoters: 50, passives: 30, detractors: 20 },
      { promoters: 40, passives: 30, detractors: 30 },
      0.95,
      'wald',
    );
    expect(r.difference).toBeCloseTo(-20, 10);
    expect(r.z).toBeCloseTo(-1.754116, 6);
    expect(r.pValue).toBeCloseTo(0.07941, 5);
    expect(r.lower).toBeCloseTo(-42.347, 3);
    expect(r.upper).toBeCloseTo(2.347, 3);
  });

  it('names the empty sample', () => {
    const some = { promoters: 1, passives: 2, detractors: 3 };
    const none = { promoters: 0, passives: 0, detractors: 0 };
    expect(() => npsDifference(some, none)).toThrow(/second sample is empty/);
    expect(() => npsDifference({ ...some, passives: -1 }, some)).toThrow(/first\.passives/);
  });

  it('property: swapping the periods negates the difference and keeps the p-value', () => {
    const counts = fc.record({ promoters: fc.nat(300), passives: fc.nat(300), detractors: fc.nat(300) });
    const nonEmpty = counts.filter((c) => c.promoters + c.passives + c.detractors > 0);
    fc.assert(
      fc.property(nonEmpty, nonEmpty, (a, b) => {
        const ab = npsDifference(a, b);
        const ba = npsDifference(b, a);
        expect(ba.difference).toBeCloseTo(-ab.difference, 9);
        expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
        expect(ab.lower).toBeGreaterThanOrEqual(-200);
        expect(ab.upper).toBeLessThanOrEqual(200);
      }),
    );
  });
});
