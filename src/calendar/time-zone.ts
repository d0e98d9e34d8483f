import { IANAZone } from 'luxon';

/** Milliseconds in one civil (24-hour) day of local wall-clock time. */
export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Offsets in the tz database lie within [-12h, +14h]; sample a little beyond both ends. */
const OFFSET_REACH_MS = 15 * 3_600_000;
const CACHE_LIMIT = 200_000;

/** Offset of one UTC day: `before` until `changeAt`, `after` from then on (changeAt = Infinity: no change). */
interface OffsetDay {
  readonly before: number;
  readonly changeAt: number;
  readonly after: number;
}

interface ZoneEntry {
  readonly zone: IANAZone;
  readonly days: Map<number, OffsetDay>;
}

// Luxon's offset lookup formats a date through Intl (~7 µs); business-time loops ask for thousands of
// offsets, so memoise per UTC day. The tz data of a running process never changes, so this stays pure.
const zones = new Map<string, ZoneEntry>();

// Checking a name builds an Intl.DateTimeFormat (tens of µs); every calendar call validates its zone.
const knownZones = new Map<string, boolean>();

/** True when the runtime knows this IANA time-zone name (e.g. 'Australia/Sydney', 'UTC'). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  let known = knownZones.get(timeZone);
  if (known === undefined) {
    known = IANAZone.isValidZone(timeZone);
    if (knownZones.size >= 1_000) knownZones.clear();
    knownZones.set(timeZone, known);
  }
  return known;
}

function entryFor(timeZone: string): ZoneEntry {
  let entry = zones.get(timeZone);
  if (entry === undefined) {
    if (!isKnownTimeZone(timeZone)) throw new RangeError(`Unknown time zone "${timeZone}"`);
    entry = { zone: IANAZone.create(timeZone), days: new Map() };
    zones.set(timeZone, entry);
  }
  return entry;
}

function rawOffsetMs(zone: IANAZone, ts: number): number {
  return Math.round(zone.offset(ts) * MINUTE_MS);
}

function offsetDay(entry: ZoneEntry, dayIndex: number): OffsetDay {
  const cached = entry.days.get(dayIndex);
  if (cached !== undefined) return cached;
  const start = dayIndex * DAY_MS;
  const end = start + DAY_MS;
  const before = rawOffsetMs(entry.zone, start);
  const after = rawOffsetMs(entry.zone, end);
  let changeAt = Number.POSITIVE_INFINITY;
  if (before !== after) {
    // Smallest instant in (start, end] whose offset differs from `before`. Assumes at most one change a day,
    // true of every zone since the tz database began tracking daylight saving.
    let lo = start;
    let hi = end;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (rawOffsetMs(entry.zone, mid) === before) lo = mid;
      else hi = mid;
    }
    changeAt = hi;
  }
  const day: OffsetDay = { before, changeAt, after };
  if (entry.days.size >= CACHE_LIMIT) entry.days.clear();
  entry.days.set(dayIndex, day);
  return day;
}

/** UTC offset (ms, local minus UTC) in force at a UTC instant. */
export function offsetAt(timeZone: string, ts: number): number {
  const day = offsetDay(entryFor(timeZone), Math.floor(ts / DAY_MS));
  return ts < day.changeAt ? day.before : day.after;
}

/**
 * Local wall-clock time of an instant, as milliseconds since 1970-01-01T00:00 on the wall clock
 * ("local epoch ms": Date.UTC of the local fields).
 */
export function instantToLocal(timeZone: string, ts: number): number {
  return ts + offsetAt(timeZone, ts);
}

/** Local calendar day of an instant, as days since 1970-01-01. */
export function localDayOf(timeZone: string, ts: number): number {
  return Math.floor(instantToLocal(timeZone, ts) / DAY_MS);
}

/**
 * The instant at which the wall clock of `timeZone` reads `local` (local epoch ms).
 * - A wall time that occurs twice (clocks go back) maps to its earlier occurrence.
 * - A wall time that never occurs (clocks go forward) maps to the instant the clocks jump,
 *   so every time inside the skipped hour collapses onto one instant.
 * The mapping is non-decreasing in `local`, so local intervals that do not overlap never overlap in UTC.
 */
export function localToInstant(timeZone: string, local: number): number {
  const early = offsetAt(timeZone, local - OFFSET_REACH_MS);
  const late = offsetAt(timeZone, local + OFFSET_REACH_MS);
  let best = Number.POSITIVE_INFINITY;
  for (const candidate of early === late ? [early] : [early, late]) {
    const ts = local - candidate;
    if (offsetAt(timeZone, ts) === candidate && ts < best) best = ts;
  }
  if (best !== Number.POSITIVE_INFINITY) return best;
  // In a gap: the offset rises from `low` to `high` somewhere in (local - high, local - low].
  const low = Math.min(early, late);
  const high = Math.max(early, late);
  let lo = local - high;
  let hi = local - low;
  const lowOffset = offsetAt(timeZone, lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(timeZone, mid) === lowOffset) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date, or null when the text is not a real calendar date. */
export function parseLocalDate(text: string): number | null {
  if (typeof text !== 'string' || text.length !== 10 || !LOCAL_DATE_PATTERN.test(text)) return null;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** 'YYYY-MM-DD' of a day number (days since 1970-01-01). */
export function formatLocalDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}
