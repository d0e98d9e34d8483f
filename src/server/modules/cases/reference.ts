import { randomInt } from 'node:crypto';

/** Crockford's base-32 alphabet: no I, L, O or U, so a reference read aloud is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A case reference people can read, say and type: `VR-26-7KQ4-MX` — the two-digit year it was received,
 * then six random characters (about a billion per year), so references cannot be guessed or counted.
 * Uniqueness is the database's unique index; a collision is retried by the caller.
 */
export function newCaseReference(receivedAt: Date): string {
  const year = String(receivedAt.getUTCFullYear() % 100).padStart(2, '0');
  let body = '';
  for (let i = 0; i < 6; i++) body += ALPHABET[randomInt(ALPHABET.length)];
  return `VR-${year}-${body.slice(0, 4)}-${body.slice(4)}`;
}

export const REFERENCE_PATTERN = /^VR-\d{2}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/;

export { normaliseReference } from '../../../contracts/cases.js';
