import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brandColour, contrastRatio, readableTextOn } from './brand.js';

describe('brand colour text', () => {
  it('matches the published WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(readableTextOn('#ffff00')).toBe('#000000');
    expect(readableTextOn('#1c5fa8')).toBe('#ffffff');
  });

  it('always reaches 4.5:1 on any colour', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const bg = `#${n.toString(16).padStart(6, '0')}`;
        expect(contrastRatio(bg, readableTextOn(bg))).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });

  it('falls back to the default for anything but #rrggbb', () => {
    expect(brandColour('red')).toBe('#1c5fa8');
    expect(brandColour('#0B5D3B')).toBe('#0B5D3B');
  });
});
