import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { attachments } from './attachments.tables.js';

const columns = {
  id: attachments.id,
  caseId: attachments.caseId,
  storageKey: attachments.storageKey,
  name: attachments.name,
  contentType: attachments.contentType,
  sizeBytes: attachments.sizeBytes,
  sha256: attachments.sha256,
  addedByKind: attachments.addedByKind,
  addedBy: attachments.addedBy,
  addedByName: sql<string | null>`(SELECT u.name FROM users u WHERE u.id = attachments.added_by)`,
  createdAt: attachments.createdAt,
};
export type AttachmentRow = Awaited<ReturnType<typeof findAttachment>> & object;

/** A case's files, oldest first (a case holds a few dozen at most: no pagination needed). */
export async function listForCase(db: Db, caseId: string, onlyCustomer = false) {
  return db
    .select(columns)
    .from(attachments)
    .where(
      onlyCustomer
        ? and(eq(attachments.caseId, caseId), eq(attachments.addedByKind, 'customer'))
        : eq(attachments.caseId, caseId),
    )
    .orderBy(asc(attachments.seq));
}

export async function findAttachment(db: Db, id: string) {
  const rows = await db.select(columns).from(attachments).where(eq(attachments.id, id));
  return rows[0];
}

export async function countForCase(db: Db, caseId: string): Promise<number> {
  const rows = await db.select({ n: count() }).from(attachments).where(eq(attachments.caseId, caseId));
  return rows[0]?.n ?? 0;
}

export async function insertAttachments(db: Db, values: (typeof attachments.$inferInsert)[]) {
  return db.insert(attachments).values(values).returning({ id: attachments.id });
}

/** The case's area and version, locked until the transaction ends (serialises adding files to one case). */
export async function lockCase(db: Db, caseId: string) {
  const res = await db.execute(
    sql`SELECT id, area_id, version FROM cases WHERE id = ${caseId}::uuid FOR UPDATE`,
  );
  const row = (res as unknown as { rows: { id: string; area_id: string; version: number }[] }).rows[0];
  return row ? { id: row.id, areaId: row.area_id, version: Number(row.version) } : undefined;
}

export async function caseExists(db: Db, caseId: string): Promise<boolean> {
  const res = await db.execute(sql`SELECT 1 FROM cases WHERE id = ${caseId}::uuid`);
  return (res as unknown as { rows: unknown[] }).rows.length > 0;
}

/** One timeline entry on the case (case_events is the cases module's append-only table). */
export async function insertTimelineEntry(
  db: Db,
  entry: { caseId: string; at: Date; actorId: string | null; body: string; data: Record<string, unknown> },
) {
  await db.execute(sql`
    INSERT INTO case_events (case_id, type, at, actor_id, body, data)
    VALUES (${entry.caseId}::uuid, 'attachment', ${entry.at.toISOString()}::timestamptz,
      ${entry.actorId}::uuid, ${entry.body}, ${JSON.stringify(entry.data)}::jsonb)`);
}
