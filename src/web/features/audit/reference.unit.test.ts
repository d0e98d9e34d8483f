import { describe, expect, it } from 'vitest';
import { normaliseReference } from '../../../contracts/cases.js';

describe('normaliseReference', () => {
  it('reads a reference as typed: case, spaces, and O, I, L for 0, 1, 1 after the year', () => {
    expect(normaliseReference('  vr-26-7kq4-mx ')).toBe('VR-26-7KQ4-MX');
    expect(normaliseReference('VR-26- OIL4-M X')).toBe('VR-26-0114-MX');
  });

  it('leaves anything that is not a reference upper-cased only', () => {
    expect(normaliseReference('hello world')).toBe('HELLOWORLD');
  });
});
