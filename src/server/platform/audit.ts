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

/** The row an audit event is written as (unchained: the chainer links it after commit). */
export function auditRow(stamp: ActorStamp, entry: AuditEntry) {
  return {
    at: stamp.at,
    actorId: stamp.actorId,
    actorLabel: stamp.actorLabel,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before === undefined ? null : JSON.parse(canonicalJson(entry.before)),
    after: entry.after === undefined ? null : JSON.parse(canonicalJson(entry.after)),
    requestId: stamp.requestId,
  };
}

/**
 * Appends one event to the audit trail. Call it inside the transaction that makes the change, so the change
 * and its event commit together or not at all. The event is linked into the hash chain after commit by
 * `chainAudit` (one chainer at a time), so writers never wait for each other here.
 */
export async function writeAudit(tx: Db, stamp: ActorStamp, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values(auditRow(stamp, entry));
  auditAppended();
}

let pokes: (() => void)[] = [];
/** Tells the chainers that events were written (`writeAudit` does; so must any other writer of events). */
export function auditAppended() {
  for (const poke of pokes) poke();
}

/**
 * Links every committed, unchained event into the chain, in the order the chainer finds them: each gets the
 * next chain position, the hash of the event before it, and its own hash. One chainer at a time across all
 * instances (a transaction-level advisory lock; a second caller returns at once, or with `wait` waits its
 * turn). Returns how many it linked.
 */
export async function chainAudit(
  db: Db,
  options: { batchSize?: number; wait?: boolean } = {},
): Promise<number> {
  const { batchSize = 1000, wait = false } = options;
  let linked = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      if (wait) {
        // The caller needs everything committed so far linked (verification): wait for a running chainer.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
      } else {
        const got = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${AUDIT_CHAIN_LOCK}) AS ok`);
        if (!(got as unknown as { rows: { ok: boolean }[] }).rows[0]?.ok) return -1;
      }
      const rows = await tx
        .select()
        .from(auditEvents)
        .where(sql`${auditEvents.hash} IS NULL`)
        .orderBy(auditEvents.seq)
        .limit(batchSize);
      if (rows.length === 0) return 0;
      const last = await tx
        .select({ hash: auditEvents.hash, pos: auditEvents.chainPos })
        .from(auditEvents)
        .where(sql`${auditEvents.chainPos} IS NOT NULL`)
        .orderBy(sql`${auditEvents.chainPos} DESC`)
        .limit(1);
      let prevHash = last[0]?.hash ?? GENESIS_HASH;
      let pos = last[0]?.pos ?? 0;
      const seqs: number[] = [];
      const prevs: string[] = [];
      const hashes: string[] = [];
      const positions: number[] = [];
      for (const r of rows) {
        const hash = hashEvent(prevHash, r);
        seqs.push(r.seq);
        prevs.push(prevHash);
        hashes.push(hash);
        positions.push(++pos);
        prevHash = hash;
      }
      await tx.execute(sql`
        UPDATE audit_events a SET prev_hash = u.prev, hash = u.hash, chain_pos = u.pos
        FROM unnest(${`{${seqs.join(',')}}`}::bigint[], ${`{${prevs.join(',')}}`}::text[],
                    ${`{${hashes.join(',')}}`}::text[], ${`{${positions.join(',')}}`}::bigint[])
          AS u(seq, prev, hash, pos)
        WHERE a.seq = u.seq`);
      return rows.length;
    });
    if (n <= 0) return linked;
    linked += n;
    if (n < batchSize) return linked;
  }
}

/**
 * Runs `chainAudit` shortly after events are written (debounced) and every `intervalMs` as a safety net.
 * Returns a function that stops it and waits for a run in progress.
 */
export function startAuditChainer(db: Db, log: { error: (o: object, m: string) => void }, intervalMs = 5000) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    timer = null;
    if (stopped) return;
    running = running
      .then(() => chainAudit(db))
      .catch((err: unknown) => log.error({ err }, 'audit chaining failed; will retry'));
  };
  const poke = () => {
    if (!timer && !stopped) timer = setTimeout(run, 250);
  };
  const interval = setInterval(poke, intervalMs);
  interval.unref();
  pokes.push(poke);
  return async () => {
    stopped = true;
    clearInterval(interval);
    if (timer) clearTimeout(timer);
    pokes = pokes.filter((p) => p !== poke);
    await running;
  };
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; reason: string };
}

/**
 * Links what is waiting, then walks the chain from the start and reports the first event whose link or
 * content does not hold.
 */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<AuditVerification> {
  await chainAudit(db, { wait: true });
  let prevHash = GENESIS_HASH;
  let lastPos = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.chainPos} > ${lastPos}`)
      .orderBy(auditEvents.chainPos)
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prevHash !== prevHash || r.chainPos !== lastPos + 1) {
        return {
          ok: false,
          checked,
          firstBroken: {
            seq: r.seq,
            reason: 'link to the previous event is broken (an event was removed or reordered)',
          },
        };
      }
      if (hashEvent(prevHash, r) !== r.hash) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: r.seq, reason: 'content does not match its hash (the event was altered)' },
        };
      }
      prevHash = r.hash;
      lastPos = r.chainPos;
      checked++;
    }
  }
  return { ok: true, checked };
}
