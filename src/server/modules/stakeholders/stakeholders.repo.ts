import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { stakeholders } from './stakeholders.tables.js';

const columns = {
  id: stakeholders.id,
  name: stakeholders.name,
  kind: stakeholders.kind,
  organisationName: stakeholders.organisationName,
  email: stakeholders.email,
  phone: stakeholders.phone,
  notes: stakeholders.notes,
  areaId: stakeholders.areaId,
  areaName: sql<string | null>`(SELECT a.name FROM business_areas a WHERE a.id = stakeholders.area_id)`,
  active: stakeholders.active,
  version: stakeholders.version,
  createdAt: stakeholders.createdAt,
  updatedAt: stakeholders.updatedAt,
};
export type StakeholderRow = Awaited<ReturnType<typeof findStakeholder>> & object;

export async function listStakeholders(
  db: Db,
  opts: {
    areaIds: readonly string[] | null;
    q?: string;
    kind?: string;
    areaId?: string;
    active?: boolean;
    after: [string, string] | null;
    limit: number;
  },
) {
  const where: (SQL | undefined)[] = [];
  // Organisation-wide stakeholders (no area) are visible to everyone with access to the register.
  if (opts.areaIds) {
    where.push(
      opts.areaIds.length
        ? sql`(${stakeholders.areaId} IS NULL OR ${stakeholders.areaId} IN (${sql.join(
            opts.areaIds.map((a) => sql`${a}::uuid`),
            sql`, `,
          )}))`
        : sql`${stakeholders.areaId} IS NULL`,
    );
  }
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`(${stakeholders.name} ILIKE ${like} OR ${stakeholders.organisationName} ILIKE ${like} OR ${stakeholders.email} ILIKE ${like})`,
    );
  }
  if (opts.kind) where.push(eq(stakeholders.kind, opts.kind));
  if (opts.areaId) where.push(eq(stakeholders.areaId, opts.areaId));
  if (opts.active !== undefined) where.push(eq(stakeholders.active, opts.active));
  if (opts.after)
    where.push(
      sql`(lower(${stakeholders.name}), ${stakeholders.id}) > (${opts.after[0]}, ${opts.after[1]}::uuid)`,
    );
  return db
    .select(columns)
    .from(stakeholders)
    .where(and(...where))
    .orderBy(sql`lower(${stakeholders.name})`, asc(stakeholders.id))
    .limit(opts.limit + 1);
}

export async function findStakeholder(db: Db, id: string, forUpdate = false) {
  const q = db.select(columns).from(stakeholders).where(eq(stakeholders.id, id));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

export async function insertStakeholder(db: Db, values: typeof stakeholders.$inferInsert): Promise<string> {
  const rows = await db.insert(stakeholders).values(values).returning({ id: stakeholders.id });
  return rows[0]!.id;
}

export async function updateStakeholder(
  db: Db,
  id: string,
  changes: Partial<typeof stakeholders.$inferInsert>,
  at: Date,
) {
  await db
    .update(stakeholders)
    .set({ ...changes, version: sql`${stakeholders.version} + 1`, updatedAt: at })
    .where(eq(stakeholders.id, id));
}
