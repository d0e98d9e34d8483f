import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AuditEntityType } from '../../contracts/audit.js';
import type { Db } from '../db/client.js';
import { auditEvents } from './platform.tables.js';
import type { ActorStamp } from './context.js';

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_CHAIN_LOCK = 7_340_002;

export interface AuditEntry {
  action: string;
  entityType: AuditEntityType;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Stable JSON: object keys sorted, dates as ISO strings, undefined dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = normalise(v);
  }
  return out;
}

interface HashedFields {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export function hashEvent(prevHash: string, e: HashedFields): string {
  const body = canonicalJson({
    at: e.at.toISOString(),
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Only the fields that changed, so an event says what happened rather than repeating a record. */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'version' || key === 'updatedAt') continue;
    if (canonicalJson(before[key]) !== canonicalJson(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

/**
 * Appends one event to the hash-chained audit trail. Call it inside the transaction that makes the
 * change, so the change and its event commit together or not at all.
 */
export async function writeAudit(tx: Db, stamp: ActorStamp, entry: AuditEntry): Promise<void> {
  // Serialise appends so each event links to the one committed just before it.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const last = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(sql`${auditEvents.seq} DESC`)
    .limit(1);
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  const before = entry.before === undefined ? null : JSON.parse(canonicalJson(entry.before));
  const after = entry.after === undefined ? null : JSON.parse(canonicalJson(entry.after));
  const fields: HashedFields = {
    at: stamp.at,
    actorId: stamp.actorId,
    actorLabel: stamp.actorLabel,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before,
    after,
    requestId: stamp.requestId,
  };
  await tx.insert(auditEvents).values({ ...fields, prevHash, hash: hashEvent(prevHash, fields) });
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

/** Walks the chain from the start and reports the first event whose link or content does not hold. */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.seq} > ${lastSeq}`)
      .orderBy(auditEvents.seq)
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          firstBroken: {
            seq: r.seq,
            reason: 'link to the previous event is broken (an event was removed or reordered)',
          },
        };
      }
      const expected = hashEvent(prevHash, {
        at: r.at,
        actorId: r.actorId,
        actorLabel: r.actorLabel,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before,
        after: r.after,
        requestId: r.requestId,
      });
      if (expected !== r.hash) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: r.seq, reason: 'content does not match its hash (the event was altered)' },
        };
      }
      prevHash = r.hash;
      lastSeq = r.seq;
      checked++;
    }
  }
  return { ok: true, checked };
}
