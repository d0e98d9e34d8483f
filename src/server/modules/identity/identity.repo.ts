import { and, asc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  apiTokens,
  oneTimeTokens,
  roles,
  sessions,
  signInFailures,
  teamMembers,
  userAreas,
  users,
} from './identity.tables.js';

export type RoleRow = typeof roles.$inferSelect;
export type UserRow = typeof users.$inferSelect;

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  jobTitle: users.jobTitle,
  passwordHash: users.passwordHash,
  status: users.status,
  roleId: users.roleId,
  roleKey: roles.key,
  roleName: roles.name,
  rolePermissions: roles.permissions,
  roleAllAreas: roles.allAreas,
  authorityLimitCents: roles.authorityLimitCents,
  allAreas: users.allAreas,
  lastSignInAt: users.lastSignInAt,
  version: users.version,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  areaIds: sql<
    string[]
  >`coalesce((SELECT array_agg(ua.area_id::text ORDER BY ua.area_id) FROM user_areas ua WHERE ua.user_id = users.id), '{}')`,
  teamIds: sql<
    string[]
  >`coalesce((SELECT array_agg(tm.team_id::text ORDER BY tm.team_id) FROM team_members tm WHERE tm.user_id = users.id), '{}')`,
};
export type UserWithRole = Awaited<ReturnType<typeof findUserById>> & object;

// ---- roles ----
export async function listRoles(db: Db) {
  return db
    .select({
      role: roles,
      userCount: sql<number>`(SELECT count(*)::int FROM users u WHERE u.role_id = roles.id AND u.status <> 'deactivated')`,
    })
    .from(roles)
    .orderBy(asc(roles.authorityLimitCents), asc(roles.name));
}

export async function findRole(db: Db, id: string, forUpdate = false) {
  const q = db.select().from(roles).where(eq(roles.id, id));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

export async function findRoleByKey(db: Db, key: string) {
  const rows = await db.select().from(roles).where(eq(roles.key, key));
  return rows[0];
}

export async function insertRole(db: Db, values: typeof roles.$inferInsert) {
  const rows = await db.insert(roles).values(values).returning();
  return rows[0]!;
}

export async function updateRole(db: Db, id: string, changes: Partial<typeof roles.$inferInsert>, at: Date) {
  const rows = await db
    .update(roles)
    .set({ ...changes, version: sql`${roles.version} + 1`, updatedAt: at })
    .where(eq(roles.id, id))
    .returning();
  return rows[0]!;
}

// ---- users ----
export async function findUserById(db: Db, id: string) {
  const rows = await db
    .select(userColumns)
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(eq(users.id, id));
  return rows[0];
}

export async function lockUser(db: Db, id: string) {
  await db.select({ id: users.id }).from(users).where(eq(users.id, id)).for('update');
}

export async function findUserByEmail(db: Db, email: string) {
  const rows = await db
    .select(userColumns)
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(sql`lower(${users.email}) = lower(${email})`);
  return rows[0];
}

export async function listUsers(
  db: Db,
  opts: {
    visibleAreaIds: readonly string[] | null;
    q?: string;
    status?: string;
    areaId?: string;
    teamId?: string;
    roleId?: string;
    after: [string, string] | null;
    limit: number;
  },
) {
  const where: (SQL | undefined)[] = [];
  if (opts.visibleAreaIds) {
    where.push(
      opts.visibleAreaIds.length
        ? sql`EXISTS (SELECT 1 FROM user_areas ua WHERE ua.user_id = users.id AND ua.area_id IN (${sql.join(
            opts.visibleAreaIds.map((a) => sql`${a}::uuid`),
            sql`, `,
          )}))`
        : sql`false`,
    );
  }
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      sql`(${users.name} ILIKE ${like} OR ${users.email} ILIKE ${like} OR ${users.jobTitle} ILIKE ${like})`,
    );
  }
  if (opts.status) where.push(sql`${users.status} = ${opts.status}`);
  if (opts.roleId) where.push(eq(users.roleId, opts.roleId));
  if (opts.areaId)
    where.push(
      sql`EXISTS (SELECT 1 FROM user_areas ua WHERE ua.user_id = users.id AND ua.area_id = ${opts.areaId}::uuid)`,
    );
  if (opts.teamId)
    where.push(
      sql`EXISTS (SELECT 1 FROM team_members tm WHERE tm.user_id = users.id AND tm.team_id = ${opts.teamId}::uuid)`,
    );
  if (opts.after)
    where.push(sql`(lower(${users.name}), ${users.id}) > (${opts.after[0]}, ${opts.after[1]}::uuid)`);
  return db
    .select(userColumns)
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(...where))
    .orderBy(sql`lower(${users.name})`, asc(users.id))
    .limit(opts.limit + 1);
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<string> {
  const rows = await db.insert(users).values(values).returning({ id: users.id });
  return rows[0]!.id;
}

