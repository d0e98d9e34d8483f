import {
  DAY_MS,
  instantToLocal,
  isKnownTimeZone,
  isoWeekdayOf,
  localDayOf,
  localToInstant,
  parseLocalDate,
} from './time-zone.js';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * A daily working interval in local wall-clock time, 'HH:mm' (end may be '24:00').
 * When end <= start the interval runs past midnight and ends on the next day (so '00:00'–'00:00' is 24 h).
 */
export interface WorkingInterval {
  readonly start: string;
  readonly end: string;
}

/** A public holiday: a local date 'YYYY-MM-DD' and a name. */
export interface Holiday {
  readonly date: string;
  readonly name: string;
}

/**
 * A business calendar. Working time is the union of the weekly intervals, each belonging to the local date on
 * which it starts; a holiday removes every interval that starts on its date (an overnight shift that started
 * the evening before still runs into the holiday morning).
 */
export interface BusinessCalendar {
  /** IANA time-zone name, e.g. 'Australia/Sydney'. */
  readonly timeZone: string;
  /** Working intervals per ISO weekday; a missing weekday has no working time. */
  readonly weekly: { readonly [day in IsoWeekday]?: readonly WorkingInterval[] };
  readonly holidays: readonly Holiday[];
}

/** One thing wrong with a calendar, named by its path (e.g. 'weekly.1[0].end'). */
export interface CalendarProblem {
  readonly path: string;
  readonly message: string;
}

/** A concrete working interval [start, end) in UTC instants. */
export interface UtcInterval {
  readonly start: Date;
  readonly end: Date;
}

