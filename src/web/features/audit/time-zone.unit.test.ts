import { describe, expect, it } from 'vitest';
import { startOfDayIn } from './time-zone.js';

describe('startOfDayIn', () => {
  it('is midnight in Sydney during daylight saving (UTC+11)', () => {
    expect(startOfDayIn('2026-03-03', 'Australia/Sydney')).toBe('2026-03-02T13:00:00.000Z');
  });

  it('is midnight in Sydney in winter (UTC+10)', () => {
    expect(startOfDayIn('2026-07-01', 'Australia/Sydney')).toBe('2026-06-30T14:00:00.000Z');
  });

  it('handles the days daylight saving ends and starts', () => {
    // Ends 5 April 2026 at 03:00 (midnight is still +11); starts 4 October 2026 at 02:00 (midnight is +10).
    expect(startOfDayIn('2026-04-05', 'Australia/Sydney')).toBe('2026-04-04T13:00:00.000Z');
    expect(startOfDayIn('2026-04-06', 'Australia/Sydney')).toBe('2026-04-05T14:00:00.000Z');
    expect(startOfDayIn('2026-10-04', 'Australia/Sydney')).toBe('2026-10-03T14:00:00.000Z');
    expect(startOfDayIn('2026-10-05', 'Australia/Sydney')).toBe('2026-10-04T13:00:00.000Z');
  });

  it('moves to a later day for an inclusive "to" date', () => {
    expect(startOfDayIn('2026-07-01', 'Australia/Sydney', 1)).toBe('2026-07-01T14:00:00.000Z');
    expect(startOfDayIn('2026-12-31', 'UTC', 1)).toBe('2027-01-01T00:00:00.000Z');
  });

  it('works west of UTC', () => {
    expect(startOfDayIn('2026-01-15', 'America/New_York')).toBe('2026-01-15T05:00:00.000Z');
  });
});