export async function updateUser(
  db: Db,
  id: string,
  changes: Partial<typeof users.$inferInsert>,
  at: Date,
  bumpVersion = true,
) {
  await db
    .update(users)
    .set({ ...changes, ...(bumpVersion ? { version: sql`${users.version} + 1`, updatedAt: at } : {}) })
    .where(eq(users.id, id));
}

export async function setMemberships(
  db: Db,
  userId: string,
  areaIds: readonly string[],
  teamIds: readonly string[],
) {
  await db.delete(teamMembers).where(eq(teamMembers.userId, userId));
  await db.delete(userAreas).where(eq(userAreas.userId, userId));
  if (areaIds.length) await db.insert(userAreas).values(areaIds.map((areaId) => ({ userId, areaId })));
  if (teamIds.length) await db.insert(teamMembers).values(teamIds.map((teamId) => ({ userId, teamId })));
}

// ---- sessions ----
export async function insertSession(db: Db, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export async function findSession(db: Db, id: string, now: Date) {
  const rows = await db
    .select({ session: sessions, user: userColumns })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now), eq(users.status, 'active')));
  return rows[0];
}

export async function touchSession(db: Db, id: string, now: Date, expiresAt: Date) {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string) {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(db: Db, userId: string, exceptId?: string): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptId ? sql`${sessions.id} <> ${exceptId}` : undefined))
    .returning({ id: sessions.id });
  return rows.length;
}

// ---- api tokens ----
export async function insertApiToken(db: Db, values: typeof apiTokens.$inferInsert) {
  const rows = await db.insert(apiTokens).values(values).returning();
  return rows[0]!;
}

export async function listApiTokens(db: Db, userId: string) {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(sql`${apiTokens.createdAt} DESC`);
}

export async function findApiTokenForAuth(db: Db, tokenHash: string, now: Date) {
  const rows = await db
    .select({ token: apiTokens, user: userColumns })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        sql`(${apiTokens.expiresAt} IS NULL OR ${apiTokens.expiresAt} > ${now.toISOString()})`,
        eq(users.status, 'active'),
      ),
    );
  return rows[0];
}

export async function touchApiToken(db: Db, id: string, now: Date) {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}

export async function revokeApiToken(db: Db, userId: string, id: string, now: Date) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  return rows[0];
}

export async function findApiToken(db: Db, userId: string, id: string) {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)));
  return rows[0];
}

export async function revokeAllApiTokens(db: Db, userId: string, now: Date) {
  await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
}

// ---- one-time tokens ----
export async function insertOneTimeToken(db: Db, values: typeof oneTimeTokens.$inferInsert) {
  await db.insert(oneTimeTokens).values(values);
}

export async function findOneTimeToken(
  db: Db,
  tokenHash: string,
  purpose: 'invitation' | 'password_reset',
  now: Date,
  forUpdate = false,
) {
  const q = db
    .select()
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.tokenHash, tokenHash),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    );
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

export async function useOneTimeToken(db: Db, id: string, now: Date) {
  await db.update(oneTimeTokens).set({ usedAt: now }).where(eq(oneTimeTokens.id, id));
}

/** Earlier unused tokens of the same purpose stop working when a new one is issued. */
export async function expireOneTimeTokens(
  db: Db,
  userId: string,
  purpose: 'invitation' | 'password_reset',
  now: Date,
) {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)),
    );
}

// ---- sign-in throttling ----
export async function recordSignInFailure(db: Db, email: string, ip: string, at: Date) {
  await db.insert(signInFailures).values({ email, ip, at });
}

export async function countRecentFailures(db: Db, email: string, ip: string, since: Date) {
  const rows = await db
    .select({
      byEmail: sql<number>`count(*) FILTER (WHERE lower(${signInFailures.email}) = lower(${email}))::int`,
      byIp: sql<number>`count(*) FILTER (WHERE ${signInFailures.ip} = ${ip})::int`,
    })
    .from(signInFailures)
    .where(
      and(
        gt(signInFailures.at, since),
        sql`(lower(${signInFailures.email}) = lower(${email}) OR ${signInFailures.ip} = ${ip})`,
      ),
    );
  return { byEmail: Number(rows[0]?.byEmail ?? 0), byIp: Number(rows[0]?.byIp ?? 0) };
}

export async function clearFailures(db: Db, email: string) {
  await db.delete(signInFailures).where(sql`lower(${signInFailures.email}) = lower(${email})`);
}
