import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArea,
  createStaff,
  createTeam,
  createTestApp,
  setupOrganisation,
  signIn,
  ADMIN,
  Session,
  type TestApp,
} from '../../../../test/support/app.js';
import type { Calendar, DeadlinePolicy, Priority } from '../../../contracts/cases.js';
import { buildApp, type BuiltApp } from '../../app.js';
import { ManualClock } from '../../platform/clock.js';
import { enqueueJob } from '../../platform/jobs.js';
import { DEADLINE_QUEUE } from './index.js';

/** Sydney wall time (AEST, UTC+10, in June) as an instant. */
const syd = (local: string) => new Date(`${local}+10:00`);

const DAY = { start: '09:00', end: '17:00' };
const WEEKDAYS = { 1: [DAY], 2: [DAY], 3: [DAY], 4: [DAY], 5: [DAY] };

let caseCounter = 0;

/** A case row written straight into the table, as the cases module would, for the clocks to work on. */
async function insertCase(
  t: { database: TestApp['database'] },
  opts: {
    areaId: string;
    receivedAt: Date;
    priority?: Priority;
    categoryId?: string | null;
    assigneeId?: string | null;
  },
) {
  caseCounter++;
  const reference = `VR-TEST-${caseCounter}`;
  const rows = await t.database.query<{ id: string }>(
    `INSERT INTO cases (reference, kind, area_id, channel, subject, description, received_at, sort_due,
       priority, category_id, assignee_id)
     VALUES ($1, 'complaint', $2, 'phone', 'Cold room service', 'The food arrived cold', $3, 'infinity', $4, $5, $6)
     RETURNING id`,
    [
      reference,
      opts.areaId,
      opts.receivedAt.toISOString(),
      opts.priority ?? 'medium',
      opts.categoryId ?? null,
      opts.assigneeId ?? null,
    ],
  );
  return {
    id: rows[0]!.id,
    reference,
    areaId: opts.areaId,
    priority: opts.priority ?? 'medium',
    categoryId: opts.categoryId ?? null,
    receivedAt: opts.receivedAt,
  };
}

async function caseRow(t: { database: TestApp['database'] }, id: string) {
  const rows = await t.database.query<{
    priority: string;
    escalated: boolean;
    version: number;
    deadline_state: string;
    sort_due: string;
  }>(
    `SELECT priority, escalated, version, deadline_state, CASE WHEN sort_due = 'infinity' THEN 'infinity'
       ELSE to_char(sort_due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END AS sort_due FROM cases WHERE id = $1`,
    [id],
  );
  return rows[0]!;
}

async function clockRows(t: { database: TestApp['database'] }, caseId: string) {
  return t.database.query<{
    id: string;
    kind: string;
    state: string;
    cycle: number;
    due_at: Date | null;
    warning_at: Date | null;
    target_kind: string;
    target_value: number;
  }>(`SELECT * FROM case_clocks WHERE case_id = $1 ORDER BY kind, cycle`, [caseId]);
}

