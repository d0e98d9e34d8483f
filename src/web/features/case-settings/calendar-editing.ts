/** Editing a business calendar's working week and holidays: pure helpers behind the calendar editor. */

export interface Interval {
  start: string;
  end: string;
}

export interface HolidayEntry {
  date: string;
  name: string;
}

export type WeekdayKey = '1' | '2' | '3' | '4' | '5' | '6' | '7';

/** ISO weekdays, Monday first. */
export const WEEKDAYS: { key: WeekdayKey; label: string; short: string }[] = [
  { key: '1', label: 'Monday', short: 'Mon' },
  { key: '2', label: 'Tuesday', short: 'Tue' },
  { key: '3', label: 'Wednesday', short: 'Wed' },
  { key: '4', label: 'Thursday', short: 'Thu' },
  { key: '5', label: 'Friday', short: 'Fri' },
  { key: '6', label: 'Saturday', short: 'Sat' },
  { key: '7', label: 'Sunday', short: 'Sun' },
];

export type Weekly = Record<WeekdayKey, Interval[]>;

const TIME = /^(\d{2}):(\d{2})$/;

/** "09:30" → 570; null for anything that is not HH:mm. "24:00" is 1440. */
export function toMinutes(time: string): number | null {
  const m = TIME.exec(time);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 1440 && Number(m[2]) < 60 ? minutes : null;
}

/** 570 → "09:30"; wraps past midnight. */
export function fromMinutes(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** An interval whose end is at or before its start runs past midnight into the next day. */
export function spansMidnight(interval: Interval): boolean {
  const start = toMinutes(interval.start);
  const end = toMinutes(interval.end);
  return start !== null && end !== null && end <= start && end !== 1440;
}

/** Working minutes in an interval; "00:00"–"00:00" is a whole day, like the calendar library. */
export function intervalMinutes(interval: Interval): number {
  const start = toMinutes(interval.start);
  const end = toMinutes(interval.end);
  if (start === null || end === null) return 0;
  return end > start ? end - start : end + 1440 - start;
}

/**
 * The interval "Add hours" offers: 09:00–17:00 on an empty day, otherwise a four-hour block starting an
 * hour after the day's last interval ends (wrapping past midnight when the day runs late).
 */
export function suggestInterval(existing: Interval[]): Interval {
  const last = existing[existing.length - 1];
  if (!last) return { start: '09:00', end: '17:00' };
  const end = toMinutes(last.end) ?? 17 * 60;
  const start = end + 60;
  return { start: fromMinutes(start), end: fromMinutes(start + 240) };
}

/** Times as the browser's time input shows them: "24:00" (end of day) becomes "00:00", which means the same. */
export function normaliseInterval(interval: Interval): Interval {
  return { start: interval.start, end: interval.end === '24:00' ? '00:00' : interval.end };
}

/** A full week from the server's record (missing days are days off); each day's intervals by start time. */
export function weeklyFromRecord(record: Record<string, Interval[] | undefined>): Weekly {
  const week = {} as Weekly;
  for (const { key } of WEEKDAYS) {
    week[key] = [...(record[key] ?? [])]
      .map(normaliseInterval)
      .sort((a, b) => (toMinutes(a.start) ?? 0) - (toMinutes(b.start) ?? 0));
  }
  return week;
}

/** Copies one day's hours onto other days (replacing theirs). */
export function copyDay(week: Weekly, from: WeekdayKey, to: WeekdayKey[]): Weekly {
  const next = { ...week };
  for (const day of to) if (day !== from) next[day] = week[from].map((i) => ({ ...i }));
  return next;
}

/** Working minutes in the whole week. */
export function weeklyMinutes(week: Weekly): number {
  return WEEKDAYS.reduce((sum, { key }) => sum + week[key].reduce((s, i) => s + intervalMinutes(i), 0), 0);
}

function dayHours(intervals: Interval[]): string {
  return intervals.map((i) => `${i.start}–${i.end}`).join(', ');
}

/**
 * The week in a line: consecutive days with the same hours are grouped, e.g.
 * "Mon–Fri 09:00–17:00; Sat 10:00–14:00". Days off are left out.
 */
export function summariseWeek(week: Weekly): string {
  const parts: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const day = WEEKDAYS[i]!;
    const hours = dayHours(week[day.key]);
    let j = i;
    while (j + 1 < WEEKDAYS.length && dayHours(week[WEEKDAYS[j + 1]!.key]) === hours) j++;
    if (hours) parts.push(`${day.short}${j > i ? `–${WEEKDAYS[j]!.short}` : ''} ${hours}`);
    i = j + 1;
  }
  return parts.length ? parts.join('; ') : 'No working time';
}

