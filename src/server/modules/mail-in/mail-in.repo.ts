import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { inboundMessages } from './mail-in.tables.js';

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/**
 * Claims a message for processing: true when this caller inserted its row, or took over a claim older than
 * `staleBefore` (a process that died mid-way); false when it is done or being processed elsewhere.
 */
export async function claimMessage(
  db: Db,
  key: string,
  source: 'smtp' | 'imap',
  now: Date,
  staleBefore: Date,
): Promise<boolean> {
  const res = await db.execute(sql`
    INSERT INTO inbound_messages (message_key, source, status, claimed_at)
    VALUES (${key}, ${source}, 'processing', ${now.toISOString()})
    ON CONFLICT (message_key) DO UPDATE SET claimed_at = EXCLUDED.claimed_at
      WHERE inbound_messages.status = 'processing' AND inbound_messages.claimed_at < ${staleBefore.toISOString()}
    RETURNING message_key`);
  return rowsOf(res).length === 1;
}

export async function finishMessage(
  db: Db,
  key: string,
  result: {
    outcome: 'created' | 'threaded';
    caseId: string;
    tokenProblem: string | null;
    html: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .update(inboundMessages)
    .set({
      status: 'done',
      outcome: result.outcome,
      caseId: result.caseId,
      tokenProblem: result.tokenProblem,
      html: result.html,
      doneAt: result.at,
    })
    .where(eq(inboundMessages.messageKey, key));
}

/** Gives a claim back after a failure, so the next delivery (SMTP retry, next IMAP poll) tries again. */
export async function releaseMessage(db: Db, key: string): Promise<void> {
  await db
    .delete(inboundMessages)
    .where(and(eq(inboundMessages.messageKey, key), eq(inboundMessages.status, 'processing')));
}

export async function findMessage(db: Db, key: string) {
  const [row] = await db.select().from(inboundMessages).where(eq(inboundMessages.messageKey, key));
  return row ?? null;
}

/** The active business area named or numbered `nameOrId`, or (without one) the first active area by name. */
export async function findIntakeArea(db: Db, nameOrId: string | undefined): Promise<string | null> {
  const isId = !!nameOrId && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nameOrId);
  const res = await db.execute(
    nameOrId
      ? sql`SELECT id FROM business_areas WHERE active AND (${isId ? sql`id = ${nameOrId}::uuid OR ` : sql``}
              lower(name) = lower(${nameOrId}) OR lower(code) = lower(${nameOrId})) LIMIT 1`
      : sql`SELECT id FROM business_areas WHERE active ORDER BY lower(name), id LIMIT 1`,
  );
  return rowsOf<{ id: string }>(res)[0]?.id ?? null;
}

/** A case's reference (for the note on a new case made from a reply to a closed one). */
export async function caseReference(db: Db, caseId: string): Promise<string | null> {
  const res = await db.execute(sql`SELECT reference FROM cases WHERE id = ${caseId}`);
  return rowsOf<{ reference: string }>(res)[0]?.reference ?? null;
}

/**
 * Removes finished mailbox-poll jobs older than `before`: the poll runs every interval, and its rows would
 * otherwise pile up (1,440 a day at one a minute). Old slots are never scheduled again, so their dedupe
 * keys may go.
 */
export async function pruneFinishedJobs(db: Db, queue: string, before: Date): Promise<void> {
  await db.execute(sql`
    DELETE FROM jobs WHERE queue = ${queue} AND status IN ('done', 'failed') AND finished_at < ${before.toISOString()}`);
}
