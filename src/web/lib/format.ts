import { useMemo } from 'react';
import { useSession } from './session.js';

export const DEFAULT_LOCALE = 'en-AU';
export const DEFAULT_TIME_ZONE = 'Australia/Sydney';
export const DEFAULT_CURRENCY = 'AUD';

export interface Formatters {
  locale: string;
  timeZone: string;
  currency: string;
  /** e.g. 5 Mar 2026, 2:30 pm */
  dateTime(iso: string | null | undefined): string;
  /** e.g. 5 Mar 2026 */
  date(iso: string | null | undefined): string;
  /** Integer cents in the organisation's currency, e.g. $1,000.00 */
  money(cents: number): string;
  number(n: number): string;
}

function safe<T>(make: () => T, fallback: () => T): T {
  try {
    return make();
  } catch {
    return fallback();
  }
}

export function createFormatters(locale: string, timeZone: string, currency: string): Formatters {
  const dateTimeFmt = safe(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
    () => new Intl.DateTimeFormat(DEFAULT_LOCALE, { dateStyle: 'medium', timeStyle: 'short' }),
  );
  const dateFmt = safe(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }),
    () => new Intl.DateTimeFormat(DEFAULT_LOCALE, { dateStyle: 'medium' }),
  );
  const moneyFmt = safe(
    () => new Intl.NumberFormat(locale, { style: 'currency', currency }),
    () => new Intl.NumberFormat(DEFAULT_LOCALE, { style: 'currency', currency: DEFAULT_CURRENCY }),
  );
  const numberFmt = safe(
    () => new Intl.NumberFormat(locale),
    () => new Intl.NumberFormat(DEFAULT_LOCALE),
  );
  const parse = (iso: string | null | undefined) => {
    if (!iso) return null;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  return {
    locale,
    timeZone,
    currency,
    dateTime: (iso) => {
      const d = parse(iso);
      return d ? dateTimeFmt.format(d) : '—';
    },
    date: (iso) => {
      const d = parse(iso);
      return d ? dateFmt.format(d) : '—';
    },
    money: (cents) => moneyFmt.format(cents / 100),
    number: (n) => numberFmt.format(n),
  };
}

/** Dates, times and money the way the organisation writes them (its locale, time zone and currency). */
export function useFormat(): Formatters {
  const { organisation } = useSession();
  const locale = organisation?.locale ?? DEFAULT_LOCALE;
  const timeZone = organisation?.timeZone ?? DEFAULT_TIME_ZONE;
  const currency = organisation?.currency ?? DEFAULT_CURRENCY;
  return useMemo(() => createFormatters(locale, timeZone, currency), [locale, timeZone, currency]);
}

/** The symbol a currency is written with in a locale, e.g. "$" for AUD in en-AU. */
export function currencySymbol(locale: string, currency: string): string {
  try {
    const part = new Intl.NumberFormat(locale, { style: 'currency', currency })
      .formatToParts(0)
      .find((p) => p.type === 'currency');
    return part?.value ?? currency;
  } catch {
    return currency;
  }
}

/** The group and decimal separators a locale writes, e.g. "," and "." for en-AU. */
export function numberSeparators(locale: string): { group: string; decimal: string } {
  try {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    return {
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    };
  } catch {
    return { group: ',', decimal: '.' };
  }
}
