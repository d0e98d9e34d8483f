import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  caseCategories,
  caseEvents,
  caseHandlingSteps,
  caseResolutions,
  cases,
  personalAccessLog,
} from './cases.tables.js';

const userName = (col: SQL | typeof cases.assigneeId) =>
  sql<string | null>`(SELECT u.name FROM users u WHERE u.id = ${col})`;

/** The columns of a case as the service reads it, with the names of what it points at. */
export const caseColumns = {
  id: cases.id,
  reference: cases.reference,
  kind: cases.kind,
  needType: cases.needType,
  areaId: cases.areaId,
  areaName: sql<string>`(SELECT a.name FROM business_areas a WHERE a.id = cases.area_id)`,
  teamId: cases.teamId,
  teamName: sql<string | null>`(SELECT t.name FROM teams t WHERE t.id = cases.team_id)`,
  channel: cases.channel,
  status: cases.status,
  priority: cases.priority,
  severity: cases.severity,
  categoryId: cases.categoryId,
  categoryName: sql<string | null>`(SELECT c.name FROM case_categories c WHERE c.id = cases.category_id)`,
  categoryParentName: sql<
    string | null
  >`(SELECT p.name FROM case_categories c JOIN case_categories p ON p.id = c.parent_id WHERE c.id = cases.category_id)`,
  subject: cases.subject,
  description: cases.description,
  desiredOutcome: cases.desiredOutcome,
  customerType: cases.customerType,
  customerName: cases.customerName,
  customerOrganisation: cases.customerOrganisation,
  customerEmail: cases.customerEmail,
  customerPhone: cases.customerPhone,
  preferredContact: cases.preferredContact,
  helpNeeded: cases.helpNeeded,
  concernsUserId: cases.concernsUserId,
  concernsUserName: userName(sql`cases.concerns_user_id`),
  concernsProduct: cases.concernsProduct,
  assigneeId: cases.assigneeId,
  assigneeName: userName(sql`cases.assignee_id`),
  createdBy: cases.createdBy,
  createdByName: userName(sql`cases.created_by`),
  receivedAt: cases.receivedAt,
  acknowledgedAt: cases.acknowledgedAt,
  firstResponseAt: cases.firstResponseAt,
  respondedAt: cases.respondedAt,
  closedAt: cases.closedAt,
  outcome: cases.outcome,
  outcomeReason: cases.outcomeReason,
  rootCause: cases.rootCause,
  resolvedFirstContact: cases.resolvedFirstContact,
  customerAccepted: cases.customerAccepted,
  reopenCount: cases.reopenCount,
  disputeCount: cases.disputeCount,
  externalBody: cases.externalBody,
  externalReference: cases.externalReference,
  escalated: cases.escalated,
  sortDue: cases.sortDue,
  deadlineState: cases.deadlineState,
  version: cases.version,
  updatedAt: cases.updatedAt,
};
export type CaseRow = Awaited<ReturnType<typeof findCase>> & object;

export async function findCase(db: Db, id: string, forUpdate = false) {
  const q = db.select(caseColumns).from(cases).where(eq(cases.id, id));
  const rows = forUpdate ? await q.for('update', { of: cases }) : await q;
  return rows[0];
}

export async function findCaseByExternalId(db: Db, externalId: string) {
  const rows = await db
    .select({
      id: cases.id,
      reference: cases.reference,
      status: cases.status,
      customerEmail: cases.customerEmail,
    })
    .from(cases)
    .where(eq(cases.externalId, externalId));
  return rows[0];
}

export async function findCaseIdByReference(db: Db, reference: string) {
  const rows = await db.select({ id: cases.id }).from(cases).where(eq(cases.reference, reference));
  return rows[0]?.id;
}

/** Inserts unless the reference is taken; returns the new id or undefined (the caller draws another). */
export async function insertCase(db: Db, values: typeof cases.$inferInsert): Promise<string | undefined> {
  const rows = await db
    .insert(cases)
    .values(values)
    .onConflictDoNothing({ target: cases.reference })
    .returning({ id: cases.id });
  return rows[0]?.id;
}

export async function updateCase(db: Db, id: string, changes: Partial<typeof cases.$inferInsert>, at: Date) {
  await db
    .update(cases)
    .set({ ...changes, version: sql`${cases.version} + 1`, updatedAt: at })
    .where(eq(cases.id, id));
}

/** Touches updated_at without a new version (notes and other additions that change no field). */
export async function touchCase(db: Db, id: string, at: Date) {
  await db.update(cases).set({ updatedAt: at }).where(eq(cases.id, id));
}

