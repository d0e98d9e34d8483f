/** Choices for time zone, locale and currency pickers, named the way the browser names them. */

export interface Option {
  value: string;
  label: string;
}

const FALLBACK_TIME_ZONES = [
  'Australia/Sydney',
  'Australia/Melbourne',
  'Australia/Brisbane',
  'Australia/Adelaide',
  'Australia/Perth',
  'Australia/Hobart',
  'Australia/Darwin',
  'Pacific/Auckland',
  'Europe/London',
  'America/New_York',
  'UTC',
];

export function timeZoneOptions(current?: string): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = FALLBACK_TIME_ZONES;
  }
  const set = new Set(zones);
  if (current && !set.has(current)) zones = [current, ...zones];
  if (!set.has('UTC')) zones = [...zones, 'UTC'];
  return zones;
}

const LOCALES = [
  'en-AU',
  'en-NZ',
  'en-GB',
  'en-IE',
  'en-US',
  'en-CA',
  'en-SG',
  'en-IN',
  'en-ZA',
  'fr-FR',
  'fr-CA',
  'de-DE',
  'es-ES',
  'es-MX',
  'it-IT',
  'nl-NL',
  'pt-BR',
  'sv-SE',
  'ja-JP',
  'ko-KR',
  'zh-CN',
  'zh-TW',
  'vi-VN',
  'id-ID',
  'hi-IN',
  'ar-AE',
];

function displayName(type: 'language' | 'currency', code: string): string | undefined {
  try {
    return new Intl.DisplayNames(['en-AU'], { type }).of(code) ?? undefined;
  } catch {
    return undefined;
  }
}

export function localeOptions(current?: string): Option[] {
  const codes = current && !LOCALES.includes(current) ? [current, ...LOCALES] : LOCALES;
  return codes.map((code) => {
    const name = displayName('language', code);
    return { value: code, label: name ?? code };
  });
}

const COMMON_CURRENCIES = ['AUD', 'NZD', 'GBP', 'EUR', 'USD', 'CAD', 'SGD'];

export function currencyOptions(current?: string): Option[] {
  let codes: string[];
  try {
    codes = Intl.supportedValuesOf('currency');
  } catch {
    codes = COMMON_CURRENCIES;
  }
  const ordered = [...COMMON_CURRENCIES, ...codes.filter((c) => !COMMON_CURRENCIES.includes(c))];
  if (current && !ordered.includes(current)) ordered.unshift(current);
  return ordered.map((code) => {
    const name = displayName('currency', code);
    return { value: code, label: name ? `${code} — ${name}` : code };
  });
}
