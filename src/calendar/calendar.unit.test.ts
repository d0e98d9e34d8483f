import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessTime,
  addCalendarDays,
  australianNationalHolidays,
  businessTimeBetween,
  InvalidCalendarError,
  isWorkingDay,
  isWorkingTime,
  nextWorkingInstant,
  standardAustralianCalendar,
  validateCalendar,
  workingIntervals,
  type BusinessCalendar,
  type Holiday,
  type IsoWeekday,
  type WorkingInterval,
} from './index.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const SYDNEY = 'Australia/Sydney';
const at = (iso: string): Date => new Date(iso);
const hours = (ms: number): number => ms / HOUR;

function everyDay(intervals: readonly WorkingInterval[]): BusinessCalendar['weekly'] {
  return { 1: intervals, 2: intervals, 3: intervals, 4: intervals, 5: intervals, 6: intervals, 7: intervals };
}
function weekdays(intervals: readonly WorkingInterval[]): BusinessCalendar['weekly'] {
  return { 1: intervals, 2: intervals, 3: intervals, 4: intervals, 5: intervals };
}
const holidays2025to2028: Holiday[] = [2025, 2026, 2027, 2028].flatMap((y) => australianNationalHolidays(y));

function calendarsIn(timeZone: string): Record<string, BusinessCalendar> {
  return {
    'weekdays 09–17': {
      timeZone,
      weekly: weekdays([{ start: '09:00', end: '17:00' }]),
      holidays: holidays2025to2028,
    },
    '24/7': { timeZone, weekly: everyDay([{ start: '00:00', end: '00:00' }]), holidays: [] },
    'split 08–12 + 13–17': {
      timeZone,
      weekly: weekdays([
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ]),
      holidays: holidays2025to2028,
    },
    'overnight 22–06': {
      timeZone,
      weekly: weekdays([{ start: '22:00', end: '06:00' }]),
      holidays: holidays2025to2028,
    },
  };
}
const namedCalendars = [SYDNEY, 'UTC'].flatMap((zone) =>
  Object.entries(calendarsIn(zone)).map(([name, cal]) => ({ name: `${name} (${zone})`, cal })),
);

const standard = standardAustralianCalendar();
const allDaySydney: BusinessCalendar = {
  timeZone: SYDNEY,
  weekly: everyDay([{ start: '00:00', end: '24:00' }]),
  holidays: [],
};
const nineToFiveDaily: BusinessCalendar = {
  timeZone: SYDNEY,
  weekly: everyDay([{ start: '09:00', end: '17:00' }]),
  holidays: [],
};