export async function appendEvent(
  db: Db,
  e: { caseId: string; type: string; at: Date; actorId: string | null; body?: string; data?: object },
) {
  const rows = await db
    .insert(caseEvents)
    .values({
      caseId: e.caseId,
      type: e.type,
      at: e.at,
      actorId: e.actorId,
      body: e.body ?? '',
      data: (e.data ?? {}) as Record<string, unknown>,
    })
    .returning({ id: caseEvents.id });
  return rows[0]!.id;
}

export async function timeline(db: Db, caseId: string) {
  return db
    .select({
      id: caseEvents.id,
      type: caseEvents.type,
      at: caseEvents.at,
      actorId: caseEvents.actorId,
      actorName: userName(sql`case_events.actor_id`),
      body: caseEvents.body,
      data: caseEvents.data,
    })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.id));
}

export async function handlingSteps(db: Db, caseId: string) {
  return db
    .select({
      step: caseHandlingSteps.step,
      doneAt: caseHandlingSteps.doneAt,
      by: sql<string>`coalesce((SELECT u.name FROM users u WHERE u.id = case_handling_steps.done_by), '')`,
    })
    .from(caseHandlingSteps)
    .where(eq(caseHandlingSteps.caseId, caseId))
    .orderBy(asc(caseHandlingSteps.doneAt));
}

export async function recordStep(db: Db, caseId: string, step: string, at: Date, by: string | null) {
  const rows = await db
    .insert(caseHandlingSteps)
    .values({ caseId, step, doneAt: at, doneBy: by })
    .onConflictDoNothing()
    .returning({ step: caseHandlingSteps.step });
  return rows.length > 0;
}

const resolutionColumns = {
  id: caseResolutions.id,
  caseId: caseResolutions.caseId,
  actions: caseResolutions.actions,
  totalCents: caseResolutions.totalCents,
  summary: caseResolutions.summary,
  status: caseResolutions.status,
  withinAuthority: caseResolutions.withinAuthority,
  proposedBy: caseResolutions.proposedBy,
  proposedByName: sql<string>`(SELECT u.name FROM users u WHERE u.id = case_resolutions.proposed_by)`,
  proposedAt: caseResolutions.proposedAt,
  approverId: caseResolutions.approverId,
  approverName: userName(sql`case_resolutions.approver_id`),
  decidedBy: caseResolutions.decidedBy,
  decidedByName: userName(sql`case_resolutions.decided_by`),
  decidedAt: caseResolutions.decidedAt,
  decisionReason: caseResolutions.decisionReason,
};
export type ResolutionRow = Awaited<ReturnType<typeof latestResolution>> & object;

/** The case's current resolution: the latest one not superseded. */
export async function latestResolution(db: Db, caseId: string) {
  const rows = await db
    .select(resolutionColumns)
    .from(caseResolutions)
    .where(and(eq(caseResolutions.caseId, caseId), sql`${caseResolutions.status} <> 'superseded'`))
    .orderBy(desc(caseResolutions.proposedAt), desc(caseResolutions.id))
    .limit(1);
  return rows[0];
}

export async function supersedeResolutions(db: Db, caseId: string) {
  await db
    .update(caseResolutions)
    .set({ status: 'superseded' })
    .where(
      and(
        eq(caseResolutions.caseId, caseId),
        sql`${caseResolutions.status} IN ('approved', 'pending_approval')`,
      ),
    );
}

export async function insertResolution(db: Db, values: typeof caseResolutions.$inferInsert) {
  const rows = await db.insert(caseResolutions).values(values).returning({ id: caseResolutions.id });
  return rows[0]!.id;
}

export async function decideResolution(
  db: Db,
  id: string,
  values: { status: 'approved' | 'rejected'; decidedBy: string; decidedAt: Date; decisionReason: string },
) {
  await db.update(caseResolutions).set(values).where(eq(caseResolutions.id, id));
}

export async function logPersonalAccess(db: Db, caseId: string, userId: string, at: Date, purpose: string) {
  await db.insert(personalAccessLog).values({ caseId, userId, at, purpose });
}

