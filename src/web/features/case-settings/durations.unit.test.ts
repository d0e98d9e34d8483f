import { describe, expect, it } from 'vitest';
import {
  fieldsToTarget,
  formatMinutes,
  formatTarget,
  joinMinutes,
  splitMinutes,
  targetProblem,
  targetToFields,
} from './durations.js';

describe('working minutes shown as hours and minutes', () => {
  it('splits and joins', () => {
    expect(splitMinutes(150)).toEqual({ hours: 2, minutes: 30 });
    expect(splitMinutes(59)).toEqual({ hours: 0, minutes: 59 });
    expect(splitMinutes(480)).toEqual({ hours: 8, minutes: 0 });
    expect(joinMinutes(2, 30)).toBe(150);
    expect(joinMinutes('', '45')).toBe(45);
    expect(joinMinutes('8', '')).toBe(480);
    for (const m of [1, 59, 60, 61, 479, 480, 2400, 525_600]) {
      const { hours, minutes } = splitMinutes(m);
      expect(joinMinutes(hours, minutes)).toBe(m);
    }
  });

  it('formats', () => {
    expect(formatMinutes(150)).toBe('2 h 30 min');
    expect(formatMinutes(480)).toBe('8 h');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatTarget({ kind: 'businessTime', value: 960 })).toBe('16 h working time');
    expect(formatTarget({ kind: 'calendarDays', value: 1 })).toBe('1 calendar day');
    expect(formatTarget({ kind: 'calendarDays', value: 28 })).toBe('28 calendar days');
  });

  it('round-trips a target through the editor fields', () => {
    const working = { kind: 'businessTime' as const, value: 135 };
    expect(targetToFields(working)).toMatchObject({ kind: 'businessTime', hours: 2, minutes: 15 });
    expect(fieldsToTarget(targetToFields(working))).toEqual(working);
    const days = { kind: 'calendarDays' as const, value: 10 };
    expect(fieldsToTarget(targetToFields(days))).toEqual(days);
    // Switching kind keeps the other fields but saves only the chosen one.
    expect(fieldsToTarget({ kind: 'calendarDays', hours: 4, minutes: 0, days: 3 })).toEqual({
      kind: 'calendarDays',
      value: 3,
    });
  });

  it('names what is wrong with a target', () => {
    expect(targetProblem({ kind: 'businessTime', hours: 0, minutes: 0, days: '' })).toMatch(
      /at least 1 minute/,
    );
    expect(targetProblem({ kind: 'businessTime', hours: 1, minutes: 60, days: '' })).toMatch(/0 to 59/);
    expect(targetProblem({ kind: 'businessTime', hours: 1.5, minutes: 0, days: '' })).toMatch(/whole number/);
    expect(targetProblem({ kind: 'businessTime', hours: 9000, minutes: 0, days: '' })).toMatch(/At most/);
    expect(targetProblem({ kind: 'businessTime', hours: '', minutes: 30, days: '' })).toBeNull();
    expect(targetProblem({ kind: 'calendarDays', hours: '', minutes: '', days: 0 })).toMatch(/at least 1/);
    expect(targetProblem({ kind: 'calendarDays', hours: '', minutes: '', days: '' })).toMatch(/at least 1/);
    expect(targetProblem({ kind: 'calendarDays', hours: '', minutes: '', days: 5 })).toBeNull();
  });
});
