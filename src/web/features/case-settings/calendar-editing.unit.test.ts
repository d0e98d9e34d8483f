import { describe, expect, it } from 'vitest';
import {
  calendarErrorKey,
  copyDay,
  describeCalendarProblem,
  describeErrorKey,
  holidayProblem,
  intervalMinutes,
  mergeHolidays,
  spansMidnight,
  suggestInterval,
  summariseWeek,
  weeklyFromRecord,
  weeklyMinutes,
} from './calendar-editing.js';

const officeWeek = weeklyFromRecord({
  1: [{ start: '09:00', end: '17:00' }],
  2: [{ start: '09:00', end: '17:00' }],
  3: [{ start: '09:00', end: '17:00' }],
  4: [{ start: '09:00', end: '17:00' }],
  5: [{ start: '09:00', end: '17:00' }],
});

describe('working intervals', () => {
  it('measures intervals, including ones past midnight', () => {
    expect(intervalMinutes({ start: '09:00', end: '17:30' })).toBe(510);
    expect(intervalMinutes({ start: '22:00', end: '06:00' })).toBe(480);
    expect(intervalMinutes({ start: '00:00', end: '00:00' })).toBe(1440);
    expect(intervalMinutes({ start: '18:00', end: '24:00' })).toBe(360);
    expect(intervalMinutes({ start: 'nine', end: '17:00' })).toBe(0);
    expect(spansMidnight({ start: '22:00', end: '06:00' })).toBe(true);
    expect(spansMidnight({ start: '09:00', end: '17:00' })).toBe(false);
    expect(spansMidnight({ start: '18:00', end: '24:00' })).toBe(false);
  });

  it('suggests office hours on an empty day, then a later block that may wrap past midnight', () => {
    expect(suggestInterval([])).toEqual({ start: '09:00', end: '17:00' });
    expect(suggestInterval([{ start: '08:00', end: '12:00' }])).toEqual({ start: '13:00', end: '17:00' });
    expect(suggestInterval([{ start: '09:00', end: '21:00' }])).toEqual({ start: '22:00', end: '02:00' });
  });

  it('fills a week from the server record: missing days off, sorted, 24:00 shown as 00:00', () => {
    const week = weeklyFromRecord({
      6: [
        { start: '18:00', end: '24:00' },
        { start: '08:00', end: '12:00' },
      ],
    });
    expect(week['1']).toEqual([]);
    expect(week['6']).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '18:00', end: '00:00' },
    ]);
    expect(weeklyMinutes(week)).toBe(600);
  });

  it('copies a day onto others without sharing objects', () => {
    const week = copyDay(officeWeek, '1', ['6', '7', '1']);
    expect(week['6']).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(week['6'][0]).not.toBe(officeWeek['1'][0]);
    expect(weeklyMinutes(week)).toBe(7 * 480);
    expect(officeWeek['6']).toEqual([]);
  });

  it('summarises the week, grouping consecutive days with the same hours', () => {
    expect(summariseWeek(officeWeek)).toBe('Mon–Fri 09:00–17:00');
    const week = {
      ...officeWeek,
      3: [{ start: '10:00', end: '14:00' }],
      7: [{ start: '22:00', end: '06:00' }],
    };
    expect(summariseWeek(week)).toBe(
      'Mon–Tue 09:00–17:00; Wed 10:00–14:00; Thu–Fri 09:00–17:00; Sun 22:00–06:00',
    );
    expect(summariseWeek(weeklyFromRecord({}))).toBe('No working time');
  });

  it('maps problem paths from the library and the server onto form fields', () => {
    expect(calendarErrorKey('weekly.1[0].end')).toBe('weekly.1.0.end');
    expect(calendarErrorKey('body.weekly.3.1.start')).toBe('weekly.3.1.start');
    expect(calendarErrorKey('holidays[2].date')).toBe('holidays.2.date');
    expect(calendarErrorKey('body.timeZone')).toBe('timeZone');
  });

  it('names the field an error key points at', () => {
    expect(describeErrorKey('weekly.1.1.end')).toBe('Monday hours 2, until');
    expect(describeErrorKey('weekly.6.0')).toBe('Saturday hours 1');
    expect(describeErrorKey('holidays.3.date')).toBe('Holiday 4');
    expect(describeErrorKey('weekly')).toBe('Working hours');
    expect(describeErrorKey('timeZone')).toBe('Time zone');
  });

  it('words problems the way the editor labels rows', () => {
    expect(describeCalendarProblem('overlaps weekly.1[0]')).toBe('Overlaps Monday hours 1');
    expect(describeCalendarProblem('overlaps weekly.7.2')).toBe('Overlaps Sunday hours 3');
    expect(describeCalendarProblem('must be a time HH:mm from 00:00 to 23:59')).toBe(
      'Must be a time HH:mm from 00:00 to 23:59',
    );
  });
});

describe('holidays', () => {
  const list = [
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2026-01-01', name: 'New Year’s Day' },
  ];

  it('merges without duplicates and keeps dates in order', () => {
    const merged = mergeHolidays(list, [
      { date: '2026-12-25', name: 'christmas day' },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-03', name: 'Good Friday' },
    ]);
    expect(merged.added).toBe(1);
    expect(merged.holidays.map((h) => h.date)).toEqual(['2026-01-01', '2026-04-03', '2026-12-25']);
  });

  it('checks a holiday before adding it', () => {
    expect(holidayProblem({ date: '', name: 'Show day' }, list)).toEqual({
      field: 'date',
      message: 'Enter a date',
    });
    expect(holidayProblem({ date: '2026-13-45', name: 'Show day' }, list)?.field).toBe('date');
    expect(holidayProblem({ date: '2026-10-01', name: '  ' }, list)?.field).toBe('name');
    expect(holidayProblem({ date: '2026-12-25', name: 'Christmas day' }, list)?.message).toMatch(/already/);
    expect(holidayProblem({ date: '2026-10-01', name: 'Show day' }, list)).toBeNull();
  });
});
