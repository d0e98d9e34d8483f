import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { businessCalendars, caseClocks, clockEvents, deadlinePolicies } from './deadlines.tables.js';

/** Rows of a raw query, the same shape on both drivers. */
function rowsOf<T>(res: unknown): T[] {
  return (res as { rows: T[] }).rows;
}

const uuidList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

// ---------------------------------------------------------------------------------------------------------
// Calendars

const calendarColumns = {
  id: businessCalendars.id,
  name: businessCalendars.name,
  timeZone: businessCalendars.timeZone,
  weekly: businessCalendars.weekly,
  holidays: businessCalendars.holidays,
  isDefault: businessCalendars.isDefault,
  version: businessCalendars.version,
  areaIds: sql<string[]>`(SELECT coalesce(json_agg(a.id ORDER BY lower(a.name), a.id), '[]'::json)
    FROM business_areas a WHERE a.calendar_id = business_calendars.id)`,
};
export type CalendarRow = Awaited<ReturnType<typeof findCalendar>> & object;

export async function listCalendars(db: Db) {
  return db
    .select(calendarColumns)
    .from(businessCalendars)
    .orderBy(
      desc(businessCalendars.isDefault),
      sql`lower(${businessCalendars.name})`,
      asc(businessCalendars.id),
    );
}

export async function findCalendar(db: Db, id: string, forUpdate = false) {
  const q = db.select(calendarColumns).from(businessCalendars).where(eq(businessCalendars.id, id));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

export async function findDefaultCalendar(db: Db) {
  const rows = await db
    .select(calendarColumns)
    .from(businessCalendars)
    .where(eq(businessCalendars.isDefault, true));
  return rows[0];
}

/** The calendar of an area: its own, else the default one. */
export async function calendarOfArea(db: Db, areaId: string) {
  const rows = await db
    .select(calendarColumns)
    .from(businessCalendars)
    .where(
      sql`${businessCalendars.id} = coalesce(
        (SELECT a.calendar_id FROM business_areas a WHERE a.id = ${areaId}::uuid),
        (SELECT c.id FROM business_calendars c WHERE c.is_default))`,
    );
  return rows[0];
}

export async function calendarNameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  const where: SQL[] = [sql`lower(${businessCalendars.name}) = lower(${name})`];
  if (exceptId) where.push(sql`${businessCalendars.id} <> ${exceptId}::uuid`);
  const rows = await db
    .select({ id: businessCalendars.id })
    .from(businessCalendars)
    .where(and(...where));
  return rows.length > 0;
}

export async function insertCalendar(db: Db, values: typeof businessCalendars.$inferInsert): Promise<string> {
  const rows = await db.insert(businessCalendars).values(values).returning({ id: businessCalendars.id });
  return rows[0]!.id;
}

export async function updateCalendar(
  db: Db,
  id: string,
  changes: Partial<typeof businessCalendars.$inferInsert>,
  at: Date,
) {
  await db
    .update(businessCalendars)
    .set({ ...changes, version: sql`${businessCalendars.version} + 1`, updatedAt: at })
    .where(eq(businessCalendars.id, id));
}

