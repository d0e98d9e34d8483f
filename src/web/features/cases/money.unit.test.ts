import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToDollarsInput, parseDollarsToCents } from './money.js';

describe('parseDollarsToCents', () => {
  it('reads dollars and cents exactly, never through floating point', () => {
    expect(parseDollarsToCents('250')).toEqual({ ok: true, cents: 25000 });
    expect(parseDollarsToCents('19.99')).toEqual({ ok: true, cents: 1999 });
    expect(parseDollarsToCents('0.1')).toEqual({ ok: true, cents: 10 });
    expect(parseDollarsToCents('.5')).toEqual({ ok: true, cents: 50 });
    expect(parseDollarsToCents('$1,250.50')).toEqual({ ok: true, cents: 125050 });
    expect(parseDollarsToCents(' 4.35 ')).toEqual({ ok: true, cents: 435 });
  });

  it('treats an empty amount as zero', () => {
    expect(parseDollarsToCents('')).toEqual({ ok: true, cents: 0 });
  });

  it('refuses negative, fractional-cent, non-numeric and huge amounts with a reason', () => {
    expect(parseDollarsToCents('-5')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/negative/),
    });
    expect(parseDollarsToCents('1.005')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/two decimal/),
    });
    expect(parseDollarsToCents('abc')).toMatchObject({ ok: false });
    expect(parseDollarsToCents('1e3')).toMatchObject({ ok: false });
    expect(parseDollarsToCents('.')).toMatchObject({ ok: false });
    expect(parseDollarsToCents('1.2.3')).toMatchObject({ ok: false });
    expect(parseDollarsToCents('100000001')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/large/),
    });
  });

  it('round-trips every whole number of cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_00 }), (cents) => {
        expect(parseDollarsToCents(centsToDollarsInput(cents))).toEqual({ ok: true, cents });
      }),
    );
  });
});

describe('centsToDollarsInput', () => {
  it('writes two decimals', () => {
    expect(centsToDollarsInput(25000)).toBe('250.00');
    expect(centsToDollarsInput(5)).toBe('0.05');
  });
});
