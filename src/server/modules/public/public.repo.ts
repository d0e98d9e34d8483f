import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { publicSettings, publicSubmissions } from './public.tables.js';

export type SettingsRow = typeof publicSettings.$inferSelect;
export type SubmissionRow = typeof publicSubmissions.$inferSelect;

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The one settings row, created with its defaults on first read. */
export async function findSettings(db: Db, forUpdate = false): Promise<SettingsRow> {
  const q = db.select().from(publicSettings).where(eq(publicSettings.id, 1));
  const rows = forUpdate ? await q.for('update') : await q;
  if (rows[0]) return rows[0];
  await db.insert(publicSettings).values({ id: 1 }).onConflictDoNothing();
  const again = forUpdate ? await q.for('update') : await q;
  return again[0]!;
}

export async function updateSettings(
  db: Db,
  values: Partial<Omit<SettingsRow, 'id' | 'version' | 'updatedAt'>>,
  at: Date,
): Promise<void> {
  await db
    .update(publicSettings)
    .set({ ...values, version: sql`${publicSettings.version} + 1`, updatedAt: at })
    .where(eq(publicSettings.id, 1));
}

/** The organisation-wide deadline policies (no area, no category), active, one per priority. */
export async function orgWidePolicies(db: Db) {
  return rowsOf<{
    priority: string;
    ack_kind: string;
    ack_value: number;
    response_kind: string;
    response_value: number;
    resolution_kind: string;
    resolution_value: number;
  }>(
    await db.execute(sql`
      SELECT priority, ack_kind, ack_value, response_kind, response_value, resolution_kind, resolution_value
      FROM deadline_policies
      WHERE active AND area_id IS NULL AND category_id IS NULL
      ORDER BY CASE priority WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 ELSE 3 END`),
  );
}

export async function activeAreas(db: Db) {
  return rowsOf<{ id: string; name: string; description: string }>(
    await db.execute(
      sql`SELECT id, name, description FROM business_areas WHERE active ORDER BY lower(name), id LIMIT 500`,
    ),
  );
}

/** Active categories whose parent (if any) is active too, in the order staff gave them. */
export async function activeCategories(db: Db) {
  return rowsOf<{ id: string; parentId: string | null; name: string; description: string }>(
    await db.execute(sql`
      SELECT c.id, c.parent_id AS "parentId", c.name, c.description
      FROM case_categories c LEFT JOIN case_categories p ON p.id = c.parent_id
      WHERE c.active AND (c.parent_id IS NULL OR p.active)
      ORDER BY coalesce(p.sort_order, c.sort_order), lower(coalesce(p.name, c.name)), c.parent_id NULLS FIRST,
               c.sort_order, lower(c.name)
      LIMIT 1000`),
  );
}

export async function isActiveArea(db: Db, id: string): Promise<boolean> {
  const rows = rowsOf<{ ok: number }>(
    await db.execute(sql`SELECT 1 AS ok FROM business_areas WHERE id = ${id}::uuid AND active`),
  );
  return rows.length > 0;
}

export async function isActiveCategory(db: Db, id: string): Promise<boolean> {
  const rows = rowsOf<{ ok: number }>(
    await db.execute(sql`SELECT 1 AS ok FROM case_categories WHERE id = ${id}::uuid AND active`),
  );
  return rows.length > 0;
}

/** Claims an idempotency key; false when it was claimed before (by this submit's twin). */
export async function claimSubmission(
  db: Db,
  values: { key: string; status: 'creating' | 'pending'; emailDigest: string; payload: unknown; at: Date },
): Promise<boolean> {
  const rows = await db
    .insert(publicSubmissions)
    .values({
      idempotencyKey: values.key,
      status: values.status,
      emailDigest: values.emailDigest,
      payload: values.payload ?? null,
      createdAt: values.at,
      updatedAt: values.at,
    })
    .onConflictDoNothing()
    .returning({ key: publicSubmissions.idempotencyKey });
  return rows.length > 0;
}

export async function findSubmission(db: Db, key: string, forUpdate = false) {
  const q = db.select().from(publicSubmissions).where(eq(publicSubmissions.idempotencyKey, key));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

export async function markCreated(
  db: Db,
  key: string,
  values: { caseId: string; reference: string; at: Date },
): Promise<void> {
  await db
    .update(publicSubmissions)
    .set({ status: 'created', caseId: values.caseId, reference: values.reference, updatedAt: values.at })
    .where(eq(publicSubmissions.idempotencyKey, key));
}

/** Moves a pending submission on to 'creating'; false when another request already did. */
export async function takePending(db: Db, key: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(publicSubmissions)
    .set({ status: 'creating', updatedAt: at })
    .where(and(eq(publicSubmissions.idempotencyKey, key), eq(publicSubmissions.status, 'pending')))
    .returning({ key: publicSubmissions.idempotencyKey });
  return rows.length > 0;
}

/** Gives a key back when its intake failed, so the customer can try again with the same form. */
export async function releaseClaim(db: Db, key: string): Promise<void> {
  await db
    .delete(publicSubmissions)
    .where(and(eq(publicSubmissions.idempotencyKey, key), eq(publicSubmissions.status, 'creating')));
}

export async function backToPending(db: Db, key: string): Promise<void> {
  await db
    .update(publicSubmissions)
    .set({ status: 'pending' })
    .where(and(eq(publicSubmissions.idempotencyKey, key), eq(publicSubmissions.status, 'creating')));
}

/** Pending submissions not confirmed within `before` are dropped (personal information kept no longer). */
export async function deleteStalePending(db: Db, before: Date): Promise<void> {
  await db.execute(
    sql`DELETE FROM public_submissions WHERE status = 'pending' AND created_at < ${before.toISOString()}::timestamptz`,
  );
}