/** Makes `areaIds` exactly the areas that use this calendar; areas taken off it fall back to the default. */
export async function assignCalendarAreas(db: Db, calendarId: string, areaIds: readonly string[]) {
  await db.execute(sql`UPDATE business_areas SET calendar_id = NULL
    WHERE calendar_id = ${calendarId}::uuid
      ${areaIds.length ? sql`AND id NOT IN (${uuidList(areaIds)})` : sql``}`);
  if (areaIds.length) {
    await db.execute(
      sql`UPDATE business_areas SET calendar_id = ${calendarId}::uuid WHERE id IN (${uuidList(areaIds)})`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Deadline policies

const policyColumns = {
  id: deadlinePolicies.id,
  areaId: deadlinePolicies.areaId,
  areaName: sql<string | null>`(SELECT a.name FROM business_areas a WHERE a.id = deadline_policies.area_id)`,
  priority: deadlinePolicies.priority,
  categoryId: deadlinePolicies.categoryId,
  categoryName: sql<
    string | null
  >`(SELECT c.name FROM case_categories c WHERE c.id = deadline_policies.category_id)`,
  ackKind: deadlinePolicies.ackKind,
  ackValue: deadlinePolicies.ackValue,
  responseKind: deadlinePolicies.responseKind,
  responseValue: deadlinePolicies.responseValue,
  resolutionKind: deadlinePolicies.resolutionKind,
  resolutionValue: deadlinePolicies.resolutionValue,
  warningPercent: deadlinePolicies.warningPercent,
  active: deadlinePolicies.active,
  version: deadlinePolicies.version,
};
export type PolicyRow = Awaited<ReturnType<typeof findPolicy>> & object;

const priorityRank = sql`CASE ${deadlinePolicies.priority} WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`;

export async function listPolicies(db: Db, areaIds: readonly string[] | null) {
  const where: SQL[] = [];
  if (areaIds) {
    where.push(
      areaIds.length
        ? sql`(${deadlinePolicies.areaId} IS NULL OR ${deadlinePolicies.areaId} IN (${uuidList(areaIds)}))`
        : isNull(deadlinePolicies.areaId),
    );
  }
  return db
    .select(policyColumns)
    .from(deadlinePolicies)
    .where(and(...where))
    .orderBy(
      sql`(SELECT lower(a.name) FROM business_areas a WHERE a.id = deadline_policies.area_id) NULLS FIRST`,
      priorityRank,
      sql`(SELECT lower(c.name) FROM case_categories c WHERE c.id = deadline_policies.category_id) NULLS FIRST`,
      desc(deadlinePolicies.active),
      asc(deadlinePolicies.id),
    );
}

export async function findPolicy(db: Db, id: string, forUpdate = false) {
  const q = db.select(policyColumns).from(deadlinePolicies).where(eq(deadlinePolicies.id, id));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

/**
 * The active policy that applies, most specific first: area + priority + category, area + priority,
 * organisation-wide + priority + category, organisation-wide + priority.
 */
export async function applicablePolicy(db: Db, areaId: string, priority: string, categoryId: string | null) {
  const rows = await db
    .select(policyColumns)
    .from(deadlinePolicies)
    .where(
      and(
        eq(deadlinePolicies.active, true),
        eq(deadlinePolicies.priority, priority),
        sql`(${deadlinePolicies.areaId} IS NULL OR ${deadlinePolicies.areaId} = ${areaId}::uuid)`,
        categoryId
          ? sql`(${deadlinePolicies.categoryId} IS NULL OR ${deadlinePolicies.categoryId} = ${categoryId}::uuid)`
          : isNull(deadlinePolicies.categoryId),
      ),
    )
    .orderBy(sql`(${deadlinePolicies.areaId} IS NULL)`, sql`(${deadlinePolicies.categoryId} IS NULL)`)
    .limit(1);
  return rows[0];
}

/** True when a policy (active or not) exists for this scope: defaults never recreate a deactivated one. */
export async function policyScopeExists(db: Db, priority: string): Promise<boolean> {
  const rows = await db
    .select({ id: deadlinePolicies.id })
    .from(deadlinePolicies)
    .where(
      and(
        isNull(deadlinePolicies.areaId),
        isNull(deadlinePolicies.categoryId),
        eq(deadlinePolicies.priority, priority),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function insertPolicy(db: Db, values: typeof deadlinePolicies.$inferInsert): Promise<string> {
  const rows = await db.insert(deadlinePolicies).values(values).returning({ id: deadlinePolicies.id });
  return rows[0]!.id;
}

export async function updatePolicy(
  db: Db,
  id: string,
  changes: Partial<typeof deadlinePolicies.$inferInsert>,
  at: Date,
) {
  await db
    .update(deadlinePolicies)
    .set({ ...changes, version: sql`${deadlinePolicies.version} + 1`, updatedAt: at })
    .where(eq(deadlinePolicies.id, id));
}

export async function categoryExists(db: Db, id: string): Promise<boolean> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`SELECT id FROM case_categories WHERE id = ${id}::uuid`),
  );
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------------------
// Clocks

export type ClockRow = typeof caseClocks.$inferSelect;
export type ClockEventRow = typeof clockEvents.$inferSelect;

export async function insertClock(db: Db, values: typeof caseClocks.$inferInsert): Promise<ClockRow> {
  const rows = await db.insert(caseClocks).values(values).returning();
  return rows[0]!;
}

export async function insertClocks(db: Db, values: (typeof caseClocks.$inferInsert)[]): Promise<ClockRow[]> {
  return db.insert(caseClocks).values(values).returning();
}

export async function insertClockEvents(db: Db, values: (typeof clockEvents.$inferInsert)[]) {
  if (values.length) await db.insert(clockEvents).values(values);
}

export async function clocksOfCase(db: Db, caseId: string, forUpdate = false): Promise<ClockRow[]> {
  const q = db
    .select()
    .from(caseClocks)
    .where(eq(caseClocks.caseId, caseId))
    .orderBy(asc(caseClocks.kind), asc(caseClocks.cycle));
  return forUpdate ? q.for('update') : q;
}

export async function findClock(db: Db, id: string, forUpdate = false): Promise<ClockRow | undefined> {
  const q = db.select().from(caseClocks).where(eq(caseClocks.id, id));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0];
}

export async function openClocksOfCalendar(db: Db, calendarId: string): Promise<ClockRow[]> {
  return db
    .select()
    .from(caseClocks)
    .where(and(eq(caseClocks.calendarId, calendarId), inArray(caseClocks.state, ['running', 'paused'])));
}

export async function updateClock(db: Db, id: string, changes: Partial<typeof caseClocks.$inferInsert>) {
  await db
    .update(caseClocks)
    .set({ ...changes, version: sql`${caseClocks.version} + 1` })
    .where(eq(caseClocks.id, id));
}

/** Sets warned_at once: true only for the one caller that set it. */
export async function markWarned(db: Db, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(caseClocks)
    .set({ warnedAt: at })
    .where(and(eq(caseClocks.id, id), isNull(caseClocks.warnedAt)))
    .returning({ id: caseClocks.id });
  return rows.length > 0;
}

/** Sets breached_at once: true only for the one caller that set it. */
export async function markBreached(db: Db, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(caseClocks)
    .set({ breachedAt: at })
    .where(and(eq(caseClocks.id, id), isNull(caseClocks.breachedAt)))
    .returning({ id: caseClocks.id });
  return rows.length > 0;
}

export async function insertClockEvent(db: Db, values: typeof clockEvents.$inferInsert) {
  await db.insert(clockEvents).values(values);
}

export async function eventsOfClocks(db: Db, clockIds: readonly string[]): Promise<ClockEventRow[]> {
  if (clockIds.length === 0) return [];
  return db
    .select()
    .from(clockEvents)
    .where(inArray(clockEvents.clockId, [...clockIds]))
    .orderBy(asc(clockEvents.id));
}

export async function calendarsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select(calendarColumns)
    .from(businessCalendars)
    .where(inArray(businessCalendars.id, [...ids]));
}

// ---------------------------------------------------------------------------------------------------------
// The case side (tables of the cases module, by name)

export interface CaseBrief {
  id: string;
  reference: string;
  subject: string;
  areaId: string;
  areaName: string;
  teamId: string | null;
  priority: string;
  categoryId: string | null;
  assigneeId: string | null;
  concernsUserId: string | null;
  receivedAt: Date;
  version: number;
}

export async function findCaseBrief(
  db: Db,
  caseId: string,
  forUpdate = false,
): Promise<CaseBrief | undefined> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT c.id, c.reference, c.subject, c.area_id, a.name AS area_name, c.team_id,
        c.priority, c.category_id, c.assignee_id, c.concerns_user_id, c.received_at, c.version
      FROM cases c JOIN business_areas a ON a.id = c.area_id WHERE c.id = ${caseId}::uuid
      ${forUpdate ? sql`FOR UPDATE OF c` : sql``}`),
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: String(r.id),
    reference: String(r.reference),
    subject: String(r.subject),
    areaId: String(r.area_id),
    areaName: String(r.area_name),
    teamId: r.team_id === null ? null : String(r.team_id),
    priority: String(r.priority),
    categoryId: r.category_id === null ? null : String(r.category_id),
    assigneeId: r.assignee_id === null ? null : String(r.assignee_id),
    concernsUserId: r.concerns_user_id === null ? null : String(r.concerns_user_id),
    receivedAt: new Date(r.received_at as string | Date),
    version: Number(r.version),
  };
}

/** The queue's view of the deadlines; clock bookkeeping does not change the case's version. */
export async function setCaseDeadlineSummary(db: Db, caseId: string, sortDue: Date | null, state: string) {
  await db.execute(sql`UPDATE cases
    SET sort_due = ${sortDue ? sql`${sortDue.toISOString()}::timestamptz` : sql`'infinity'::timestamptz`},
        deadline_state = ${state}
    WHERE id = ${caseId}::uuid`);
}

/** Escalation: a real change to the case (priority), so its version moves. */
export async function escalateCase(db: Db, caseId: string, priority: string, at: Date): Promise<number> {
  const rows = rowsOf<{ version: number }>(
    await db.execute(sql`UPDATE cases
      SET priority = ${priority}, escalated = true, version = version + 1, updated_at = ${at.toISOString()}::timestamptz
      WHERE id = ${caseId}::uuid RETURNING version`),
  );
  return Number(rows[0]?.version ?? 0);
}

export async function insertTimelineEntry(
  db: Db,
  entry: {
    caseId: string;
    type: string;
    at: Date;
    actorId: string | null;
    body: string;
    data: Record<string, unknown>;
  },
) {
  await db.execute(sql`INSERT INTO case_events (case_id, type, at, actor_id, body, data)
    VALUES (${entry.caseId}::uuid, ${entry.type}, ${entry.at.toISOString()}::timestamptz,
      ${entry.actorId}::uuid, ${entry.body}, ${JSON.stringify(entry.data)}::jsonb)`);
}

export async function insertTimelineEntries(
  db: Db,
  entries: {
    caseId: string;
    type: string;
    at: Date;
    actorId: string | null;
    body: string;
    data: Record<string, unknown>;
  }[],
) {
  if (entries.length === 0) return;
  await db.execute(
    sql`INSERT INTO case_events (case_id, type, at, actor_id, body, data) VALUES ${sql.join(
      entries.map(
        (
          e,
        ) => sql`(${e.caseId}::uuid, ${e.type}, ${e.at.toISOString()}::timestamptz, ${e.actorId}::uuid, ${e.body},
        ${JSON.stringify(e.data)}::jsonb)`,
      ),
      sql`, `,
    )}`,
  );
}

export interface Recipient {
  id: string;
  name: string;
  email: string;
}

export async function activeUser(db: Db, userId: string): Promise<Recipient | undefined> {
  const rows = rowsOf<Recipient>(
    await db.execute(sql`SELECT id, name, email FROM users WHERE id = ${userId}::uuid AND status = 'active'`),
  );
  return rows[0];
}

/**
 * Who hears of a breach: active people who work in the case's area and may approve (supervisors), and the
 * leader of the case's team. Never the person the complaint is about.
 */
export async function escalationRecipients(
  db: Db,
  areaId: string,
  teamId: string | null,
  exceptUserId: string | null,
): Promise<Recipient[]> {
  const rows = rowsOf<Recipient>(
    await db.execute(sql`SELECT u.id, u.name, u.email FROM users u
      WHERE u.status = 'active'
        AND (
          (EXISTS (SELECT 1 FROM user_areas ua WHERE ua.user_id = u.id AND ua.area_id = ${areaId}::uuid)
            AND EXISTS (SELECT 1 FROM roles r WHERE r.id = u.role_id AND 'cases:approve' = ANY (r.permissions)))
          ${teamId ? sql`OR EXISTS (SELECT 1 FROM team_members tm WHERE tm.user_id = u.id AND tm.team_id = ${teamId}::uuid AND tm.is_leader)` : sql``}
        )
        ${exceptUserId ? sql`AND u.id <> ${exceptUserId}::uuid` : sql``}
      ORDER BY lower(u.email)`),
  );
  return rows;
}

export async function userLabel(
  db: Db,
  userId: string,
): Promise<{ name: string; email: string } | undefined> {
  const rows = rowsOf<{ name: string; email: string }>(
    await db.execute(sql`SELECT name, email FROM users WHERE id = ${userId}::uuid`),
  );
  return rows[0];
}

/** Moves a clock's start (and its 'started' event) to a corrected received time. */
export async function moveClockStart(db: Db, clockId: string, at: Date) {
  await db.update(caseClocks).set({ startedAt: at }).where(eq(caseClocks.id, clockId));
  await db
    .update(clockEvents)
    .set({ at })
    .where(and(eq(clockEvents.clockId, clockId), eq(clockEvents.type, 'started')));
}