/**
 * The form field a calendar problem belongs to. The calendar library writes `weekly.1[0].end`, the server's
 * schema `body.weekly.1.0.end`; both become `weekly.1.0.end`.
 */
export function calendarErrorKey(path: string): string {
  return path
    .replace(/^body(\.|$)/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/** Holidays by date, then name. */
export function sortHolidays(holidays: HolidayEntry[]): HolidayEntry[] {
  return [...holidays].sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}

/** Adds holidays that are not there yet (same date and name), keeping the list sorted; says how many were new. */
export function mergeHolidays(
  existing: HolidayEntry[],
  added: HolidayEntry[],
): { holidays: HolidayEntry[]; added: number } {
  const seen = new Set(existing.map((h) => `${h.date}|${h.name.trim().toLowerCase()}`));
  const fresh: HolidayEntry[] = [];
  for (const h of added) {
    const key = `${h.date}|${h.name.trim().toLowerCase()}`;
    if (!seen.has(key)) {
      seen.add(key);
      fresh.push(h);
    }
  }
  return { holidays: sortHolidays([...existing, ...fresh]), added: fresh.length };
}

/** What is wrong with a holiday about to be added, or null. */
export function holidayProblem(
  entry: HolidayEntry,
  existing: HolidayEntry[],
): { field: 'date' | 'name'; message: string } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.date) || Number.isNaN(Date.parse(`${entry.date}T00:00:00Z`)))
    return { field: 'date', message: 'Enter a date' };
  if (!entry.name.trim()) return { field: 'name', message: 'Enter a name, e.g. Christmas Day' };
  if (entry.name.trim().length > 100) return { field: 'name', message: 'At most 100 characters' };
  if (
    existing.some(
      (h) => h.date === entry.date && h.name.trim().toLowerCase() === entry.name.trim().toLowerCase(),
    )
  )
    return { field: 'name', message: 'This holiday is already in the list' };
  return null;
}

/** A calendar problem's message in the editor's words: "overlaps weekly.1[0]" → "Overlaps Monday hours 1". */
export function describeCalendarProblem(message: string): string {
  const text = message.replace(/weekly\.([1-7])(?:\[|\.)(\d+)\]?/g, (_m, day: string, index: string) => {
    const label = WEEKDAYS[Number(day) - 1]?.label ?? day;
    return `${label} hours ${Number(index) + 1}`;
  });
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  timeZone: 'Time zone',
  weekly: 'Working hours',
  holidays: 'Public holidays',
  areaIds: 'Business areas',
};

/** Where an error key points, in the editor's words: `weekly.1.1.end` → "Monday hours 2, until". */
export function describeErrorKey(key: string): string {
  const interval = /^weekly\.([1-7])\.(\d+)(?:\.(start|end))?$/.exec(key);
  if (interval) {
    const day = WEEKDAYS[Number(interval[1]) - 1]!.label;
    const part = interval[3] === 'start' ? ', from' : interval[3] === 'end' ? ', until' : '';
    return `${day} hours ${Number(interval[2]) + 1}${part}`;
  }
  const holiday = /^holidays\.(\d+)/.exec(key);
  if (holiday) return `Holiday ${Number(holiday[1]) + 1}`;
  return FIELD_NAMES[key] ?? key;
}
