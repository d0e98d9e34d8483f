import { and, asc, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { importErrors, imports } from './imports.tables.js';

export type ImportRow = typeof imports.$inferSelect;

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

export async function insertImport(tx: Db, values: typeof imports.$inferInsert): Promise<ImportRow> {
  const [row] = await tx.insert(imports).values(values).returning();
  return row!;
}

export async function findImport(db: Db, id: string, forUpdate = false): Promise<ImportRow | null> {
  const q = db.select().from(imports).where(eq(imports.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function updateImport(
  tx: Db,
  id: string,
  changes: Partial<typeof imports.$inferInsert>,
): Promise<ImportRow> {
  const [row] = await tx.update(imports).set(changes).where(eq(imports.id, id)).returning();
  return row!;
}

/** Newest first; keyset on (created_at, id). */
export async function listImports(
  db: Db,
  opts: { createdBy: string | null; after: [string, string] | null; limit: number },
): Promise<ImportRow[]> {
  const conditions = [];
  if (opts.createdBy) conditions.push(eq(imports.createdBy, opts.createdBy));
  if (opts.after) {
    const at = new Date(opts.after[0]);
    conditions.push(
      or(lt(imports.createdAt, at), and(eq(imports.createdAt, at), lt(imports.id, opts.after[1]))),
    );
  }
  return db
    .select()
    .from(imports)
    .where(and(...conditions))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(opts.limit + 1);
}

export async function deleteErrors(tx: Db, importId: string): Promise<void> {
  await tx.delete(importErrors).where(eq(importErrors.importId, importId));
}

export async function insertErrors(
  tx: Db,
  importId: string,
  errors: { row: number; column: string | null; reason: string }[],
): Promise<void> {
  if (!errors.length) return;
  const json = JSON.stringify(
    errors.map((e) => ({ import_id: importId, row_number: e.row, column_name: e.column, reason: e.reason })),
  );
  await tx.execute(sql`
    INSERT INTO import_errors (import_id, row_number, column_name, reason)
    SELECT import_id, row_number, column_name, reason
    FROM json_populate_recordset(NULL::import_errors, ${json}::json)`);
}

/** In row order; keyset on (row_number, id). */
export async function listErrors(db: Db, importId: string, after: [number, number] | null, limit: number) {
  return db
    .select()
    .from(importErrors)
    .where(
      and(
        eq(importErrors.importId, importId),
        after
          ? or(
              gt(importErrors.rowNumber, after[0]),
              and(eq(importErrors.rowNumber, after[0]), gt(importErrors.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(asc(importErrors.rowNumber), asc(importErrors.id))
    .limit(limit + 1);
}

/** Which of these external ids cases already use. */
export async function existingExternalIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const res = await db.execute(
    sql`SELECT external_id FROM cases WHERE external_id = ANY(${sql.param(ids)}::text[])`,
  );
  return new Set(rowsOf<{ external_id: string }>(res).map((r) => r.external_id));
}

export async function listAreaNames(db: Db): Promise<{ id: string; name: string }[]> {
  return rowsOf<{ id: string; name: string }>(
    await db.execute(sql`SELECT id, name FROM business_areas WHERE active`),
  );
}

export async function areaExists(db: Db, id: string): Promise<boolean> {
  const res = await db.execute(sql`SELECT 1 FROM business_areas WHERE id = ${id} AND active`);
  return rowsOf(res).length > 0;
}

export interface CategoryRow {
  id: string;
  parent_id: string | null;
  name: string;
}

export async function listCategories(db: Db): Promise<CategoryRow[]> {
  return rowsOf<CategoryRow>(await db.execute(sql`SELECT id, parent_id, name FROM case_categories`));
}

/** Adds the categories that are missing (by parent and case-insensitive name); returns them all again. */
export async function ensureCategories(
  tx: Db,
  wanted: { parentId: string | null; name: string }[],
  now: Date,
): Promise<void> {
  if (!wanted.length) return;
  const json = JSON.stringify(
    wanted.map((w) => ({ parent_id: w.parentId, name: w.name, created_at: now, updated_at: now })),
  );
  await tx.execute(sql`
    INSERT INTO case_categories (parent_id, name, sort_order, created_at, updated_at)
    SELECT parent_id, name, 1000, created_at, updated_at
    FROM json_populate_recordset(NULL::case_categories, ${json}::json)
    ON CONFLICT DO NOTHING`);
}

/**
 * Inserts historical cases in one statement. A row whose external id (or, rarely, reference) is taken is
 * left out: the returned references say which went in.
 */
export async function insertCases(tx: Db, rows: Record<string, unknown>[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const columns = sql.raw(Object.keys(rows[0]!).join(', '));
  const res = await tx.execute(sql`
    INSERT INTO cases (${columns})
    SELECT ${columns} FROM json_populate_recordset(NULL::cases, ${JSON.stringify(rows)}::json)
    ON CONFLICT DO NOTHING
    RETURNING reference`);
  return new Set(rowsOf<{ reference: string }>(res).map((r) => r.reference));
}

export async function insertCaseEvents(tx: Db, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  await tx.execute(sql`
    INSERT INTO case_events (case_id, type, at, actor_id, body, data)
    SELECT case_id, type, at, actor_id, body, data
    FROM json_populate_recordset(NULL::case_events, ${JSON.stringify(rows)}::json)`);
}

/** Keeps a long-running job's claim fresh, so no other worker takes it back as stale. */
export async function touchJob(tx: Db, jobId: number, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE jobs SET locked_at = ${now.toISOString()} WHERE id = ${jobId}`);
}