describe('worked examples on Mon–Fri 09:00–17:00 Australia/Sydney with national holidays', () => {
  it('Friday 16:00 + 2 h = Monday 10:00', () => {
    expect(addBusinessTime(standard, at('2026-11-20T16:00:00+11:00'), 2 * HOUR)).toEqual(
      at('2026-11-23T10:00:00+11:00'),
    );
  });

  it('Friday 17:00 exactly is the end of the day: +8 h is Monday 17:00', () => {
    expect(addBusinessTime(standard, at('2026-11-20T17:00:00+11:00'), 8 * HOUR)).toEqual(
      at('2026-11-23T17:00:00+11:00'),
    );
  });

  it('lands on an interval end rather than the next start: Monday 09:00 + 8 h = Monday 17:00', () => {
    expect(addBusinessTime(standard, at('2026-11-23T09:00:00+11:00'), 8 * HOUR)).toEqual(
      at('2026-11-23T17:00:00+11:00'),
    );
  });

  it('counting from out of hours starts at the next working moment: Saturday + 1 h = Monday 10:00', () => {
    expect(addBusinessTime(standard, at('2026-11-21T12:00:00+11:00'), HOUR)).toEqual(
      at('2026-11-23T10:00:00+11:00'),
    );
  });

  it('ms = 0 returns the start itself, even out of hours', () => {
    const saturday = at('2026-11-21T12:00:00+11:00');
    expect(addBusinessTime(standard, saturday, 0)).toEqual(saturday);
    expect(nextWorkingInstant(standard, saturday)).toEqual(at('2026-11-23T09:00:00+11:00'));
  });

  it('skips the Easter 2026 long weekend (Good Friday 3 April – Easter Monday 6 April), across the DST end', () => {
    // Thursday 16:00 AEDT + 2 h: Friday and Monday are holidays, clocks go back on Sunday 5 April.
    expect(addBusinessTime(standard, at('2026-04-02T16:00:00+11:00'), 2 * HOUR)).toEqual(
      at('2026-04-07T10:00:00+10:00'),
    );
    expect(
      hours(businessTimeBetween(standard, at('2026-04-02T09:00:00+11:00'), at('2026-04-07T17:00:00+10:00'))),
    ).toBe(16);
  });

  it('skips Christmas 2026 (Friday 25, Boxing Day substitute Monday 28 December)', () => {
    expect(addBusinessTime(standard, at('2026-12-24T16:00:00+11:00'), 2 * HOUR)).toEqual(
      at('2026-12-29T10:00:00+11:00'),
    );
    expect(
      hours(businessTimeBetween(standard, at('2026-12-24T09:00:00+11:00'), at('2026-12-31T17:00:00+11:00'))),
    ).toBe(32);
  });

  it('skips Christmas 2027 (substitutes Monday 27 and Tuesday 28 December)', () => {
    expect(addBusinessTime(standard, at('2027-12-24T16:00:00+11:00'), 2 * HOUR)).toEqual(
      at('2027-12-29T10:00:00+11:00'),
    );
  });

  it('Anzac Day 2026 falls on a Saturday and has no national substitute: Monday 27 April is a working day', () => {
    expect(isWorkingTime(standard, at('2026-04-27T10:00:00+10:00'))).toBe(true);
    expect(isWorkingDay(standard, at('2026-04-27T10:00:00+10:00'))).toBe(true);
    expect(isWorkingDay(standard, at('2026-04-06T10:00:00+10:00'))).toBe(false);
  });

  it('intervals are half-open: 09:00 is working time, 17:00 is not', () => {
    expect(isWorkingTime(standard, at('2026-11-23T09:00:00+11:00'))).toBe(true);
    expect(isWorkingTime(standard, at('2026-11-23T16:59:59.999+11:00'))).toBe(true);
    expect(isWorkingTime(standard, at('2026-11-23T17:00:00+11:00'))).toBe(false);
    expect(isWorkingTime(standard, at('2026-11-23T08:59:59.999+11:00'))).toBe(false);
  });

  it('lists the concrete UTC intervals of a week, clipped to the range', () => {
    expect(
      workingIntervals(standard, at('2026-12-23T12:00:00+11:00'), at('2026-12-29T12:00:00+11:00')),
    ).toEqual([
      { start: at('2026-12-23T12:00:00+11:00'), end: at('2026-12-23T17:00:00+11:00') },
      { start: at('2026-12-24T09:00:00+11:00'), end: at('2026-12-24T17:00:00+11:00') },
      { start: at('2026-12-29T09:00:00+11:00'), end: at('2026-12-29T12:00:00+11:00') },
    ]);
  });
});

