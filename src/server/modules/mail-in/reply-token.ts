import type { Signer } from '../../platform/signing.js';

/**
 * Reply tokens: the `<token>` in the reply address `feedback+<token>@domain` of every email to a customer.
 * A reply threads into a case only through a valid token: made with the installation's key (deps.signer),
 * for this case, for mail from this customer's address, and not expired.
 *
 * Why not `signer.sign`: its JSON payload makes tokens of ~150 characters, and the local part of an address
 * may be at most 64 (RFC 5321). Mail systems may also change the case of a local part. So the token is
 * fixed-length, lower-case base32: the case id (26), the expiry in Unix seconds (7), and a MAC (16, 80 bits)
 * from `signer.digest('reply', …)` over both and over the customer's address, which is bound without
 * being carried in the token.
 */
const PURPOSE = 'reply';
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_CHARS = 26;
const EXP_CHARS = 7;
const MAC_CHARS = 16;
export const REPLY_TOKEN_LENGTH = ID_CHARS + EXP_CHARS + MAC_CHARS;
/** How long a reply address stays valid after the email that carried it. */
export const REPLY_TOKEN_DAYS = 365;

function toBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string, byteCount: number): Buffer | null {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const n = ALPHABET.indexOf(ch);
    if (n < 0) return null;
    value = ((value << 5) | n) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out.length >= byteCount ? Buffer.from(out.slice(0, byteCount)) : null;
}

function encodeNumber(n: number, chars: number): string {
  let out = '';
  for (let i = 0; i < chars; i++) {
    out = ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}

function decodeNumber(text: string): number | null {
  let n = 0;
  for (const ch of text) {
    const d = ALPHABET.indexOf(ch);
    if (d < 0) return null;
    n = n * 32 + d;
  }
  return n;
}

function macOf(signer: Signer, body: string, email: string): string {
  const digest = signer.digest(PURPOSE, `${body}\n${email.trim().toLowerCase()}`, 43);
  return toBase32(Buffer.from(digest, 'base64url')).slice(0, MAC_CHARS);
}

/** The token for replies to `caseId` from `email`, valid for REPLY_TOKEN_DAYS from `now`. */
export function replyTokenFor(signer: Signer, caseId: string, email: string, now: Date): string {
  const id = toBase32(Buffer.from(caseId.replace(/-/g, ''), 'hex'));
  const exp = encodeNumber(Math.floor(now.getTime() / 1000) + REPLY_TOKEN_DAYS * 86_400, EXP_CHARS);
  const body = id + exp;
  return body + macOf(signer, body, email);
}

export type ReplyTokenCheck = { caseId: string } | { problem: 'invalid' | 'expired' };

/**
 * The case a reply token names, when the token is genuine, was made for mail from `fromEmail`, and has not
 * expired; otherwise why not. A forged token and a genuine one used from another address both read as
 * 'invalid': the address is inside the MAC.
 */
export function readReplyToken(signer: Signer, token: string, fromEmail: string, now: Date): ReplyTokenCheck {
  const t = token.trim().toLowerCase();
  if (t.length !== REPLY_TOKEN_LENGTH) return { problem: 'invalid' };
  const body = t.slice(0, ID_CHARS + EXP_CHARS);
  const given = t.slice(ID_CHARS + EXP_CHARS);
  const expected = macOf(signer, body, fromEmail);
  // Constant-time comparison of two equal-length strings.
  let diff = 0;
  for (let i = 0; i < MAC_CHARS; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  if (diff !== 0) return { problem: 'invalid' };
  const idBytes = fromBase32(t.slice(0, ID_CHARS), 16);
  const exp = decodeNumber(t.slice(ID_CHARS, ID_CHARS + EXP_CHARS));
  if (!idBytes || exp === null) return { problem: 'invalid' };
  if (exp * 1000 < now.getTime()) return { problem: 'expired' };
  const hex = idBytes.toString('hex');
  return {
    caseId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
  };
}

/** `local+<token>@domain` from the reply address `local@domain`. */
export function replyAddress(address: string, token: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${token}@${address.slice(at + 1)}`;
}

/** Splits `local+tag@domain` into the base address and the tag (null when there is no tag). */
export function splitAddress(address: string): { base: string; tag: string | null } {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf('@');
  if (at <= 0) return { base: a, tag: null };
  const local = a.slice(0, at);
  const plus = local.indexOf('+');
  if (plus < 0) return { base: a, tag: null };
  return { base: `${local.slice(0, plus)}${a.slice(at)}`, tag: local.slice(plus + 1) };
}
