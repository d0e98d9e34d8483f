import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { businessAreas, organisation, teams } from './organisation.tables.js';

export type OrganisationRow = typeof organisation.$inferSelect;
export type AreaRow = typeof businessAreas.$inferSelect & { teamCount: number };
export type TeamRow = typeof teams.$inferSelect & { areaName: string; memberCount: number };

export async function findOrganisation(db: Db): Promise<OrganisationRow | undefined> {
  const rows = await db.select().from(organisation).where(eq(organisation.id, 1));
  return rows[0];
}

export async function insertOrganisation(
  db: Db,
  values: { name: string; timeZone: string; locale: string; currency: string },
): Promise<OrganisationRow> {
  const rows = await db
    .insert(organisation)
    .values({ id: 1, ...values })
    .returning();
  return rows[0]!;
}

export async function updateOrganisation(
  db: Db,
  changes: Partial<Pick<OrganisationRow, 'name' | 'timeZone' | 'locale' | 'currency' | 'sampleLoaded'>>,
  at: Date,
): Promise<OrganisationRow> {
  const rows = await db
    .update(organisation)
    .set({ ...changes, version: sql`${organisation.version} + 1`, updatedAt: at })
    .where(eq(organisation.id, 1))
    .returning();
  return rows[0]!;
}

const teamCount = sql<number>`(SELECT count(*)::int FROM teams t WHERE t.area_id = business_areas.id AND t.active)`;

export async function listAreas(
  db: Db,
  opts: {
    areaIds: readonly string[] | null;
    q?: string;
    active?: boolean;
    after: [string, string] | null;
    limit: number;
  },
): Promise<AreaRow[]> {
  const where: (SQL | undefined)[] = [];
  if (opts.areaIds)
    where.push(opts.areaIds.length ? inArray(businessAreas.id, [...opts.areaIds]) : sql`false`);
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(sql`${businessAreas.name} ILIKE ${like}`, sql`${businessAreas.code} ILIKE ${like}`));
  }
  if (opts.active !== undefined) where.push(eq(businessAreas.active, opts.active));
  if (opts.after)
    where.push(
      sql`(lower(${businessAreas.name}), ${businessAreas.id}) > (${opts.after[0]}, ${opts.after[1]}::uuid)`,
    );
  return db
    .select({ ...getAreaColumns(), teamCount })
    .from(businessAreas)
    .where(and(...where))
    .orderBy(sql`lower(${businessAreas.name})`, asc(businessAreas.id))
    .limit(opts.limit + 1);
}

function getAreaColumns() {
  return {
    id: businessAreas.id,
    name: businessAreas.name,
    code: businessAreas.code,
    description: businessAreas.description,
    active: businessAreas.active,
    version: businessAreas.version,
    createdAt: businessAreas.createdAt,
    updatedAt: businessAreas.updatedAt,
  };
}

export async function findArea(db: Db, id: string, forUpdate = false): Promise<AreaRow | undefined> {
  const q = db
    .select({ ...getAreaColumns(), teamCount })
    .from(businessAreas)
    .where(eq(businessAreas.id, id));
  const rows = forUpdate ? await q.for('update', { of: businessAreas }) : await q;
  return rows[0];
}

export async function findAreaByNameOrCode(db: Db, name: string, code: string, exceptId?: string) {
  return db
    .select({ id: businessAreas.id, name: businessAreas.name, code: businessAreas.code })
    .from(businessAreas)
    .where(
      and(
        or(
          sql`lower(${businessAreas.name}) = lower(${name})`,
          sql`upper(${businessAreas.code}) = upper(${code})`,
        ),
        exceptId ? sql`${businessAreas.id} <> ${exceptId}::uuid` : undefined,
      ),
    );
}

export async function insertArea(db: Db, values: { name: string; code: string; description: string }) {
  const rows = await db.insert(businessAreas).values(values).returning({ id: businessAreas.id });
  return rows[0]!.id;
}

export async function updateArea(
  db: Db,
  id: string,
  changes: Partial<{ name: string; code: string; description: string; active: boolean }>,
  at: Date,
): Promise<void> {
  await db
    .update(businessAreas)
    .set({ ...changes, version: sql`${businessAreas.version} + 1`, updatedAt: at })
    .where(eq(businessAreas.id, id));
}

export async function existingAreaIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: businessAreas.id })
    .from(businessAreas)
    .where(inArray(businessAreas.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

const teamColumns = {
  id: teams.id,
  areaId: teams.areaId,
  name: teams.name,
  description: teams.description,
  active: teams.active,
  version: teams.version,
  createdAt: teams.createdAt,
  updatedAt: teams.updatedAt,
  areaName: businessAreas.name,
  memberCount: sql<number>`(SELECT count(*)::int FROM team_members m JOIN users u ON u.id = m.user_id
    WHERE m.team_id = teams.id AND u.status <> 'deactivated')`,
};

export async function listTeams(
  db: Db,
  opts: {
    areaIds: readonly string[] | null;
    areaId?: string;
    q?: string;
    active?: boolean;
    after: [string, string] | null;
    limit: number;
  },
): Promise<TeamRow[]> {
  const where: (SQL | undefined)[] = [];
  if (opts.areaIds) where.push(opts.areaIds.length ? inArray(teams.areaId, [...opts.areaIds]) : sql`false`);
  if (opts.areaId) where.push(eq(teams.areaId, opts.areaId));
  if (opts.q) where.push(sql`${teams.name} ILIKE ${`%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (opts.active !== undefined) where.push(eq(teams.active, opts.active));
  if (opts.after)
    where.push(sql`(lower(${teams.name}), ${teams.id}) > (${opts.after[0]}, ${opts.after[1]}::uuid)`);
  return db
    .select(teamColumns)
    .from(teams)
    .innerJoin(businessAreas, eq(businessAreas.id, teams.areaId))
    .where(and(...where))
    .orderBy(sql`lower(${teams.name})`, asc(teams.id))
    .limit(opts.limit + 1);
}

export async function findTeam(db: Db, id: string, forUpdate = false): Promise<TeamRow | undefined> {
  const q = db
    .select(teamColumns)
    .from(teams)
    .innerJoin(businessAreas, eq(businessAreas.id, teams.areaId))
    .where(eq(teams.id, id));
  const rows = forUpdate ? await q.for('update', { of: teams }) : await q;
  return rows[0];
}

export async function findTeamByName(db: Db, areaId: string, name: string, exceptId?: string) {
  return db
    .select({ id: teams.id })
    .from(teams)
    .where(
      and(
        eq(teams.areaId, areaId),
        sql`lower(${teams.name}) = lower(${name})`,
        exceptId ? sql`${teams.id} <> ${exceptId}::uuid` : undefined,
      ),
    );
}

export async function insertTeam(db: Db, values: { areaId: string; name: string; description: string }) {
  const rows = await db.insert(teams).values(values).returning({ id: teams.id });
  return rows[0]!.id;
}

export async function updateTeam(
  db: Db,
  id: string,
  changes: Partial<{ name: string; description: string; active: boolean }>,
  at: Date,
): Promise<void> {
  await db
    .update(teams)
    .set({ ...changes, version: sql`${teams.version} + 1`, updatedAt: at })
    .where(eq(teams.id, id));
}

export async function teamsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: teams.id, areaId: teams.areaId, active: teams.active })
    .from(teams)
    .where(inArray(teams.id, [...ids]));
}
