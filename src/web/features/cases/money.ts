/**
 * Money typed by a person in dollars (or the organisation's currency unit) ↔ integer cents for the API.
 * Cents are never floats: "19.99" is parsed digit by digit, not through parseFloat * 100.
 */

export type MoneyParse = { ok: true; cents: number } | { ok: false; message: string };

/** The largest amount the server accepts (contracts/cases.ts `money`). */
export const MAX_CENTS = 100_000_000_00;

/** "$1,250.50" → 125050. Empty text is 0. Negative, fractional cents and words are refused with a reason. */
export function parseDollarsToCents(input: string): MoneyParse {
  const cleaned = input.replace(/[\s$,]/g, '');
  if (cleaned === '') return { ok: true, cents: 0 };
  if (cleaned.startsWith('-')) return { ok: false, message: 'Amount must not be negative' };
  const m = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!m || (m[1] === '' && (m[2] ?? '') === ''))
    return { ok: false, message: 'Enter an amount such as 250 or 19.95' };
  const whole = m[1] ?? '';
  const fraction = m[2] ?? '';
  if (fraction.length > 2) return { ok: false, message: 'Amount can have at most two decimal places' };
  if (whole.replace(/^0+/, '').length > 12) return { ok: false, message: 'Amount is too large' };
  const cents = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0') || '0');
  if (cents > MAX_CENTS) return { ok: false, message: 'Amount is too large' };
  return { ok: true, cents };
}

/** 125050 → "1250.50", for putting an amount back into an input. */
export function centsToDollarsInput(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return `${whole}.${rest}`;
}
