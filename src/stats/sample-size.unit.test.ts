import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MINIMUM_SAMPLE, figureWithN, reliability } from './sample-size.js';

describe('reliability', () => {
  it('shows a figure at the default minimum of 30 and hides it below, saying why', () => {
    expect(DEFAULT_MINIMUM_SAMPLE).toBe(30);
    expect(reliability(30)).toEqual({ show: true });
    const hidden = reliability(12);
    expect(hidden.show).toBe(false);
    if (!hidden.show)
      expect(hidden.reason).toBe(
        'Only 12 responses; at least 30 are needed for a reliable figure, so it is hidden.',
      );
  });

  it('explains an empty sample differently, and takes a custom minimum and noun', () => {
    const none = reliability(0, 50, 'cases');
    expect(none).toEqual({ show: false, reason: 'No cases yet; the figure appears once there are 50.' });
    expect(reliability(49, 50).show).toBe(false);
    expect(reliability(50, 50).show).toBe(true);
  });

  it('rejects nonsense', () => {
    expect(() => reliability(-1)).toThrow(RangeError);
    expect(() => reliability(3.5)).toThrow(RangeError);
    expect(() => reliability(10, 0)).toThrow(RangeError);
  });

  it('property: shown exactly when n >= min', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 1, max: 1000 }), (n, min) => {
        expect(reliability(n, min).show).toBe(n >= min);
      }),
    );
  });
});

describe('figureWithN', () => {
  it('carries the value only when it may be shown', () => {
    expect(figureWithN(0.42, 120)).toEqual({ n: 120, show: true, value: 0.42 });
    const hidden = figureWithN(0.42, 7);
    expect(hidden).toMatchObject({ n: 7, show: false });
    expect('value' in hidden).toBe(false);
  });
});
