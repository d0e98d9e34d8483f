import { describe, expect, it } from 'vitest';
import {
  australianNationalHolidays,
  easterSunday,
  standardAustralianCalendar,
  validateCalendar,
  SHIPPED_HOLIDAY_YEARS,
} from './index.js';

describe('easterSunday', () => {
  it('matches published Easter dates', () => {
    const published: [number, number, number][] = [
      [1818, 3, 22], // earliest possible date
      [1943, 4, 25], // latest possible date
      [2000, 4, 23],
      [2019, 4, 21],
      [2024, 3, 31],
      [2025, 4, 20],
      [2026, 4, 5],
      [2027, 3, 28],
      [2028, 4, 16],
      [2038, 4, 25],
      [2285, 3, 22],
    ];
    for (const [year, month, day] of published) expect(easterSunday(year)).toEqual({ month, day });
  });

  it('always falls on a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2200; year++) {
      const { month, day } = easterSunday(year);
      const date = new Date(Date.UTC(year, month - 1, day));
      expect(date.getUTCDay()).toBe(0);
      expect(date.getTime()).toBeGreaterThanOrEqual(Date.UTC(year, 2, 22));
      expect(date.getTime()).toBeLessThanOrEqual(Date.UTC(year, 3, 25));
    }
  });
});

describe('australianNationalHolidays', () => {
  it('2026', () => {
    expect(australianNationalHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-01-26', name: 'Australia Day' },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2026-04-25', name: 'Anzac Day' },
      { date: '2026-06-08', name: "King's Birthday" },
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: 'Boxing Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute)' },
    ]);
  });

  it('2027', () => {
    expect(australianNationalHolidays(2027)).toEqual([
      { date: '2027-01-01', name: "New Year's Day" },
      { date: '2027-01-26', name: 'Australia Day' },
      { date: '2027-03-26', name: 'Good Friday' },
      { date: '2027-03-29', name: 'Easter Monday' },
      { date: '2027-04-25', name: 'Anzac Day' },
      { date: '2027-06-14', name: "King's Birthday" },
      { date: '2027-12-25', name: 'Christmas Day' },
      { date: '2027-12-26', name: 'Boxing Day' },
      { date: '2027-12-27', name: 'Christmas Day (substitute)' },
      { date: '2027-12-28', name: 'Boxing Day (substitute)' },
    ]);
  });

  it('moves weekend New Year and Australia Days to Monday, and substitutes Christmas on a Sunday', () => {
    const y2022 = australianNationalHolidays(2022); // 1 January Saturday, 25 December Sunday
    expect(y2022).toContainEqual({ date: '2022-01-03', name: "New Year's Day (substitute)" });
    expect(y2022).toContainEqual({ date: '2022-12-27', name: 'Christmas Day (substitute)' });
    expect(y2022.filter((h) => h.date === '2022-12-26')).toEqual([
      { date: '2022-12-26', name: 'Boxing Day' },
    ]);
    expect(australianNationalHolidays(2025)).toContainEqual({
      date: '2025-01-27',
      name: 'Australia Day (substitute)',
    });
  });
});

describe('standardAustralianCalendar', () => {
  it('is Monday–Friday 09:00–17:00 in Sydney with the shipped years of holidays, and valid', () => {
    const cal = standardAustralianCalendar();
    expect(SHIPPED_HOLIDAY_YEARS).toEqual([2026, 2027]);
    expect(cal.timeZone).toBe('Australia/Sydney');
    expect(cal.weekly[1]).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(cal.weekly[6]).toBeUndefined();
    expect(cal.holidays).toHaveLength(19);
    expect(validateCalendar(cal)).toEqual([]);
  });

  it('takes a range of years', () => {
    const cal = standardAustralianCalendar({ fromYear: 2028, toYear: 2030 });
    expect(new Set(cal.holidays.map((h) => h.date.slice(0, 4)))).toEqual(new Set(['2028', '2029', '2030']));
    expect(() => standardAustralianCalendar({ fromYear: 2030, toYear: 2028 })).toThrow(RangeError);
  });
});