describe('worked examples on other calendars', () => {
  const { 'split 08–12 + 13–17': split, 'overnight 22–06': overnight } = calendarsIn(SYDNEY);

  it('UTC 09–17: Friday 16:00 + 2 h = Monday 10:00', () => {
    const utc = calendarsIn('UTC')['weekdays 09–17'];
    if (utc === undefined) throw new Error('missing calendar');
    expect(addBusinessTime(utc, at('2026-11-20T16:00:00Z'), 2 * HOUR)).toEqual(at('2026-11-23T10:00:00Z'));
  });

  it('split shift skips lunch: Monday 11:00 + 2 h = 14:00', () => {
    if (split === undefined) throw new Error('missing calendar');
    expect(addBusinessTime(split, at('2026-11-23T11:00:00+11:00'), 2 * HOUR)).toEqual(
      at('2026-11-23T14:00:00+11:00'),
    );
    expect(isWorkingTime(split, at('2026-11-23T12:30:00+11:00'))).toBe(false);
  });

  it('overnight 22:00–06:00: a shift belongs to the date it starts on', () => {
    if (overnight === undefined) throw new Error('missing calendar');
    // Friday 05:00 is inside Thursday night's shift, which ends 06:00; the next shift starts Friday 22:00.
    expect(addBusinessTime(overnight, at('2026-11-20T05:00:00+11:00'), 2 * HOUR)).toEqual(
      at('2026-11-20T23:00:00+11:00'),
    );
    // Saturday 05:00 is inside Friday night's shift: + 1 h is its end, Saturday 06:00.
    expect(addBusinessTime(overnight, at('2026-11-21T05:00:00+11:00'), HOUR)).toEqual(
      at('2026-11-21T06:00:00+11:00'),
    );
    // No shift starts on Saturday or Sunday: the next begins Monday 22:00.
    expect(addBusinessTime(overnight, at('2026-11-21T07:00:00+11:00'), HOUR)).toEqual(
      at('2026-11-23T23:00:00+11:00'),
    );
    expect(
      hours(businessTimeBetween(overnight, at('2026-11-23T00:00:00+11:00'), at('2026-11-30T00:00:00+11:00'))),
    ).toBe(40);
  });

  it('overnight 22:00–06:00 over Christmas 2026: the Christmas Eve shift runs into Christmas morning', () => {
    if (overnight === undefined) throw new Error('missing calendar');
    expect(isWorkingTime(overnight, at('2026-12-25T03:00:00+11:00'))).toBe(true);
    expect(isWorkingTime(overnight, at('2026-12-25T23:00:00+11:00'))).toBe(false);
    // 7 h to the end of Thursday's shift; Friday 25 and Monday 28 are holidays, so the last hour is Tuesday 29.
    expect(addBusinessTime(overnight, at('2026-12-24T23:00:00+11:00'), 8 * HOUR)).toEqual(
      at('2026-12-29T23:00:00+11:00'),
    );
  });
});