export async function viewedPersonalSince(db: Db, caseId: string, userId: string, since: Date) {
  const rows = await db
    .select({ id: personalAccessLog.id })
    .from(personalAccessLog)
    .where(
      and(
        eq(personalAccessLog.caseId, caseId),
        eq(personalAccessLog.userId, userId),
        sql`${personalAccessLog.at} >= ${since.toISOString()}`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function listPersonalAccess(
  db: Db,
  opts: { caseId?: string; userId?: string; after: number | null; limit: number },
) {
  const where: SQL[] = [];
  if (opts.caseId) where.push(eq(personalAccessLog.caseId, opts.caseId));
  if (opts.userId) where.push(eq(personalAccessLog.userId, opts.userId));
  if (opts.after !== null) where.push(sql`${personalAccessLog.id} < ${opts.after}`);
  return db
    .select({
      id: personalAccessLog.id,
      at: personalAccessLog.at,
      userId: personalAccessLog.userId,
      userName: sql<string>`(SELECT u.name FROM users u WHERE u.id = personal_access_log.user_id)`,
      caseId: personalAccessLog.caseId,
      reference: sql<string>`(SELECT c.reference FROM cases c WHERE c.id = personal_access_log.case_id)`,
      purpose: personalAccessLog.purpose,
    })
    .from(personalAccessLog)
    .where(and(...where))
    .orderBy(desc(personalAccessLog.id))
    .limit(opts.limit + 1);
}

export async function findCategory(db: Db, id: string) {
  const rows = await db.select().from(caseCategories).where(eq(caseCategories.id, id));
  return rows[0];
}

/** A person as the case rules need them: active, reach, permissions, authority. */
export interface StaffFacts {
  id: string;
  name: string;
  email: string;
  active: boolean;
  allAreas: boolean;
  areaIds: string[];
  permissions: string[];
  limitCents: number;
}

export async function staffFacts(db: Db, ids: readonly string[]): Promise<Map<string, StaffFacts>> {
  if (ids.length === 0) return new Map();
  const res = await db.execute(sql`
    SELECT u.id, u.name, u.email, u.status = 'active' AS active, (u.all_areas OR r.all_areas) AS all_areas,
      r.permissions, r.authority_limit_cents::float8 AS limit_cents,
      coalesce((SELECT array_agg(ua.area_id::text) FROM user_areas ua WHERE ua.user_id = u.id), '{}') AS area_ids
    FROM users u JOIN roles r ON r.id = u.role_id
    WHERE u.id IN (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  const rows = (res as unknown as { rows: Record<string, unknown>[] }).rows;
  return new Map(
    rows.map((r) => [
      String(r.id),
      {
        id: String(r.id),
        name: String(r.name),
        email: String(r.email),
        active: Boolean(r.active),
        allAreas: Boolean(r.all_areas),
        areaIds: r.area_ids as string[],
        permissions: r.permissions as string[],
        limitCents: Number(r.limit_cents),
      },
    ]),
  );
}

/** Active people who may work cases of an area, with how many open cases each holds. */
export async function candidatesForArea(db: Db, areaId: string, permission: string, teamId?: string) {
  const res = await db.execute(sql`
    SELECT u.id, u.name, r.authority_limit_cents::float8 AS limit_cents,
      (SELECT count(*)::int FROM cases c WHERE c.assignee_id = u.id
         AND c.status NOT IN ('closed', 'referred_external')) AS open_cases
    FROM users u JOIN roles r ON r.id = u.role_id
    WHERE u.status = 'active' AND ${permission} = ANY (r.permissions)
      AND (u.all_areas OR r.all_areas OR EXISTS (
        SELECT 1 FROM user_areas ua WHERE ua.user_id = u.id AND ua.area_id = ${areaId}::uuid))
      ${teamId ? sql`AND EXISTS (SELECT 1 FROM team_members tm WHERE tm.user_id = u.id AND tm.team_id = ${teamId}::uuid)` : sql``}
    ORDER BY lower(u.name), u.id`);
  return (
    res as unknown as { rows: { id: string; name: string; limit_cents: number; open_cases: number }[] }
  ).rows.map((r) => ({
    id: String(r.id),
    name: r.name,
    limitCents: Number(r.limit_cents),
    openCases: Number(r.open_cases),
  }));
}

export interface ListFilters {
  areaIds: readonly string[] | null;
  visibleAreaIds: readonly string[] | null;
  statuses?: string[];
  open?: boolean;
  teamId?: string;
  assigneeId?: string | null;
  kinds?: string[];
  categoryId?: string;
  channels?: string[];
  priorities?: string[];
  deadlines?: string[];
  receivedFrom?: Date;
  receivedTo?: Date;
  q?: string;
  searchPersonal: boolean;
  approverId?: string;
}

export function whereOf(f: ListFilters): SQL | undefined {
  const w: SQL[] = [];
  const ids = (list: readonly string[]) =>
    sql.join(
      list.map((a) => sql`${a}::uuid`),
      sql`, `,
    );
  const texts = (list: readonly string[]) =>
    sql.join(
      list.map((a) => sql`${a}`),
      sql`, `,
    );
  if (f.visibleAreaIds)
    w.push(f.visibleAreaIds.length ? sql`cases.area_id IN (${ids(f.visibleAreaIds)})` : sql`false`);
  if (f.areaIds?.length) w.push(sql`cases.area_id IN (${ids(f.areaIds)})`);
  if (f.statuses?.length) w.push(sql`cases.status IN (${texts(f.statuses)})`);
  if (f.open === true) w.push(sql`cases.status NOT IN ('closed', 'referred_external')`);
  if (f.open === false) w.push(sql`cases.status IN ('closed', 'referred_external')`);
  if (f.teamId) w.push(sql`cases.team_id = ${f.teamId}::uuid`);
  if (f.assigneeId === null) w.push(sql`cases.assignee_id IS NULL`);
  else if (f.assigneeId) w.push(sql`cases.assignee_id = ${f.assigneeId}::uuid`);
  if (f.kinds?.length) w.push(sql`cases.kind IN (${texts(f.kinds)})`);
  if (f.categoryId)
    w.push(
      sql`(cases.category_id = ${f.categoryId}::uuid OR cases.category_id IN (SELECT id FROM case_categories WHERE parent_id = ${f.categoryId}::uuid))`,
    );
  if (f.channels?.length) w.push(sql`cases.channel IN (${texts(f.channels)})`);
  if (f.priorities?.length) w.push(sql`cases.priority IN (${texts(f.priorities)})`);
  if (f.deadlines?.length) w.push(sql`cases.deadline_state IN (${texts(f.deadlines)})`);
  if (f.receivedFrom) w.push(sql`cases.received_at >= ${f.receivedFrom.toISOString()}`);
  if (f.receivedTo) w.push(sql`cases.received_at < ${f.receivedTo.toISOString()}`);
  if (f.approverId)
    w.push(
      sql`EXISTS (SELECT 1 FROM case_resolutions r WHERE r.case_id = cases.id AND r.status = 'pending_approval' AND r.approver_id = ${f.approverId}::uuid)`,
    );
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const ref = f.q.toUpperCase();
    w.push(
      f.searchPersonal
        ? sql`(cases.reference = ${ref} OR cases.subject ILIKE ${like} OR cases.customer_name ILIKE ${like} OR cases.customer_email ILIKE ${like})`
        : sql`(cases.reference = ${ref} OR cases.subject ILIKE ${like})`,
    );
  }
  return w.length ? and(...w) : undefined;
}

export type SortKey = 'due' | 'received' | 'updated';

const listColumns = {
  id: cases.id,
  reference: cases.reference,
  kind: cases.kind,
  status: cases.status,
  priority: cases.priority,
  subject: cases.subject,
  channel: cases.channel,
  areaId: cases.areaId,
  areaName: caseColumns.areaName,
  teamId: cases.teamId,
  teamName: caseColumns.teamName,
  categoryId: cases.categoryId,
  categoryName: caseColumns.categoryName,
  categoryParentName: caseColumns.categoryParentName,
  assigneeId: cases.assigneeId,
  assigneeName: caseColumns.assigneeName,
  customerName: cases.customerName,
  receivedAt: cases.receivedAt,
  sortDue: cases.sortDue,
  deadlineState: cases.deadlineState,
  escalated: cases.escalated,
  version: cases.version,
  updatedAt: cases.updatedAt,
};
export type CaseListRow = Awaited<ReturnType<typeof listCases>>[number];

export async function listCases(
  db: Db,
  filters: ListFilters,
  sort: SortKey,
  after: [string, string] | null,
  limit: number,
) {
  const where: (SQL | undefined)[] = [whereOf(filters)];
  let order: SQL[];
  if (sort === 'due') {
    if (after) where.push(sql`(cases.sort_due, cases.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)`);
    order = [sql`cases.sort_due ASC`, sql`cases.id ASC`];
  } else {
    const col = sort === 'received' ? sql`cases.received_at` : sql`cases.updated_at`;
    if (after) where.push(sql`(${col}, cases.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
    order = [sql`${col} DESC`, sql`cases.id DESC`];
  }
  return db
    .select(listColumns)
    .from(cases)
    .where(and(...where))
    .orderBy(...order)
    .limit(limit + 1);
}

export async function countCases(db: Db, filters: ListFilters): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(whereOf(filters));
  return Number(rows[0]?.n ?? 0);
}

export async function isAreaActive(db: Db, areaId: string): Promise<boolean> {
  const res = await db.execute(sql`SELECT active FROM business_areas WHERE id = ${areaId}::uuid`);
  return Boolean((res as unknown as { rows: { active: boolean }[] }).rows[0]?.active);
}
