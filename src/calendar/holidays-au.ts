import type { BusinessCalendar, Holiday } from './calendar.js';

/** Years whose Australian national holidays ship as defaults (this year and next). */
export const SHIPPED_HOLIDAY_YEARS: readonly [number, number] = [2026, 2027];

const DAY_MS = 86_400_000;

function utcDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function format(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

/**
 * Easter Sunday (Gregorian calendar) by the anonymous algorithm of Meeus, Jones and Butcher;
 * returns { month: 3 | 4, day }.
 */
export function easterSunday(year: number): { month: number; day: number } {
  if (!Number.isInteger(year) || year < 1583) throw new RangeError('year must be a Gregorian year (>= 1583)');
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

/**
 * Public holidays observed across Australia in `year`, sorted by date:
 * - New Year's Day and Australia Day move to the Monday when they fall on a weekend (the weekend date is
 *   listed too, so a 7-day calendar also stops on it).
 * - Good Friday and Easter Monday. Easter Saturday and Sunday are state holidays, not national, so not listed.
 * - Anzac Day, 25 April, with no substitute day: some states and territories add a Monday when it falls on a
 *   weekend (as in 2026 and 2027) but that is not national; add it to the area's list where it applies.
 * - King's Birthday, second Monday in June: a common default, not truly national (Western Australia and
 *   Queensland hold it on other dates); edit the list for areas in those states.
 * - Christmas Day and Boxing Day with substitute days when they fall on a weekend.
 * State-only holidays (Labour Day, Melbourne Cup, show days, …) are left to each area's list.
 */
export function australianNationalHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError('year must be 1583–9999');
  const holidays: { day: number; name: string }[] = [];
  const add = (day: number, name: string): void => {
    holidays.push({ day, name });
  };
  const addWithMondaySubstitute = (day: number, name: string): void => {
    add(day, name);
    const weekday = weekdayOf(day);
    if (weekday === 6) add(day + 2, `${name} (substitute)`);
    if (weekday === 0) add(day + 1, `${name} (substitute)`);
  };

  addWithMondaySubstitute(utcDay(year, 1, 1), "New Year's Day");
  addWithMondaySubstitute(utcDay(year, 1, 26), 'Australia Day');

  const easter = easterSunday(year);
  const easterDay = utcDay(year, easter.month, easter.day);
  add(easterDay - 2, 'Good Friday');
  add(easterDay + 1, 'Easter Monday');

  add(utcDay(year, 4, 25), 'Anzac Day');

  const firstOfJune = utcDay(year, 6, 1);
  const firstMonday = firstOfJune + ((8 - weekdayOf(firstOfJune)) % 7);
  add(firstMonday + 7, "King's Birthday");

  const christmas = utcDay(year, 12, 25);
  const boxing = christmas + 1;
  add(christmas, 'Christmas Day');
  add(boxing, 'Boxing Day');
  switch (weekdayOf(christmas)) {
    case 5: // Friday: Boxing Day is Saturday
      add(boxing + 2, 'Boxing Day (substitute)');
      break;
    case 6: // Saturday: Christmas moves to Monday, Boxing Day (Sunday) to Tuesday
      add(christmas + 2, 'Christmas Day (substitute)');
      add(boxing + 2, 'Boxing Day (substitute)');
      break;
    case 0: // Sunday: Boxing Day stays on Monday, Christmas moves to Tuesday
      add(christmas + 2, 'Christmas Day (substitute)');
      break;
    default:
      break;
  }

  return holidays.sort((a, b) => a.day - b.day).map(({ day, name }) => ({ date: format(day), name }));
}

/**
 * Monday–Friday 09:00–17:00 in Australia/Sydney with the national holidays of fromYear..toYear
 * (default: the shipped years, 2026 and 2027).
 */
export function standardAustralianCalendar(
  options: { fromYear?: number; toYear?: number; timeZone?: string } = {},
): BusinessCalendar {
  const fromYear = options.fromYear ?? SHIPPED_HOLIDAY_YEARS[0];
  const toYear = options.toYear ?? Math.max(fromYear, SHIPPED_HOLIDAY_YEARS[1]);
  if (toYear < fromYear) throw new RangeError('toYear must not be before fromYear');
  const holidays: Holiday[] = [];
  for (let year = fromYear; year <= toYear; year++) holidays.push(...australianNationalHolidays(year));
  const day = [{ start: '09:00', end: '17:00' }];
  return {
    timeZone: options.timeZone ?? 'Australia/Sydney',
    weekly: { 1: day, 2: day, 3: day, 4: day, 5: day },
    holidays,
  };
}