describe('daylight saving in Australia/Sydney', () => {
  it('a 00:00–24:00 day has 25 h on 5 April 2026 (clocks back) and 23 h on 4 October 2026 (clocks forward)', () => {
    expect(
      hours(
        businessTimeBetween(allDaySydney, at('2026-04-05T00:00:00+11:00'), at('2026-04-06T00:00:00+10:00')),
      ),
    ).toBe(25);
    expect(
      hours(
        businessTimeBetween(allDaySydney, at('2026-10-04T00:00:00+10:00'), at('2026-10-05T00:00:00+11:00')),
      ),
    ).toBe(23);
    expect(
      hours(
        businessTimeBetween(allDaySydney, at('2026-10-05T00:00:00+11:00'), at('2026-10-06T00:00:00+11:00')),
      ),
    ).toBe(24);
  });

  it('a 09:00–17:00 day has 8 h on both change days', () => {
    for (const [from, to] of [
      ['2026-04-05T00:00:00+11:00', '2026-04-06T00:00:00+10:00'],
      ['2026-10-04T00:00:00+10:00', '2026-10-05T00:00:00+11:00'],
    ] as const) {
      expect(hours(businessTimeBetween(nineToFiveDaily, at(from), at(to)))).toBe(8);
    }
    expect(
      workingIntervals(nineToFiveDaily, at('2026-10-04T00:00:00+10:00'), at('2026-10-05T00:00:00+11:00')),
    ).toEqual([{ start: at('2026-10-04T09:00:00+11:00'), end: at('2026-10-04T17:00:00+11:00') }]);
  });

  it('24/7: Saturday 3 October 12:00 + 24 h of business time = Sunday 13:00 (real time, not wall time)', () => {
    expect(addBusinessTime(allDaySydney, at('2026-10-03T12:00:00+10:00'), 24 * HOUR)).toEqual(
      at('2026-10-04T13:00:00+11:00'),
    );
    expect(workingIntervals(allDaySydney, at('2026-10-01T00:00:00Z'), at('2026-10-09T00:00:00Z'))).toEqual([
      { start: at('2026-10-01T00:00:00Z'), end: at('2026-10-09T00:00:00Z') },
    ]);
  });

  it('intervals inside the skipped hour (02:00–03:00 on 4 October 2026) are shortened or vanish', () => {
    const sundays = (interval: WorkingInterval): BusinessCalendar => ({
      timeZone: SYDNEY,
      weekly: { 7: [interval] },
      holidays: [],
    });
    const changeDay = [at('2026-10-04T00:00:00+10:00'), at('2026-10-05T00:00:00+11:00')] as const;
    const ordinaryDay = [at('2026-10-11T00:00:00+11:00'), at('2026-10-12T00:00:00+11:00')] as const;
    const half = sundays({ start: '01:30', end: '02:30' });
    expect(businessTimeBetween(half, ...ordinaryDay)).toBe(HOUR);
    expect(businessTimeBetween(half, ...changeDay)).toBe(30 * MINUTE);
    expect(workingIntervals(half, ...changeDay)).toEqual([
      { start: at('2026-10-04T01:30:00+10:00'), end: at('2026-10-04T03:00:00+11:00') },
    ]);
    const inside = sundays({ start: '02:15', end: '02:45' });
    expect(businessTimeBetween(inside, ...ordinaryDay)).toBe(30 * MINUTE);
    expect(businessTimeBetween(inside, ...changeDay)).toBe(0);
    expect(isWorkingDay(inside, changeDay[0])).toBe(false);
    const whole = sundays({ start: '02:00', end: '03:00' });
    expect(businessTimeBetween(whole, ...changeDay)).toBe(0);
    const across = sundays({ start: '02:30', end: '04:00' });
    expect(businessTimeBetween(across, ...changeDay)).toBe(HOUR);
  });

  it('an interval in the repeated hour (02:00–03:00 on 5 April 2026) covers both passes of the clock', () => {
    const cal: BusinessCalendar = {
      timeZone: SYDNEY,
      weekly: { 7: [{ start: '02:00', end: '03:00' }] },
      holidays: [],
    };
    expect(workingIntervals(cal, at('2026-04-05T00:00:00+11:00'), at('2026-04-06T00:00:00+10:00'))).toEqual([
      { start: at('2026-04-05T02:00:00+11:00'), end: at('2026-04-05T03:00:00+10:00') },
    ]);
  });

  it('overnight shifts over the change nights: 9 h on 4–5 April, 7 h on 3–4 October', () => {
    const nights: BusinessCalendar = {
      timeZone: SYDNEY,
      weekly: everyDay([{ start: '22:00', end: '06:00' }]),
      holidays: [],
    };
    expect(
      hours(businessTimeBetween(nights, at('2026-04-04T12:00:00+11:00'), at('2026-04-05T12:00:00+10:00'))),
    ).toBe(9);
    expect(
      hours(businessTimeBetween(nights, at('2026-10-03T12:00:00+10:00'), at('2026-10-04T12:00:00+11:00'))),
    ).toBe(7);
  });

  it('addCalendarDays keeps the wall-clock time: 23 or 25 real hours across the change', () => {
    expect(addCalendarDays(SYDNEY, at('2026-10-03T12:00:00+10:00'), 1)).toEqual(
      at('2026-10-04T12:00:00+11:00'),
    );
    expect(addCalendarDays(SYDNEY, at('2026-04-04T12:00:00+11:00'), 1)).toEqual(
      at('2026-04-05T12:00:00+10:00'),
    );
    expect(addCalendarDays(SYDNEY, at('2026-04-05T12:00:00+10:00'), -1)).toEqual(
      at('2026-04-04T12:00:00+11:00'),
    );
    expect(addCalendarDays(SYDNEY, at('2026-11-23T10:00:00+11:00'), 30)).toEqual(
      at('2026-12-23T10:00:00+11:00'),
    );
    expect(addCalendarDays('UTC', at('2026-10-03T12:00:00Z'), 1)).toEqual(at('2026-10-04T12:00:00Z'));
  });

  it('addCalendarDays: a skipped wall time becomes the jump, a repeated one its earlier pass', () => {
    expect(addCalendarDays(SYDNEY, at('2026-10-03T02:30:00+10:00'), 1)).toEqual(
      at('2026-10-04T03:00:00+11:00'),
    );
    expect(addCalendarDays(SYDNEY, at('2026-04-04T02:30:00+11:00'), 1)).toEqual(
      at('2026-04-05T02:30:00+11:00'),
    );
    const secondPass = at('2026-04-05T02:30:00+10:00');
    expect(addCalendarDays(SYDNEY, secondPass, 0)).toEqual(secondPass);
  });
});

