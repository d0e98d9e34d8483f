import { describe, expect, it } from 'vitest';
import { activeParam, matchesActive } from './filters.js';

describe('active filter', () => {
  it('shows active records under "active", inactive ones under "inactive", both under "all"', () => {
    expect(matchesActive('active', true)).toBe(true);
    expect(matchesActive('active', false)).toBe(false);
    expect(matchesActive('inactive', true)).toBe(false);
    expect(matchesActive('inactive', false)).toBe(true);
    expect(matchesActive('all', true)).toBe(true);
    expect(matchesActive('all', false)).toBe(true);
  });

  it('asks the server for active, inactive or every record', () => {
    expect(activeParam('active')).toBe(true);
    expect(activeParam('inactive')).toBe(false);
    expect(activeParam('all')).toBeUndefined();
  });
});
