import { describe, expect, it } from 'vitest';
import { buildUrl } from './api.js';
import { createFormatters, currencySymbol, numberSeparators } from './format.js';

describe('createFormatters', () => {
  const fmt = createFormatters('en-AU', 'Australia/Sydney', 'AUD');

  it('writes money from integer cents', () => {
    expect(fmt.money(100_00)).toBe('$100.00');
    expect(fmt.money(1_234_56)).toBe('$1,234.56');
    expect(fmt.money(0)).toBe('$0.00');
  });

  it('writes dates in the organisation time zone, not the browser’s', () => {
    // 14:30 UTC on 1 March is 01:30 on 2 March in Sydney (UTC+11).
    expect(fmt.date('2026-03-01T14:30:00Z')).toBe('2 Mar 2026');
    expect(fmt.dateTime('2026-03-01T14:30:00Z')).toMatch(/^2 Mar 2026, 1:30\s?am$/);
  });

  it('shows a dash for missing or invalid dates', () => {
    expect(fmt.date(null)).toBe('—');
    expect(fmt.dateTime('not a date')).toBe('—');
  });

  it('falls back to en-AU when the locale or currency is unknown', () => {
    const odd = createFormatters('xx-invalid-locale-!!', 'Nowhere/Nope', 'ZZZZ');
    expect(odd.money(500)).toBe('$5.00');
  });
});

describe('currency helpers', () => {
  it('finds the symbol and separators of a locale', () => {
    expect(currencySymbol('en-AU', 'AUD')).toBe('$');
    expect(numberSeparators('en-AU')).toEqual({ group: ',', decimal: '.' });
    expect(numberSeparators('de-DE')).toEqual({ group: '.', decimal: ',' });
  });
});

describe('buildUrl', () => {
  it('leaves out empty query values', () => {
    expect(buildUrl('/api/v1/areas', { q: 'front', active: true, cursor: undefined, areaId: '' })).toBe(
      '/api/v1/areas?q=front&active=true',
    );
    expect(buildUrl('/api/v1/areas')).toBe('/api/v1/areas');
  });
});