describe('business days', () => {
  it('counts working days after the start date and ends at close of business', () => {
    // Thursday before Easter: Good Friday and Easter Monday are skipped, the first working day is Tuesday.
    expect(addBusinessDays(standard, at('2026-04-02T10:00:00+11:00'), 1)).toEqual(
      at('2026-04-07T17:00:00+10:00'),
    );
    expect(addBusinessDays(standard, at('2026-12-24T10:00:00+11:00'), 1)).toEqual(
      at('2026-12-29T17:00:00+11:00'),
    );
    expect(addBusinessDays(standard, at('2026-11-23T10:00:00+11:00'), 5)).toEqual(
      at('2026-11-30T17:00:00+11:00'),
    );
    // Received on Saturday: Monday is the first working day.
    expect(addBusinessDays(standard, at('2026-11-21T10:00:00+11:00'), 1)).toEqual(
      at('2026-11-23T17:00:00+11:00'),
    );
    // Received after hours on Friday: still counts from Friday's date.
    expect(addBusinessDays(standard, at('2026-11-20T20:00:00+11:00'), 1)).toEqual(
      at('2026-11-23T17:00:00+11:00'),
    );
    expect(addBusinessDays(standard, at('2026-11-20T20:00:00+11:00'), 0)).toEqual(
      at('2026-11-20T20:00:00+11:00'),
    );
  });

  it('an overnight working day ends the next morning', () => {
    const overnight = calendarsIn(SYDNEY)['overnight 22–06'];
    if (overnight === undefined) throw new Error('missing calendar');
    expect(addBusinessDays(overnight, at('2026-11-19T12:00:00+11:00'), 1)).toEqual(
      at('2026-11-21T06:00:00+11:00'),
    );
  });
});

