import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './multiple.js';

describe('benjaminiHochberg', () => {
  it('R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "BH") is 0.05 for all five', () => {
    const r = benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05]);
    r.adjusted.forEach((p) => expect(p).toBeCloseTo(0.05, 12));
    expect(r.rejected).toEqual([true, true, true, true, true]);
  });

  it('Benjamini & Hochberg (1995, JRSS B 57:289–300) worked example: 15 p-values, 4 rejected at q = 0.05', () => {
    // The paper's example (Neuhaus et al. trial): the step-up procedure rejects the four smallest.
    // Adjusted values (= R p.adjust(p, "BH")) by hand: p(i)·15/i, then the running minimum from the largest p.
    // e.g. i = 6: min(0.0278·15/6 = 0.0695, i = 7: 0.0298·15/7 = 0.063857) = 0.063857.
    const p = [
      0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528,
      0.759, 1,
    ];
    const expected = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.063857, 0.063857, 0.0645, 0.0765, 0.486, 0.581182, 0.714875,
      0.753231, 0.813214, 1,
    ];
    const r = benjaminiHochberg(p);
    r.adjusted.forEach((a, i) => expect(a).toBeCloseTo(expected[i]!, 6));
    expect(r.rejected.filter(Boolean)).toHaveLength(4);
    expect(r.rejected.slice(0, 4)).toEqual([true, true, true, true]);
  });

  it('keeps the input order when the p-values are not sorted', () => {
    const r = benjaminiHochberg([0.04, 0.001, 0.5]);
    expect(r.adjusted[0]).toBeCloseTo(0.06, 12);
    expect(r.adjusted[1]).toBeCloseTo(0.003, 12);
    expect(r.adjusted[2]).toBeCloseTo(0.5, 12);
    expect(r.rejected).toEqual([false, true, false]);
  });

  it('handles an empty list and rejects p-values outside [0, 1]', () => {
    expect(benjaminiHochberg([])).toEqual({ adjusted: [], rejected: [], q: 0.05 });
    expect(() => benjaminiHochberg([0.2, 1.2])).toThrow(RangeError);
    expect(() => benjaminiHochberg([0.2], 0)).toThrow(/q/);
  });

  it('property: adjusted p >= raw p, <= 1, monotone in the order of the raw p-values; BH rejects at least what Bonferroni does', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 60 }), (p) => {
        const { adjusted, rejected } = benjaminiHochberg(p);
        adjusted.forEach((a, i) => {
          expect(a).toBeGreaterThanOrEqual(p[i]!);
          expect(a).toBeLessThanOrEqual(1);
        });
        const order = p.map((_, i) => i).sort((i, j) => p[i]! - p[j]!);
        for (let k = 1; k < order.length; k++) {
          expect(adjusted[order[k]!]!).toBeGreaterThanOrEqual(adjusted[order[k - 1]!]!);
        }
        p.forEach((raw, i) => {
          if (raw * p.length <= 0.05) expect(rejected[i]).toBe(true);
        });
      }),
    );
  });
});