/** Thrown when a function is given a calendar that validateCalendar rejects; lists every problem. */
export class InvalidCalendarError extends Error {
  readonly problems: readonly CalendarProblem[];
  constructor(problems: readonly CalendarProblem[]) {
    super(`Invalid business calendar: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidCalendarError';
    this.problems = problems;
  }
}

const WEEK_MINUTES = 7 * 1440;
const START_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const END_PATTERN = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

interface MinuteInterval {
  /** Minutes after local midnight of the interval's own date. */
  readonly start: number;
  /** Minutes after that same midnight; > start, at most start + 1440. */
  readonly end: number;
}

interface CompiledCalendar {
  readonly timeZone: string;
  /** Index 1..7 (ISO weekday), intervals sorted by start. */
  readonly week: readonly (readonly MinuteInterval[])[];
  readonly holidays: ReadonlySet<number>;
  /** Consecutive local days without working time after which the calendar cannot have any more. */
  readonly maxIdleDays: number;
}

function parseMinutes(text: unknown, pattern: RegExp): number | null {
  if (typeof text !== 'string') return null;
  const match = pattern.exec(text);
  if (match === null) return null;
  const hours = match[1] ?? match[3];
  const minutes = match[2] ?? match[4];
  return Number(hours) * 60 + Number(minutes);
}

function toMinuteInterval(start: number, end: number): MinuteInterval {
  return { start, end: end > start ? end : end + 1440 };
}

function overlapsOnWeek(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  for (let shift = -WEEK_MINUTES; shift <= WEEK_MINUTES; shift += WEEK_MINUTES) {
    if (a.start < b.end + shift && b.start + shift < a.end) return true;
  }
  return false;
}

/** Every problem with a calendar (empty when valid): bad times, overlapping intervals, unknown zone, bad dates. */
export function validateCalendar(cal: BusinessCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isKnownTimeZone(cal.timeZone)) {
    problems.push({ path: 'timeZone', message: `unknown time zone "${String(cal.timeZone)}"` });
  }
  const placed: { path: string; start: number; end: number }[] = [];
  for (const [key, intervals] of Object.entries(cal.weekly ?? {}) as [string, unknown][]) {
    const weekday = Number(key);
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
      problems.push({ path: `weekly.${key}`, message: 'weekday must be 1 (Monday) to 7 (Sunday)' });
      continue;
    }
    if (!Array.isArray(intervals)) {
      problems.push({ path: `weekly.${key}`, message: 'must be a list of intervals' });
      continue;
    }
    intervals.forEach((raw: unknown, i) => {
      const path = `weekly.${key}[${i}]`;
      const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<WorkingInterval>;
      const start = parseMinutes(item.start, START_PATTERN);
      const end = parseMinutes(item.end, END_PATTERN);
      if (start === null)
        problems.push({ path: `${path}.start`, message: 'must be a time HH:mm from 00:00 to 23:59' });
      if (end === null)
        problems.push({ path: `${path}.end`, message: 'must be a time HH:mm from 00:00 to 24:00' });
      if (start === null || end === null) return;
      const m = toMinuteInterval(start, end);
      const offset = (weekday - 1) * 1440;
      placed.push({ path, start: offset + m.start, end: offset + m.end });
    });
  }
  // Overlaps are checked on the weekly cycle, so Sunday's overnight shift meets Monday morning.
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i];
      const b = placed[j];
      if (a === undefined || b === undefined) continue;
      if (overlapsOnWeek(a, b)) problems.push({ path: b.path, message: `overlaps ${a.path}` });
    }
  }
  if (placed.length === 0 && !problems.some((p) => p.path.startsWith('weekly'))) {
    problems.push({ path: 'weekly', message: 'the calendar has no working time' });
  }
  if (!Array.isArray(cal.holidays)) {
    problems.push({ path: 'holidays', message: 'must be a list of holidays' });
  } else {
    cal.holidays.forEach((holiday: Partial<Holiday> | null, i) => {
      if (typeof holiday?.date !== 'string' || parseLocalDate(holiday.date) === null) {
        problems.push({ path: `holidays[${i}].date`, message: 'must be a real date YYYY-MM-DD' });
      }
      if (typeof holiday?.name !== 'string' || holiday.name.trim() === '') {
        problems.push({ path: `holidays[${i}].name`, message: 'must not be empty' });
      }
    });
  }
  return problems;
}

// A deadline evaluation compiles its calendar several times, and a busy server evaluates many: compiled
// calendars are kept per object, checked against the calendar's content each time, so a caller that edits
// the object later gets a fresh compilation, never a stale one.
const compiled = new WeakMap<
  BusinessCalendar,
  { key: string; value: CompiledCalendar | CalendarProblem[] }
>();

function cached(cal: BusinessCalendar): CompiledCalendar | CalendarProblem[] {
  const key = JSON.stringify(cal);
  const hit = compiled.get(cal);
  if (hit && hit.key === key) return hit.value;
  const problems = validateCalendar(cal);
  const value = problems.length > 0 ? problems : compileValid(cal);
  compiled.set(cal, { key, value });
  return value;
}

/** The calendar's problems (none when it is valid), from the per-object cache. */
export function calendarProblems(cal: BusinessCalendar): CalendarProblem[] {
  const value = cached(cal);
  return Array.isArray(value) ? value : [];
}

function compile(cal: BusinessCalendar): CompiledCalendar {
  const value = cached(cal);
  if (Array.isArray(value)) throw new InvalidCalendarError(value);
  return value;
}

function compileValid(cal: BusinessCalendar): CompiledCalendar {
  const week: MinuteInterval[][] = [[], [], [], [], [], [], [], []];
  for (const weekday of [1, 2, 3, 4, 5, 6, 7] as const) {
    const list = week[weekday] ?? [];
    for (const interval of cal.weekly[weekday] ?? []) {
      const start = parseMinutes(interval.start, START_PATTERN) ?? 0;
      const end = parseMinutes(interval.end, END_PATTERN) ?? 0;
      list.push(toMinuteInterval(start, end));
    }
    list.sort((a, b) => a.start - b.start);
  }
  const holidays = new Set<number>();
  for (const holiday of cal.holidays) {
    const day = parseLocalDate(holiday.date);
    if (day !== null) holidays.add(day);
  }
  // Any run of holidays.size + 15 days has two of every weekday off the holiday list; a daylight-saving jump
  // can empty an interval on one date only, so such a run always holds working time.
  return { timeZone: cal.timeZone, week, holidays, maxIdleDays: holidays.size + 15 };
}

/** Working intervals [start, end) (UTC ms) of the intervals that start on local day `day`, in order. */
function dayIntervals(c: CompiledCalendar, day: number): [number, number][] {
  if (c.holidays.has(day)) return [];
  const result: [number, number][] = [];
  const midnight = day * DAY_MS;
  for (const m of c.week[isoWeekdayOf(day)] ?? []) {
    const start = localToInstant(c.timeZone, midnight + m.start * 60_000);
    const end = localToInstant(c.timeZone, midnight + m.end * 60_000);
    // An interval that lies wholly inside a skipped (daylight-saving) hour has no time at all.
    if (end > start) result.push([start, end]);
  }
  return result;
}

/**
 * Working intervals in time order, beginning with those of the local day before `ts` (whose overnight
 * shifts may still be running). Intervals are disjoint; adjacent ones are not merged. Never ends.
 */
function* intervalsFrom(c: CompiledCalendar, ts: number): Generator<[number, number], never> {
  let day = localDayOf(c.timeZone, ts) - 1;
  let idle = 0;
  for (;;) {
    const list = dayIntervals(c, day);
    if (list.length === 0) {
      idle += 1;
      if (idle > c.maxIdleDays) throw new Error('The calendar has no working time');
    } else {
      idle = 0;
      yield* list;
    }
    day += 1;
  }
}

function instantMs(at: Date, name: string): number {
  const ms = at instanceof Date ? at.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

/**
 * The earliest instant at which `ms` of working time has elapsed since `start`: counting begins at the first
 * working moment at or after `start`. For ms > 0 the result is a working instant or the end of a working
 * interval (Friday 17:00, not Monday 09:00). ms = 0 returns `start` itself (use nextWorkingInstant for the
 * first working moment), so businessTimeBetween(start, addBusinessTime(start, d)) === d for every d >= 0.
 */
export function addBusinessTime(cal: BusinessCalendar, start: Date, ms: number): Date {
  const from = instantMs(start, 'start');
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError('ms must be a non-negative integer');
  if (ms === 0) return new Date(from);
  const c = compile(cal);
  let remaining = ms;
  for (const [s, e] of intervalsFrom(c, from)) {
    if (e <= from) continue;
    const begin = Math.max(s, from);
    const available = e - begin;
    if (remaining <= available) return new Date(begin + remaining);
    remaining -= available;
  }
  throw new Error('unreachable: the interval sequence never ends');
}

/** Working milliseconds in [from, to); 0 when to <= from. */
export function businessTimeBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const a = instantMs(from, 'from');
  const b = instantMs(to, 'to');
  if (b <= a) return 0;
  const c = compile(cal);
  let total = 0;
  for (const [s, e] of intervalsFrom(c, a)) {
    if (s >= b) break;
    if (e <= a) continue;
    total += Math.min(e, b) - Math.max(s, a);
  }
  return total;
}

/** True when `at` lies inside a working interval (intervals are half-open: the end instant is not working). */
export function isWorkingTime(cal: BusinessCalendar, at: Date): boolean {
  const ts = instantMs(at, 'at');
  for (const [s, e] of intervalsFrom(compile(cal), ts)) {
    if (e > ts) return s <= ts;
  }
  return false;
}

/** `at` itself when it is working time, otherwise the start of the next working interval. */
export function nextWorkingInstant(cal: BusinessCalendar, at: Date): Date {
  const ts = instantMs(at, 'at');
  for (const [s, e] of intervalsFrom(compile(cal), ts)) {
    if (e > ts) return new Date(Math.max(s, ts));
  }
  return new Date(ts);
}

/**
 * The concrete working intervals that meet [from, to), clipped to it, with touching intervals merged
 * (e.g. the days of a 24/7 calendar form one interval). Their lengths sum to businessTimeBetween(from, to).
 */
export function workingIntervals(cal: BusinessCalendar, from: Date, to: Date): UtcInterval[] {
  const a = instantMs(from, 'from');
  const b = instantMs(to, 'to');
  if (b <= a) return [];
  const merged: [number, number][] = [];
  for (const [s, e] of intervalsFrom(compile(cal), a)) {
    if (s >= b) break;
    if (e <= a) continue;
    const start = Math.max(s, a);
    const end = Math.min(e, b);
    const last = merged[merged.length - 1];
    if (last !== undefined && last[1] === start) last[1] = end;
    else merged.push([start, end]);
  }
  return merged.map(([s, e]) => ({ start: new Date(s), end: new Date(e) }));
}

/**
 * The same local wall-clock time `days` later (or earlier when negative) in `timeZone`: 23 or 25 real hours
 * per day across a daylight-saving change. A wall time skipped by the clocks going forward becomes the instant
 * they jump (02:30 → 03:00 in Sydney); one repeated when they go back becomes its earlier occurrence.
 * days = 0 returns `start` unchanged.
 */
export function addCalendarDays(timeZone: string, start: Date, days: number): Date {
  const ts = instantMs(start, 'start');
  if (!Number.isSafeInteger(days)) throw new RangeError('days must be an integer');
  if (!isKnownTimeZone(timeZone)) throw new RangeError(`Unknown time zone "${timeZone}"`);
  if (days === 0) return new Date(ts);
  return new Date(localToInstant(timeZone, instantToLocal(timeZone, ts) + days * DAY_MS));
}

/**
 * The end of the `days`-th working day after the local date of `start` ("within n business days": by close
 * of business on that day). A working day is a non-holiday date on which at least one working interval starts;
 * its end is the end of its last interval (the next morning for an overnight shift). The date of `start`
 * itself is never counted, whatever the time of day. days = 0 returns `start` unchanged.
 */
export function addBusinessDays(cal: BusinessCalendar, start: Date, days: number): Date {
  const ts = instantMs(start, 'start');
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError('days must be a non-negative integer');
  if (days === 0) return new Date(ts);
  const c = compile(cal);
  let day = localDayOf(c.timeZone, ts);
  let counted = 0;
  let idle = 0;
  for (;;) {
    day += 1;
    const list = dayIntervals(c, day);
    const last = list[list.length - 1];
    if (last === undefined) {
      idle += 1;
      if (idle > c.maxIdleDays) throw new Error('The calendar has no working time');
      continue;
    }
    idle = 0;
    counted += 1;
    if (counted === days) return new Date(last[1]);
  }
}

/** True when the local date of `at` is a working day: not a holiday, and at least one interval starts on it. */
export function isWorkingDay(cal: BusinessCalendar, at: Date): boolean {
  const c = compile(cal);
  return dayIntervals(c, localDayOf(c.timeZone, instantMs(at, 'at'))).length > 0;
}
