import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

/**
 * HMAC-SHA256 signed tokens for links and addresses we hand to people outside (tracking links, reply
 * addresses, single-use invitations to surveys…). A token is `<payload>.<mac>`, both base64url; the MAC
 * covers the purpose too, so a token made for one purpose is worthless for another. Tokens are not
 * encrypted: never put a secret in the payload.
 */
export interface Signer {
  /** Signs `payload` for `purpose`; with `expiresAt`, `verify` refuses it after that instant. */
  sign(purpose: string, payload: Record<string, string | number>, expiresAt?: Date): string;
  /** The payload when the token is genuine, for this purpose, and not expired at `now`; otherwise null. */
  verify(purpose: string, token: string, now: Date): Record<string, string | number> | null;
  /** A short MAC of a value (e.g. to bind a token to an email address without putting the address in it). */
  digest(purpose: string, value: string, length?: number): string;
}

export function createSigner(secret: Buffer): Signer {
  if (secret.length < 32) throw new Error('The signing secret must be at least 32 bytes.');
  const mac = (purpose: string, body: string) =>
    createHmac('sha256', secret).update(`${purpose}\n${body}`).digest('base64url');
  return {
    sign(purpose, payload, expiresAt) {
      const body = Buffer.from(
        JSON.stringify(expiresAt ? { ...payload, exp: Math.floor(expiresAt.getTime() / 1000) } : payload),
      ).toString('base64url');
      return `${body}.${mac(purpose, body)}`;
    },
    verify(purpose, token, now) {
      if (typeof token !== 'string' || token.length > 2000) return null;
      const dot = token.indexOf('.');
      if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
      const body = token.slice(0, dot);
      const given = Buffer.from(token.slice(dot + 1), 'base64url');
      const expected = Buffer.from(mac(purpose, body), 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
      const record = payload as Record<string, string | number>;
      if (typeof record.exp === 'number' && record.exp * 1000 < now.getTime()) return null;
      return record;
    },
    digest(purpose, value, length = 16) {
      return mac(purpose, value).slice(0, length);
    },
  };
}

/**
 * The installation's signing secret: VERITY_SECRET when set (several instances must share it), otherwise
 * one generated on first start and kept in the database, so `npm start` needs no configuration.
 */
export async function loadSigner(db: Db, configured?: string): Promise<Signer> {
  if (configured) return createSigner(Buffer.from(configured, 'utf8'));
  const fresh = randomBytes(48).toString('base64url');
  await db.execute(
    sql`INSERT INTO app_secrets (name, value) VALUES ('signing', ${fresh}) ON CONFLICT (name) DO NOTHING`,
  );
  const rows = await db.execute<{ value: string }>(sql`SELECT value FROM app_secrets WHERE name = 'signing'`);
  const value = (rows as unknown as { rows: { value: string }[] }).rows[0]!.value;
  return createSigner(Buffer.from(value, 'utf8'));
}