async function clockEventTypes(t: { database: TestApp['database'] }, clockId: string) {
  const rows = await t.database.query<{ type: string }>(
    `SELECT type FROM clock_events WHERE clock_id = $1 ORDER BY id`,
    [clockId],
  );
  return rows.map((r) => r.type);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

describe('deadline configuration', () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let officer: Session;
  let areaA: { id: string; name: string };
  let areaB: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp({ clock: new ManualClock('2026-06-01T00:00:00Z') });
    admin = await setupOrganisation(t);
    areaA = await createArea(admin, { name: 'Restaurant', code: 'REST' });
    areaB = await createArea(admin, { name: 'Front desk', code: 'DESK' });
    manager = (await createStaff(t, admin, { role: 'manager' })).session;
    officer = (await createStaff(t, admin, { role: 'officer', areaIds: [areaA.id] })).session;
  });
  afterAll(() => t.close());

  it('ships a default calendar (Mon–Fri 9–5, Australian holidays of this and next year) and four policies', async () => {
    const res = await manager.get('/api/v1/calendars');
    expect(res.statusCode).toBe(200);
    const calendars = res.json<{ items: Calendar[] }>().items;
    expect(calendars).toHaveLength(1);
    const cal = calendars[0]!;
    expect(cal).toMatchObject({
      name: 'Standard business hours',
      timeZone: 'Australia/Sydney',
      isDefault: true,
    });
    expect(cal.weekly['1']).toEqual([DAY]);
    expect(cal.weekly['5']).toEqual([DAY]);
    expect(cal.weekly['6']).toEqual([]);
    const dates = cal.holidays.map((h) => h.date);
    expect(dates).toContain('2026-06-08'); // King's Birthday
    expect(dates).toContain('2027-01-26');
    expect(dates.some((d) => d.startsWith('2028'))).toBe(false);

    const policies = (await officer.get('/api/v1/deadline-policies')).json<{ items: DeadlinePolicy[] }>()
      .items;
    expect(policies.map((p) => p.priority)).toEqual(['urgent', 'high', 'medium', 'low']);
    expect(policies.every((p) => p.areaId === null && p.categoryId === null && p.warningPercent === 75)).toBe(
      true,
    );
    expect(policies[0]).toMatchObject({
      acknowledgement: { kind: 'businessTime', value: 60 },
      firstResponse: { kind: 'businessTime', value: 240 },
      resolution: { kind: 'businessTime', value: 960 },
    });
    expect(policies[2]!.resolution).toEqual({ kind: 'calendarDays', value: 10 });
  });

  it('ensureDefaults is idempotent and never brings back a deactivated policy', async () => {
    const policies = (await manager.get('/api/v1/deadline-policies')).json<{ items: DeadlinePolicy[] }>()
      .items;
    const low = policies.find((p) => p.priority === 'low')!;
    const off = await manager.patch(`/api/v1/deadline-policies/${low.id}`, {
      version: low.version,
      active: false,
    });
    expect(off.statusCode).toBe(200);
    await t.database.db.transaction((tx) => t.services.deadlines.ensureDefaults(tx, 'Australia/Sydney'));
    await t.database.db.transaction((tx) => t.services.deadlines.ensureDefaults(tx, 'Australia/Sydney'));
    const counts = await t.database.query<{ calendars: number; policies: number; active: number }>(
      `SELECT (SELECT count(*)::int FROM business_calendars) AS calendars,
              (SELECT count(*)::int FROM deadline_policies) AS policies,
              (SELECT count(*)::int FROM deadline_policies WHERE active) AS active`,
    );
    expect(counts[0]).toEqual({ calendars: 1, policies: 4, active: 3 });
    const back = off.json<DeadlinePolicy>();
    expect(
      (await manager.patch(`/api/v1/deadline-policies/${low.id}`, { version: back.version, active: true }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses an invalid calendar, naming each bad field', async () => {
    const res = await manager.post('/api/v1/calendars', {
      name: 'Mars office',
      timeZone: 'Mars/Olympus_Mons',
      weekly: { 1: [DAY, { start: '16:00', end: '18:00' }] },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.timeZone', 'body.weekly.1.1']));
    const noTime = await manager.post('/api/v1/calendars', {
      name: 'Never open',
      timeZone: 'UTC',
      weekly: {},
    });
    expect(noTime.statusCode).toBe(400);
    expect(noTime.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['body.weekly']);
    expect(
      (await t.database.query(`SELECT 1 FROM business_calendars WHERE name = 'Mars office'`)).length,
    ).toBe(0);
  });

  it('creates a calendar for some areas, edits it with versions, and audits it', async () => {
    const created = await manager.post('/api/v1/calendars', {
      name: 'Front desk roster',
      timeZone: 'Australia/Perth',
      weekly: { ...WEEKDAYS, 6: [{ start: '22:00', end: '06:00' }] },
      holidays: [{ date: '2026-06-01', name: 'Western Australia Day' }],
      areaIds: [areaB.id],
    });
    expect(created.statusCode).toBe(201);
    const cal = created.json<Calendar>();
    expect(cal).toMatchObject({
      areaIds: [areaB.id],
      isDefault: false,
      version: 1,
      timeZone: 'Australia/Perth',
    });
    expect(cal.weekly['6']).toEqual([{ start: '22:00', end: '06:00' }]);
    const area = await t.database.query<{ calendar_id: string }>(
      `SELECT calendar_id FROM business_areas WHERE id = $1`,
      [areaB.id],
    );
    expect(area[0]!.calendar_id).toBe(cal.id);

    const dup = await manager.post('/api/v1/calendars', {
      name: 'front DESK roster',
      timeZone: 'UTC',
      weekly: WEEKDAYS,
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.name');

    const badZone = await manager.patch(`/api/v1/calendars/${cal.id}`, {
      version: 1,
      timeZone: 'Nowhere/Special',
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      'body.timeZone',
    ]);

    const edited = await manager.patch(`/api/v1/calendars/${cal.id}`, {
      version: 1,
      areaIds: [areaA.id],
      holidays: [],
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<Calendar>()).toMatchObject({ areaIds: [areaA.id], holidays: [], version: 2 });
    const areas = await t.database.query<{ id: string; calendar_id: string | null }>(
      `SELECT id, calendar_id FROM business_areas WHERE id IN ($1, $2)`,
      [areaA.id, areaB.id],
    );
    expect(Object.fromEntries(areas.map((a) => [a.id, a.calendar_id]))).toEqual({
      [areaA.id]: cal.id,
      [areaB.id]: null,
    });
    const stale = await manager.patch(`/api/v1/calendars/${cal.id}`, { version: 1, name: 'Late edit' });
    expect(stale.statusCode).toBe(409);
    expect((await manager.get(`/api/v1/calendars/${cal.id}`)).json<Calendar>().name).toBe(
      'Front desk roster',
    );

    const audit = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_type = 'calendar' AND entity_id = $1 ORDER BY seq`,
      [cal.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['calendar.created', 'calendar.updated']);
    // Put area A back on the default calendar for the tests below.
    await manager.patch(`/api/v1/calendars/${cal.id}`, { version: 2, areaIds: [] });
  });

  it('lets only cases:configure change calendars and policies, and anyone signed in see them', async () => {
    expect((await officer.get('/api/v1/calendars')).statusCode).toBe(200);
    expect(
      (await officer.post('/api/v1/calendars', { name: 'X', timeZone: 'UTC', weekly: WEEKDAYS })).statusCode,
    ).toBe(403);
    const cal = (await officer.get('/api/v1/calendars')).json<{ items: Calendar[] }>().items[0]!;
    expect(
      (await officer.patch(`/api/v1/calendars/${cal.id}`, { version: cal.version, name: 'Mine' })).statusCode,
    ).toBe(403);
    expect(
      (
        await officer.post('/api/v1/deadline-policies', {
          priority: 'high',
          acknowledgement: { kind: 'businessTime', value: 10 },
          firstResponse: { kind: 'businessTime', value: 20 },
          resolution: { kind: 'calendarDays', value: 1 },
        })
      ).statusCode,
    ).toBe(403);
    // The administrator configures but does not work cases: reading the settings is open to anyone signed in.
    expect((await admin.get('/api/v1/deadline-policies')).statusCode).toBe(200);
    expect((await new Session(t.app).get('/api/v1/deadline-policies')).statusCode).toBe(401);
    expect((await officer.get(`/api/v1/calendars/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(
      404,
    );
  });

  it('creates area and category policies, refusing duplicates, unknown categories and stale versions', async () => {
    const body = {
      areaId: areaA.id,
      priority: 'urgent',
      acknowledgement: { kind: 'businessTime', value: 30 },
      firstResponse: { kind: 'businessTime', value: 120 },
      resolution: { kind: 'calendarDays', value: 1 },
      warningPercent: 50,
    };
    const created = await manager.post('/api/v1/deadline-policies', body);
    expect(created.statusCode).toBe(201);
    const policy = created.json<DeadlinePolicy>();
    expect(policy).toMatchObject({
      areaName: 'Restaurant',
      categoryId: null,
      warningPercent: 50,
      active: true,
    });
    expect((await manager.post('/api/v1/deadline-policies', body)).statusCode).toBe(409);
    const unknownCategory = await manager.post('/api/v1/deadline-policies', {
      ...body,
      categoryId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownCategory.statusCode).toBe(400);
    expect(unknownCategory.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.categoryId');
    const badTarget = await manager.post('/api/v1/deadline-policies', {
      ...body,
      acknowledgement: { kind: 'businessTime', value: 0 },
    });
    expect(badTarget.statusCode).toBe(400);
    const withCategory = await manager.post('/api/v1/deadline-policies', {
      ...body,
      categoryId: 'c0000000-0000-4000-8000-000000000001',
      acknowledgement: { kind: 'businessTime', value: 15 },
    });
    expect(withCategory.statusCode).toBe(201);
    expect(withCategory.json<DeadlinePolicy>().categoryName).toBe('Administrative errors');

    const edited = await manager.patch(`/api/v1/deadline-policies/${policy.id}`, {
      version: 1,
      firstResponse: { kind: 'businessTime', value: 90 },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<DeadlinePolicy>()).toMatchObject({ firstResponse: { value: 90 }, version: 2 });
    expect(
      (await manager.patch(`/api/v1/deadline-policies/${policy.id}`, { version: 1, warningPercent: 60 }))
        .statusCode,
    ).toBe(409);
    const audit = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_type = 'deadline_policy' AND entity_id = $1 ORDER BY seq`,
      [policy.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['deadline_policy.created', 'deadline_policy.updated']);

    // The most specific active policy applies.
    const deadlines = t.services.deadlines;
    const plain = await insertCase(t, { areaId: areaA.id, receivedAt: t.clock.now(), priority: 'urgent' });
    const categorised = await insertCase(t, {
      areaId: areaA.id,
      receivedAt: t.clock.now(),
      priority: 'urgent',
      categoryId: 'c0000000-0000-4000-8000-000000000001',
    });
    const elsewhere = await insertCase(t, {
      areaId: areaB.id,
      receivedAt: t.clock.now(),
      priority: 'urgent',
    });
    await t.database.db.transaction(async (tx) => {
      for (const c of [plain, categorised, elsewhere]) await deadlines.startClocks(tx, c, null);
    });
    const ackTarget = async (id: string) =>
      (await clockRows(t, id)).find((c) => c.kind === 'acknowledgement')!.target_value;
    expect(await ackTarget(plain.id)).toBe(30);
    expect(await ackTarget(categorised.id)).toBe(15);
    expect(await ackTarget(elsewhere.id)).toBe(60);
  });

  it('documents calendars and deadline policies in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { tags?: string[]; summary?: string }>>;
    }>();
    for (const path of [
      '/api/v1/calendars',
      '/api/v1/calendars/{id}',
      '/api/v1/deadline-policies',
      '/api/v1/deadline-policies/{id}',
    ]) {
      const ops = Object.values(doc.paths[path] ?? {});
      expect(ops.length).toBeGreaterThan(0);
      for (const op of ops) {
        expect(op.tags).toEqual(['Deadlines']);
        expect(op.summary).toBeTruthy();
      }
    }
  });

  it('starts no clocks when no policy applies', async () => {
    const policies = (await manager.get('/api/v1/deadline-policies')).json<{ items: DeadlinePolicy[] }>()
      .items;
    const low = policies.find((p) => p.priority === 'low' && p.areaId === null)!;
    await manager.patch(`/api/v1/deadline-policies/${low.id}`, { version: low.version, active: false });
    const c = await insertCase(t, { areaId: areaA.id, receivedAt: t.clock.now(), priority: 'low' });
    await t.database.db.transaction((tx) => t.services.deadlines.startClocks(tx, c, null));
    expect(await clockRows(t, c.id)).toEqual([]);
    expect(await caseRow(t, c.id)).toMatchObject({ deadline_state: 'none', sort_due: 'infinity' });
    expect(await t.services.deadlines.clocksOf(t.database.db, c.id)).toEqual([]);
  });
});

describe('deadline clocks', () => {
  let t: TestApp;
  let admin: Session;
  let area: { id: string };
  let supervisorEmail: string;
  let officerId: string;
  let officerEmail: string;
  // Friday 5 June 2026, 15:00 in Sydney; Monday 8 June is the King's Birthday holiday.
  const received = syd('2026-06-05T15:00:00');

  beforeAll(async () => {
    t = await createTestApp({ clock: new ManualClock('2026-06-01T00:00:00Z') });
    admin = await setupOrganisation(t);
    area = await createArea(admin, { name: 'Restaurant', code: 'REST' });
    const supervisor = await createStaff(t, admin, { role: 'supervisor', areaIds: [area.id] });
    supervisorEmail = supervisor.user.email;
    const officer = await createStaff(t, admin, { role: 'officer', areaIds: [area.id] });
    officerId = officer.user.id;
    officerEmail = officer.user.email;
    // A supervisor of another area hears nothing.
    const other = await createArea(admin, { name: 'Spa', code: 'SPA' });
    await createStaff(t, admin, {
      role: 'supervisor',
      areaIds: [other.id],
      email: 'spa-supervisor@example.com',
    });
    t.mailer.sent.length = 0;
  });
  afterAll(() => t.close());

  it('runs a clock across a weekend and a holiday: warning, then breach, then one escalation', async () => {
    t.clock.set(received);
    const c = await insertCase(t, { areaId: area.id, receivedAt: received, assigneeId: officerId });
    await t.database.db.transaction((tx) => t.services.deadlines.startClocks(tx, c, null));

    const clocks = await clockRows(t, c.id);
    expect(clocks.map((k) => [k.kind, k.state, k.cycle])).toEqual([
      ['acknowledgement', 'running', 1],
      ['first_response', 'running', 1],
      ['resolution', 'running', 1],
    ]);
    const byKind = Object.fromEntries(clocks.map((k) => [k.kind, k]));
    // Medium: 4 working hours = Fri 15–17 + Tue 9–11 (Mon is a holiday).
    expect(iso(byKind.acknowledgement!.due_at)).toBe(syd('2026-06-09T11:00:00').toISOString());
    expect(iso(byKind.acknowledgement!.warning_at)).toBe(syd('2026-06-09T10:00:00').toISOString());
    // 16 working hours = Fri 2 h + Tue 8 h + Wed 6 h.
    expect(iso(byKind.first_response!.due_at)).toBe(syd('2026-06-10T15:00:00').toISOString());
    // 10 calendar days.
    expect(iso(byKind.resolution!.due_at)).toBe(syd('2026-06-15T15:00:00').toISOString());
    expect(await caseRow(t, c.id)).toMatchObject({
      deadline_state: 'on_track',
      sort_due: syd('2026-06-09T11:00:00').toISOString(),
    });
    expect(await clockEventTypes(t, byKind.acknowledgement!.id)).toEqual(['started']);

    const evaluated = await t.services.deadlines.clocksOf(t.database.db, c.id);
    expect(evaluated.map((k) => k.kind)).toEqual(['acknowledgement', 'first_response', 'resolution']);
    expect(evaluated[0]).toMatchObject({
      state: 'running',
      target: { kind: 'businessTime', value: 240 },
      dueAt: syd('2026-06-09T11:00:00').toISOString(),
      elapsedMs: 0,
      isWarning: false,
      isBreached: false,
    });

    // The holiday Monday: no working time has passed since Friday 17:00, nothing fires.
    t.clock.set(syd('2026-06-08T16:00:00'));
    await t.worker.drain();
    expect((await caseRow(t, c.id)).deadline_state).toBe('on_track');
    expect(t.mailer.sent).toEqual([]);
    expect((await t.services.deadlines.clocksOf(t.database.db, c.id))[0]!.fractionUsed).toBe(0.5);

    // Tuesday 10:30: the warning.
    t.clock.set(syd('2026-06-09T10:30:00'));
    await t.worker.drain();
    expect((await caseRow(t, c.id)).deadline_state).toBe('due_soon');
    expect(await clockEventTypes(t, byKind.acknowledgement!.id)).toEqual(['started', 'warned']);
    expect(t.mailer.sent.map((m) => m.to)).toEqual([officerEmail]);
    expect(t.mailer.sent[0]!.subject).toContain(c.reference);
    const versionBefore = (await caseRow(t, c.id)).version;

    // Tuesday 11:30: the breach and its escalation.
    t.clock.set(syd('2026-06-09T11:30:00'));
    await t.worker.drain();
    const escalated = await caseRow(t, c.id);
    expect(escalated).toMatchObject({ priority: 'high', escalated: true, deadline_state: 'breached' });
    expect(escalated.version).toBe(versionBefore + 1);
    expect(await clockEventTypes(t, byKind.acknowledgement!.id)).toEqual([
      'started',
      'warned',
      'breached',
      'escalated',
    ]);
    const escalationMail = t.mailer.sent.filter((m) => m.subject.startsWith('Escalated'));
    expect(escalationMail.map((m) => m.to)).toEqual([supervisorEmail]);
    expect(escalationMail[0]!.text).toContain('high');
    const timeline = await t.database.query<{
      type: string;
      data: { kind?: string; event: string; clocks?: { kind: string }[] };
    }>(`SELECT type, data FROM case_events WHERE case_id = $1 ORDER BY id`, [c.id]);
    const kindsOf = (d: { kind?: string; clocks?: { kind: string }[] }) =>
      d.kind ?? (d.clocks ?? []).map((k) => k.kind).join('+');
    expect(timeline.map((e) => `${e.type}:${kindsOf(e.data)}:${e.data.event}`)).toEqual([
      // One entry says when each of the three clocks is due.
      'deadline:acknowledgement+first_response+resolution:started',
      'deadline:acknowledgement:warned',
      'deadline:acknowledgement:breached',
      'escalated:acknowledgement:escalated',
    ]);
    const audit = await t.database.query<{ action: string; after: { priority: string } }>(
      `SELECT action, after FROM audit_events WHERE entity_type = 'case' AND entity_id = $1`,
      [c.id],
    );
    expect(audit.map((a) => [a.action, a.after.priority])).toEqual([['case.escalated', 'high']]);

    // Draining again, and the same checks queued again, change nothing.
    const mailCount = t.mailer.sent.length;
    await t.worker.drain();
    await t.database.db.transaction(async (tx) => {
      for (const check of ['warning', 'due']) {
        await enqueueJob(
          tx,
          t.clock,
          DEADLINE_QUEUE,
          { clockId: byKind.acknowledgement!.id, check },
          {
            dedupeKey: `test-repeat-${check}`,
          },
        );
      }
    });
    expect(await t.worker.drain()).toBe(2);
    expect(await caseRow(t, c.id)).toMatchObject({ priority: 'high', version: escalated.version });
    expect(await clockEventTypes(t, byKind.acknowledgement!.id)).toHaveLength(4);
    expect(t.mailer.sent).toHaveLength(mailCount);

    // Acknowledging late records the miss; the clock stops for good.
    await t.database.db.transaction((tx) =>
      t.services.deadlines.fulfil(tx, c.id, 'acknowledgement', t.clock.now(), officerId),
    );
    const ack = (await t.services.deadlines.clocksOf(t.database.db, c.id))[0]!;
    expect(ack).toMatchObject({ state: 'breached', fulfilledAt: syd('2026-06-09T11:30:00').toISOString() });
    expect((await clockRows(t, c.id)).find((k) => k.kind === 'acknowledgement')!.state).toBe('breached');
    // The first response clock is the earliest open one now, and its warning has not come yet.
    expect(await caseRow(t, c.id)).toMatchObject({
      deadline_state: 'on_track',
      sort_due: syd('2026-06-10T15:00:00').toISOString(),
    });
  });

  it('pauses and resumes: while paused nothing fires and the due time is unknown; resuming moves it back', async () => {
    const start = syd('2026-06-16T09:00:00'); // a Tuesday
    t.clock.set(start);
    const c = await insertCase(t, { areaId: area.id, receivedAt: start, assigneeId: officerId });
    const deadlines = t.services.deadlines;
    await t.database.db.transaction((tx) => deadlines.startClocks(tx, c, officerId));

    t.clock.set(syd('2026-06-16T10:00:00'));
    await t.database.db.transaction((tx) =>
      deadlines.pause(tx, c.id, t.clock.now(), officerId, 'Waiting for the receipt'),
    );
    const paused = await clockRows(t, c.id);
    expect(paused.map((k) => k.state)).toEqual(['paused', 'paused', 'paused']);
    expect(paused.map((k) => k.due_at)).toEqual([null, null, null]);
    expect(await caseRow(t, c.id)).toMatchObject({ deadline_state: 'paused', sort_due: 'infinity' });
    const ackId = paused.find((k) => k.kind === 'acknowledgement')!.id;
    expect((await deadlines.clocksOf(t.database.db, c.id))[0]).toMatchObject({
      state: 'paused',
      dueAt: null,
      elapsedMs: 3_600_000,
    });

    // The original warning (Tue 12:00) and due (Tue 13:00) pass while paused: nothing happens.
    t.clock.set(syd('2026-06-16T16:00:00'));
    await t.worker.drain();
    expect(await clockEventTypes(t, ackId)).toEqual(['started', 'paused']);
    expect((await caseRow(t, c.id)).priority).toBe('medium');

    t.clock.set(syd('2026-06-17T10:00:00'));
    await t.database.db.transaction((tx) =>
      deadlines.resume(tx, c.id, t.clock.now(), officerId, 'Receipt arrived'),
    );
    // 1 h used before the pause, 3 h from Wednesday 10:00.
    const resumed = (await clockRows(t, c.id)).find((k) => k.kind === 'acknowledgement')!;
    expect(resumed.state).toBe('running');
    expect(iso(resumed.due_at)).toBe(syd('2026-06-17T13:00:00').toISOString());
    expect(iso(resumed.warning_at)).toBe(syd('2026-06-17T12:00:00').toISOString());
    expect((await caseRow(t, c.id)).deadline_state).toBe('on_track');

    const audit = await t.database.query<{ action: string; after: { reason: string } }>(
      `SELECT action, after FROM audit_events WHERE entity_type = 'case' AND entity_id = $1 ORDER BY seq`,
      [c.id],
    );
    expect(audit.map((a) => [a.action, a.after.reason])).toEqual([
      ['case.clock_paused', 'Waiting for the receipt'],
      ['case.clock_resumed', 'Receipt arrived'],
    ]);

    // Acknowledged in time: met; the due check that follows does nothing.
    t.clock.set(syd('2026-06-17T12:30:00'));
    await t.worker.drain();
    expect(await clockEventTypes(t, ackId)).toEqual(['started', 'paused', 'resumed', 'warned']);
    await t.database.db.transaction((tx) =>
      deadlines.fulfil(tx, c.id, 'acknowledgement', t.clock.now(), officerId),
    );
    t.clock.set(syd('2026-06-17T14:00:00'));
    await t.worker.drain();
    expect(await clockEventTypes(t, ackId)).toEqual(['started', 'paused', 'resumed', 'warned', 'fulfilled']);
    expect((await deadlines.clocksOf(t.database.db, c.id))[0]).toMatchObject({
      state: 'met',
      isBreached: false,
    });
    expect((await caseRow(t, c.id)).priority).toBe('medium');
  });

  it('restarts the resolution clock as a new cycle and retargets open clocks when the priority changes', async () => {
    const start = syd('2026-06-22T09:00:00'); // a Monday
    t.clock.set(start);
    const c = await insertCase(t, { areaId: area.id, receivedAt: start });
    const deadlines = t.services.deadlines;
    await t.database.db.transaction((tx) => deadlines.startClocks(tx, c, null));

    await t.database.query(`UPDATE cases SET priority = 'urgent' WHERE id = $1`, [c.id]);
    await t.database.db.transaction((tx) => deadlines.retarget(tx, { ...c, priority: 'urgent' }, null));
    const retargeted = await clockRows(t, c.id);
    expect(retargeted.map((k) => [k.kind, k.target_kind, k.target_value])).toEqual([
      ['acknowledgement', 'businessTime', 60],
      ['first_response', 'businessTime', 240],
      ['resolution', 'businessTime', 960],
    ]);
    expect(iso(retargeted[0]!.due_at)).toBe(syd('2026-06-22T10:00:00').toISOString());

    t.clock.set(syd('2026-06-22T09:30:00'));
    await t.database.db.transaction(async (tx) => {
      await deadlines.fulfil(tx, c.id, 'acknowledgement', t.clock.now(), null);
      await deadlines.fulfil(tx, c.id, 'first_response', t.clock.now(), null);
      await deadlines.fulfil(tx, c.id, 'resolution', t.clock.now(), null);
    });
    expect(await caseRow(t, c.id)).toMatchObject({ deadline_state: 'none', sort_due: 'infinity' });

    t.clock.set(syd('2026-06-23T09:00:00'));
    await t.database.db.transaction((tx) =>
      deadlines.restartResolution(tx, { ...c, priority: 'urgent' }, t.clock.now(), null, 'Case reopened'),
    );
    const rows = await clockRows(t, c.id);
    expect(rows.filter((k) => k.kind === 'resolution').map((k) => [k.cycle, k.state])).toEqual([
      [1, 'met'],
      [2, 'running'],
    ]);
    const resolution = (await deadlines.clocksOf(t.database.db, c.id)).find((k) => k.kind === 'resolution')!;
    // 16 working hours from Tuesday 09:00: Wednesday 17:00.
    expect(resolution).toMatchObject({ state: 'running', dueAt: syd('2026-06-24T17:00:00').toISOString() });
    expect((await caseRow(t, c.id)).deadline_state).toBe('on_track');
  });

  it('moves open clocks when their calendar gains a holiday', async () => {
    const start = syd('2026-06-29T09:00:00'); // a Monday
    t.clock.set(start);
    const c = await insertCase(t, { areaId: area.id, receivedAt: start });
    await t.database.db.transaction((tx) => t.services.deadlines.startClocks(tx, c, null));
    const due = async () => iso((await clockRows(t, c.id)).find((k) => k.kind === 'acknowledgement')!.due_at);
    expect(await due()).toBe(syd('2026-06-29T13:00:00').toISOString());

    // Weeks have passed on the clock: a fresh session. The administrator configures calendars but does not
    // read cases; it reads the calendar list like anyone signed in.
    admin = await signIn(t, ADMIN.email, ADMIN.password);
    expect((await admin.get('/api/v1/calendars')).statusCode).toBe(200);
    const [row] = await t.database.query<{ id: string; version: number }>(
      `SELECT id, version FROM business_calendars WHERE is_default`,
    );
    const holidays = await t.database.query<{ holidays: { date: string; name: string }[] }>(
      `SELECT holidays FROM business_calendars WHERE id = $1`,
      [row!.id],
    );
    const res = await admin.patch(`/api/v1/calendars/${row!.id}`, {
      version: row!.version,
      holidays: [...holidays[0]!.holidays, { date: '2026-06-29', name: 'Staff day' }],
    });
    expect(res.statusCode).toBe(200);
    // Monday is now a holiday: the four working hours are Tuesday 09:00–13:00.
    expect(await due()).toBe(syd('2026-06-30T13:00:00').toISOString());
    expect((await caseRow(t, c.id)).sort_due).toBe(syd('2026-06-30T13:00:00').toISOString());
    // The job queued for the old due time finds nothing to do.
    t.clock.set(syd('2026-06-29T16:00:00'));
    await t.worker.drain();
    expect((await caseRow(t, c.id)).escalated).toBe(false);
  });

  it('tells the team leader and the supervisors of a breach, never the person the complaint is about', async () => {
    admin = await signIn(t, ADMIN.email, ADMIN.password);
    const team = await createTeam(admin, area.id);
    const leader = await createStaff(t, admin, { role: 'officer', areaIds: [area.id], teamIds: [team.id] });
    await t.database.query(`UPDATE team_members SET is_leader = true WHERE user_id = $1`, [leader.user.id]);
    const supervisor = await t.database.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [
      supervisorEmail,
    ]);

    const start = syd('2026-06-30T09:00:00');
    t.clock.set(start);
    const about = await insertCase(t, { areaId: area.id, receivedAt: start, priority: 'urgent' });
    const plain = await insertCase(t, { areaId: area.id, receivedAt: start, priority: 'urgent' });
    await t.database.query(`UPDATE cases SET team_id = $1 WHERE id IN ($2, $3)`, [
      team.id,
      about.id,
      plain.id,
    ]);
    // The first complaint is about the supervisor.
    await t.database.query(`UPDATE cases SET concerns_user_id = $1 WHERE id = $2`, [
      supervisor[0]!.id,
      about.id,
    ]);
    await t.database.db.transaction(async (tx) => {
      await t.services.deadlines.startClocks(tx, about, null);
      await t.services.deadlines.startClocks(tx, plain, null);
    });
    t.mailer.sent.length = 0;
    t.clock.set(syd('2026-06-30T10:30:00'));
    await t.worker.drain();
    const escalations = (ref: string) =>
      t.mailer.sent
        .filter((m) => m.subject.startsWith('Escalated') && m.subject.includes(ref))
        .map((m) => m.to)
        .sort();
    expect(escalations(about.reference)).toEqual([leader.user.email]);
    expect(escalations(plain.reference)).toEqual([leader.user.email, supervisorEmail].sort());
    // Urgent is the top: the priority stays, the case is marked escalated.
    expect(await caseRow(t, plain.id)).toMatchObject({ priority: 'urgent', escalated: true });
  });
});

describe('deadline jobs across a restart', () => {
  let t: TestApp;
  let rebuilt: BuiltApp | null = null;

  beforeAll(async () => {
    t = await createTestApp({ clock: new ManualClock(syd('2026-06-29T09:00:00')) });
    await setupOrganisation(t);
  });
  afterAll(async () => {
    await rebuilt?.close();
    await t.database.drop();
  });

  it('keeps pending deadline jobs in the database and fires them after the app restarts', async () => {
    const area = await t.database.query<{ id: string }>(
      `INSERT INTO business_areas (name, code) VALUES ('Bar', 'BAR') RETURNING id`,
    );
    const c = await insertCase(t, { areaId: area[0]!.id, receivedAt: t.clock.now(), priority: 'urgent' });
    await t.database.db.transaction((tx) => t.services.deadlines.startClocks(tx, c, null));
    const pending = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE queue = $1 AND status = 'queued'`,
      [DEADLINE_QUEUE],
    );
    expect(pending[0]!.n).toBe(6);

    await t.worker.stop();
    await t.app.close();
    rebuilt = await buildApp({
      config: t.config,
      database: t.database,
      clock: t.clock,
      mailer: t.mailer,
      webRoot: null,
      logger: pino({ level: 'silent' }),
    });
    t.clock.set(syd('2026-06-29T10:30:00'));
    await rebuilt.worker.drain();
    expect(await caseRow(t, c.id)).toMatchObject({
      priority: 'urgent',
      escalated: true,
      deadline_state: 'breached',
    });
    const ack = (await rebuilt.services.deadlines.clocksOf(t.database.db, c.id))[0]!;
    expect(ack).toMatchObject({ kind: 'acknowledgement', isBreached: true });
    const done = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE queue = $1 AND status = 'done'`,
      [DEADLINE_QUEUE],
    );
    expect(done[0]!.n).toBe(2);
  });
});