describe('validation', () => {
  it('accepts the shipped calendar and the test calendars', () => {
    expect(validateCalendar(standard)).toEqual([]);
    for (const { cal } of namedCalendars) expect(validateCalendar(cal)).toEqual([]);
  });

  it('lists every problem at once', () => {
    const cal = {
      timeZone: 'Australia/Gotham',
      weekly: {
        1: [
          { start: '9:00', end: '17:00' },
          { start: '22:00', end: '06:00' },
          { start: '00:30', end: '02:00' },
        ],
        2: [
          { start: '05:00', end: '09:00' },
          { start: '24:00', end: '24:30' },
        ],
        3: [
          { start: '09:00', end: '13:00' },
          { start: '12:00', end: '17:00' },
        ],
        7: [{ start: '23:00', end: '01:00' }],
        8: [{ start: '09:00', end: '17:00' }],
      },
      holidays: [
        { date: '2026-02-30', name: 'Not a day' },
        { date: '2026-03-01', name: ' ' },
      ],
    } as unknown as BusinessCalendar;
    expect(validateCalendar(cal).map((p) => p.path)).toEqual([
      'timeZone',
      'weekly.1[0].start',
      'weekly.2[1].start',
      'weekly.2[1].end',
      'weekly.8',
      'weekly.2[0]',
      'weekly.7[0]',
      'weekly.3[1]',
      'holidays[0].date',
      'holidays[1].name',
    ]);
    expect(validateCalendar(cal).find((p) => p.path === 'weekly.7[0]')?.message).toBe('overlaps weekly.1[2]');
  });

  it('rejects a calendar without working time', () => {
    expect(validateCalendar({ timeZone: 'UTC', weekly: {}, holidays: [] })).toEqual([
      { path: 'weekly', message: 'the calendar has no working time' },
    ]);
  });

  it('functions throw InvalidCalendarError with the problems', () => {
    const bad: BusinessCalendar = { timeZone: 'Nowhere/Special', weekly: {}, holidays: [] };
    expect(() => addBusinessTime(bad, at('2026-11-23T00:00:00Z'), HOUR)).toThrow(InvalidCalendarError);
    try {
      businessTimeBetween(bad, at('2026-11-23T00:00:00Z'), at('2026-11-24T00:00:00Z'));
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidCalendarError);
      expect((error as InvalidCalendarError).problems.map((p) => p.path)).toEqual(['timeZone', 'weekly']);
    }
  });

  it('rejects bad arguments', () => {
    expect(() => addBusinessTime(standard, at('2026-11-23T00:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessTime(standard, at('2026-11-23T00:00:00Z'), 1.5)).toThrow(RangeError);
    expect(() => addBusinessTime(standard, new Date(Number.NaN), 1)).toThrow(RangeError);
    expect(() => addCalendarDays('Nowhere/Special', at('2026-11-23T00:00:00Z'), 1)).toThrow(RangeError);
    expect(businessTimeBetween(standard, at('2026-11-24T00:00:00Z'), at('2026-11-23T00:00:00Z'))).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties

const RANGE_START = Date.UTC(2025, 0, 1);
const RANGE_END = Date.UTC(2028, 11, 31);
const instant = fc.integer({ min: RANGE_START, max: RANGE_END });
/** Instants on a 15-minute grid land on interval boundaries (and DST changes) often. */
const gridInstant = fc
  .integer({ min: RANGE_START / (15 * MINUTE), max: RANGE_END / (15 * MINUTE) })
  .map((q) => q * 15 * MINUTE);
const anyInstant = fc.oneof(instant, gridInstant);
const businessDuration = fc.oneof(
  fc.integer({ min: 0, max: 60 * DAY }),
  fc.integer({ min: 0, max: 60 * 24 * 4 }).map((q) => q * 15 * MINUTE),
);
const namedCalendar = fc.constantFrom(...namedCalendars);

/** Random valid calendars: up to two intervals a day at any minute (so some fall in DST gaps), some holidays. */
const randomCalendar: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: fc.constantFrom(SYDNEY, 'UTC', 'America/New_York', 'Europe/London'),
    days: fc.array(
      fc.array(
        fc.record({ start: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 1, max: 1440 }) }),
        {
          maxLength: 2,
        },
      ),
      { minLength: 7, maxLength: 7 },
    ),
    holidays: fc.array(fc.integer({ min: RANGE_START / DAY, max: RANGE_END / DAY }), { maxLength: 30 }),
  })
  .map(({ timeZone, days, holidays }) => {
    const hhmm = (minutes: number): string =>
      `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const weekly: { [day in IsoWeekday]?: WorkingInterval[] } = {};
    days.forEach((intervals, i) => {
      weekly[(i + 1) as IsoWeekday] = intervals.map(({ start, length }) => ({
        start: hhmm(start),
        end: hhmm((start + length) % 1440),
      }));
    });
    return {
      timeZone,
      weekly,
      holidays: holidays.map((d) => ({
        date: new Date(d * DAY).toISOString().slice(0, 10),
        name: 'Holiday',
      })),
      weeklyMinutes: days.flat().reduce((sum, i) => sum + i.length, 0),
    };
  })
  .filter((c) => c.weeklyMinutes >= 600 && validateCalendar(c).length === 0)
  .map(({ timeZone, weekly, holidays }) => ({ timeZone, weekly, holidays }));

describe('properties', () => {
  it('add then measure agrees, and add gives the earliest such instant', () => {
    fc.assert(
      fc.property(namedCalendar, anyInstant, businessDuration, ({ cal }, start, ms) => {
        const end = addBusinessTime(cal, new Date(start), ms);
        expect(businessTimeBetween(cal, new Date(start), end)).toBe(ms);
        if (ms > 0)
          expect(businessTimeBetween(cal, new Date(start), new Date(end.getTime() - 1))).toBe(ms - 1);
        else expect(end.getTime()).toBe(start);
      }),
      { numRuns: 400 },
    );
  });

  it('add then measure agrees on random calendars in several time zones', () => {
    fc.assert(
      fc.property(randomCalendar, anyInstant, fc.integer({ min: 0, max: 200 * HOUR }), (cal, start, ms) => {
        const end = addBusinessTime(cal, new Date(start), ms);
        expect(businessTimeBetween(cal, new Date(start), end)).toBe(ms);
        if (ms > 0)
          expect(businessTimeBetween(cal, new Date(start), new Date(end.getTime() - 1))).toBe(ms - 1);
      }),
      { numRuns: 200 },
    );
  });

  it('measure is additive: between(a, b) + between(b, c) = between(a, c)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          namedCalendar.map(({ cal }) => cal),
          randomCalendar,
        ),
        fc.array(anyInstant, { minLength: 3, maxLength: 3 }).map((xs) => xs.sort((x, y) => x - y)),
        (cal, [a = 0, b = 0, c = 0]) => {
          // Keep spans to about 90 days so the run stays fast.
          const [da, db, dc] = [a, Math.min(b, a + 45 * DAY), Math.min(c, a + 90 * DAY)].map(
            (x) => new Date(x),
          );
          if (da === undefined || db === undefined || dc === undefined) return;
          expect(businessTimeBetween(cal, da, db) + businessTimeBetween(cal, db, dc)).toBe(
            businessTimeBetween(cal, da, dc),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('add is strictly monotonic in ms', () => {
    fc.assert(
      fc.property(namedCalendar, anyInstant, businessDuration, businessDuration, ({ cal }, start, x, y) => {
        fc.pre(x !== y);
        const [small, large] = x < y ? [x, y] : [y, x];
        expect(addBusinessTime(cal, new Date(start), small).getTime()).toBeLessThan(
          addBusinessTime(cal, new Date(start), large).getTime(),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('for ms > 0 the result is a working instant or the end of a working interval', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          namedCalendar.map(({ cal }) => cal),
          randomCalendar,
        ),
        anyInstant,
        fc.integer({ min: 1, max: 100 * HOUR }),
        (cal, start, ms) => {
          const end = addBusinessTime(cal, new Date(start), ms);
          const isEnd = !isWorkingTime(cal, end) && isWorkingTime(cal, new Date(end.getTime() - 1));
          expect(isWorkingTime(cal, end) || isEnd).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('working intervals are ordered, disjoint, merged, and sum to the measured time', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          namedCalendar.map(({ cal }) => cal),
          randomCalendar,
        ),
        anyInstant,
        fc.integer({ min: 0, max: 14 * DAY }),
        (cal, from, span) => {
          const [a, b] = [new Date(from), new Date(from + span)];
          const list = workingIntervals(cal, a, b);
          let previousEnd = Number.NEGATIVE_INFINITY;
          let total = 0;
          for (const { start, end } of list) {
            expect(start.getTime()).toBeGreaterThan(previousEnd);
            expect(end.getTime()).toBeGreaterThan(start.getTime());
            expect(isWorkingTime(cal, start)).toBe(true);
            expect(isWorkingTime(cal, new Date(end.getTime() - 1))).toBe(true);
            if (end.getTime() < b.getTime()) expect(isWorkingTime(cal, end)).toBe(false);
            previousEnd = end.getTime();
            total += end.getTime() - start.getTime();
          }
          expect(total).toBe(businessTimeBetween(cal, a, b));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('nextWorkingInstant is working time with no working time before it', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          namedCalendar.map(({ cal }) => cal),
          randomCalendar,
        ),
        anyInstant,
        (cal, t) => {
          const next = nextWorkingInstant(cal, new Date(t));
          expect(isWorkingTime(cal, next)).toBe(true);
          expect(businessTimeBetween(cal, new Date(t), next)).toBe(0);
          expect(next.getTime() === t).toBe(isWorkingTime(cal, new Date(t)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('addCalendarDays keeps the local wall-clock time, or lands on a clock jump when that time is skipped', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(SYDNEY, 'UTC', 'America/New_York'),
        anyInstant,
        fc.integer({ min: -400, max: 400 }),
        (zone, start, days) => {
          const result = addCalendarDays(zone, new Date(start), days);
          const format = "yyyy-MM-dd'T'HH:mm:ss.SSS";
          const wanted = DateTime.fromFormat(DateTime.fromMillis(start, { zone }).toFormat(format), format, {
            zone: 'UTC',
          })
            .plus({ days })
            .toFormat(format);
          const got = DateTime.fromJSDate(result, { zone }).toFormat(format);
          if (got !== wanted) {
            // Only allowed when the wanted wall time does not exist: the result is the instant the clocks jump.
            const before = DateTime.fromMillis(result.getTime() - 1, { zone }).offset;
            expect(DateTime.fromJSDate(result, { zone }).offset).toBeGreaterThan(before);
            expect(days).not.toBe(0);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('addBusinessDays ends at the end of a working interval on a working day', () => {
    fc.assert(
      fc.property(namedCalendar, anyInstant, fc.integer({ min: 1, max: 40 }), ({ cal }, start, days) => {
        const end = addBusinessDays(cal, new Date(start), days);
        expect(isWorkingTime(cal, end)).toBe(cal.weekly[1]?.[0]?.start === '00:00');
        expect(isWorkingTime(cal, new Date(end.getTime() - 1))).toBe(true);
        expect(end.getTime()).toBeGreaterThan(start);
        expect(addBusinessDays(cal, new Date(start), days + 1).getTime()).toBeGreaterThan(end.getTime());
      }),
      { numRuns: 200 },
    );
  });
});

describe('compiled calendars are reused but never stale', () => {
  it('sees an edit made to the same calendar object after it was used', () => {
    const cal = standardAustralianCalendar();
    const monday9 = new Date('2026-11-23T09:00:00+11:00');
    expect(isWorkingTime(cal, monday9)).toBe(true);
    // A caller that edits its calendar object in place (the types say not to, JavaScript allows it).
    (cal.holidays as Holiday[]).push({ date: '2026-11-23', name: 'A new holiday' });
    expect(isWorkingTime(cal, monday9)).toBe(false);
    (cal.weekly as Record<number, WorkingInterval[]>)[1] = [{ start: '08:00', end: 'late' }];
    expect(() => isWorkingTime(cal, monday9)).toThrow(InvalidCalendarError);
  });
});
