import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso } from './zoned-time.js';

const SYDNEY = 'Australia/Sydney';

describe('wall-clock times in the organisation’s time zone', () => {
  it('show an instant as the zone’s wall clock, not the browser’s', () => {
    // 03:30 UTC is 14:30 in Sydney in March (daylight time, +11:00) and 13:30 in June (+10:00).
    expect(isoToLocalInput('2026-03-05T03:30:00Z', SYDNEY)).toBe('2026-03-05T14:30');
    expect(isoToLocalInput('2026-06-05T03:30:00.000Z', SYDNEY)).toBe('2026-06-05T13:30');
    expect(isoToLocalInput('2026-03-05T03:30:00Z', 'UTC')).toBe('2026-03-05T03:30');
    expect(isoToLocalInput('2026-03-05T23:30:00Z', 'America/New_York')).toBe('2026-03-05T18:30');
  });

  it('read a wall-clock time in the zone as ISO with its offset', () => {
    expect(localInputToIso('2026-03-05T14:30', SYDNEY)).toBe('2026-03-05T14:30:00+11:00');
    expect(localInputToIso('2026-06-05T13:30', SYDNEY)).toBe('2026-06-05T13:30:00+10:00');
    expect(localInputToIso('2026-03-05T14:30', 'UTC')).toBe('2026-03-05T14:30:00Z');
    expect(new Date(localInputToIso('2026-03-05T14:30', SYDNEY)!).toISOString()).toBe(
      '2026-03-05T03:30:00.000Z',
    );
  });

  it('round-trip: an instant shown and read back is the same minute', () => {
    for (const iso of ['2026-01-01T00:00:00.000Z', '2026-04-04T15:59:00.000Z', '2026-10-03T16:30:00.000Z']) {
      expect(new Date(localInputToIso(isoToLocalInput(iso, SYDNEY), SYDNEY)!).toISOString()).toBe(iso);
    }
  });

  it('settle daylight-saving edges: a repeated time is its first occurrence, a skipped time moves on', () => {
    // Sydney clocks go back at 03:00 on 5 April 2026 (02:30 happens twice) and forward at 02:00 on
    // 4 October 2026 (02:30 never happens).
    expect(localInputToIso('2026-04-05T02:30', SYDNEY)).toBe('2026-04-05T02:30:00+11:00');
    expect(localInputToIso('2026-10-04T02:30', SYDNEY)).toBe('2026-10-04T03:30:00+11:00');
  });

  it('refuse what is not a date and time', () => {
    expect(localInputToIso('', SYDNEY)).toBeNull();
    expect(localInputToIso('2026-02-30T10:00', SYDNEY)).toBeNull();
    expect(localInputToIso('2026-03-05 14:30', SYDNEY)).toBeNull();
    expect(localInputToIso('2026-03-05T14:30', 'Mars/Olympus')).toBeNull();
    expect(isoToLocalInput('not a time', SYDNEY)).toBe('');
  });
});
