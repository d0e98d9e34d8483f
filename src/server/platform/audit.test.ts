import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  createArea,
  createStaff,
  createTestApp,
  setupOrganisation,
  type Session,
  type TestApp,
} from '../../../test/support/app.js';
import { chainAudit, verifyAuditChain } from './audit.js';

interface EventRow {
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
  prev_hash: string | null;
  hash: string | null;
  chain_pos: number | null;
}

/** A jsonb parameter that keeps SQL NULL as NULL. */
const asJsonb = (value: unknown) => (value === null ? null : JSON.stringify(value));

interface AuditEventDto {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
}

describe('audit trail', () => {
  let t: TestApp;
  let admin: Session;
  let adminId: string;

  const countEvents = async () =>
    Number((await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events'))[0]!.n);
  // seq is a bigint, which node-postgres returns as a string: read it as an int.
  const allEvents = () =>
    t.database.query<EventRow>(
      `SELECT seq::int AS seq, at, actor_id, actor_label, action, entity_type, entity_id, before, after,
         request_id, prev_hash, hash, chain_pos::int AS chain_pos FROM audit_events ORDER BY 1`,
    );
  const lastEvent = async () => (await allEvents()).at(-1)!;
  const verify = async () => {
    const res = await admin.post('/api/v1/audit/verify');
    expect(res.statusCode).toBe(200);
    return res.json<{ ok: boolean; checked: number; firstBroken?: { seq: number; reason: string } }>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await setupOrganisation(t);
    adminId = (await admin.get('/api/v1/auth/session')).json().user.id;
  });
  afterAll(() => t.close());

  it('records a change as one event: action, entity, actor, request id and only the changed fields', async () => {
    const area = await createArea(admin, { description: 'Dining room' });
    const before = await countEvents();
    const res = await admin.patch(`/api/v1/areas/${area.id}`, {
      version: area.version,
      description: 'Dining room and bar',
    });
    expect(res.statusCode).toBe(200);
    expect(await countEvents()).toBe(before + 1);
    const e = await lastEvent();
    expect(e).toMatchObject({
      action: 'area.updated',
      entity_type: 'business_area',
      entity_id: area.id,
      actor_id: adminId,
      request_id: res.headers['x-request-id'],
      before: { description: 'Dining room' },
      after: { description: 'Dining room and bar' },
    });
    expect(e.actor_label).toContain(ADMIN.email);
    expect(new Date(e.at).toISOString()).toBe(t.clock.now().toISOString());
  });

  it('writes no event when a change fails', async () => {
    const area = await createArea(admin);
    const taken = await createArea(admin);
    const before = await countEvents();
    const attempts = [
      // Refused by the schema.
      { version: area.version, code: 'not a code!' },
      // Refused by the service, inside its transaction.
      { version: area.version, name: taken.name },
      // A stale version.
      { version: area.version + 5, description: 'late' },
    ];
    const statuses: number[] = [];
    for (const body of attempts)
      statuses.push((await admin.patch(`/api/v1/areas/${area.id}`, body)).statusCode);
    expect(statuses).toEqual([400, 400, 409]);
    expect(await countEvents()).toBe(before);
  });

  it('verifies an untouched chain, over HTTP and through verifyAuditChain', async () => {
    const n = await countEvents();
    expect(n).toBeGreaterThan(3);
    expect(await verify()).toEqual({ ok: true, checked: n });
    // A batch smaller than the chain exercises the walk across batches.
    expect(await verifyAuditChain(t.database.db, 2)).toEqual({ ok: true, checked: n });
  });

  it('links each event into the chain once, after commit, and never again', async () => {
    await admin.post('/api/v1/areas', { name: 'Chained area', code: 'CHN' });
    await chainAudit(t.database.db, { wait: true });
    const rows = await allEvents();
    expect(rows.every((r) => r.hash && r.prev_hash && r.chain_pos)).toBe(true);
    // Positions run 1..n without gaps and each event links to the one before it.
    const byPos = [...rows].sort((a, b) => a.chain_pos! - b.chain_pos!);
    expect(byPos.map((r) => r.chain_pos)).toEqual(byPos.map((_, i) => i + 1));
    for (let i = 1; i < byPos.length; i++) expect(byPos[i]!.prev_hash).toBe(byPos[i - 1]!.hash);
    expect(await chainAudit(t.database.db, { wait: true })).toBe(0);
    const e = byPos.at(-1)!;
    await expect(
      t.database.exec(`UPDATE audit_events SET hash = 'x', chain_pos = 999999 WHERE seq = ${e.seq}`),
    ).rejects.toThrow(/append-only/);
    // Even an unchained event may only ever receive its link: nothing else about it may change.
    await t.database.exec(
      `INSERT INTO audit_events (at, actor_label, action, entity_type, entity_id) VALUES (now(), 'x', 'test.event', 'area', 'x')`,
    );
    await expect(
      t.database.exec(`UPDATE audit_events SET action = 'forged' WHERE hash IS NULL`),
    ).rejects.toThrow(/append-only/);
    await chainAudit(t.database.db, { wait: true });
    const linked = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'test.event' AND hash IS NOT NULL`,
    );
    expect(linked[0]!.n).toBe(1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events', async () => {
    const e = await lastEvent();
    await expect(
      t.database.exec(`UPDATE audit_events SET action = 'x' WHERE seq = ${e.seq}`),
    ).rejects.toThrow(/append-only/);
    await expect(t.database.exec(`DELETE FROM audit_events WHERE seq = ${e.seq}`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.exec('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect(await lastEvent()).toEqual(e);
  });

  describe('tampering, with the append-only trigger switched off as a superuser could', () => {
    let middle: EventRow;
    let next: EventRow;
    let earlier: number;
    beforeAll(async () => {
      const rows = await allEvents();
      const i = Math.floor(rows.length / 2);
      middle = rows[i]!;
      next = rows[i + 1]!;
      earlier = i;
      await t.database.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
    });
    afterAll(() => t.database.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update'));

    it('reports an altered event by its seq, and holds again once it is put back', async () => {
      await t.database.query('UPDATE audit_events SET after = $1::jsonb WHERE seq = $2', [
        JSON.stringify({ name: 'Forged' }),
        middle.seq,
      ]);
      const broken = await verify().finally(() =>
        t.database.query('UPDATE audit_events SET after = $1::jsonb WHERE seq = $2', [
          asJsonb(middle.after),
          middle.seq,
        ]),
      );
      expect(broken).toMatchObject({ ok: false, checked: earlier, firstBroken: { seq: middle.seq } });
      expect(broken.firstBroken!.reason).toMatch(/altered/);
      expect((await verify()).ok).toBe(true);
    });

    it('reports a removed event as a broken link at the event after it', async () => {
      await t.database.query('DELETE FROM audit_events WHERE seq = $1', [middle.seq]);
      let broken: Awaited<ReturnType<typeof verify>>;
      try {
        broken = await verify();
      } finally {
        await putBack(middle);
      }
      expect(broken).toMatchObject({ ok: false, checked: earlier, firstBroken: { seq: next.seq } });
      expect(broken.firstBroken!.reason).toMatch(/removed/);
      expect((await verify()).ok).toBe(true);
    });

    /** Re-inserts a deleted event exactly as it was. */
    async function putBack(m: EventRow) {
      await t.database.query(
        `INSERT INTO audit_events (seq, at, actor_id, actor_label, action, entity_type, entity_id, before, after,
           request_id, prev_hash, hash, chain_pos)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11, $12, $13)`,
        [
          m.seq,
          m.at,
          m.actor_id,
          m.actor_label,
          m.action,
          m.entity_type,
          m.entity_id,
          asJsonb(m.before),
          asJsonb(m.after),
          m.request_id,
          m.prev_hash,
          m.hash,
          m.chain_pos,
        ],
      );
    }
  });

  describe('browsing events', () => {
    let staff: Session;
    let staffId: string;
    let areaIds: string[];
    let since: string;
    beforeAll(async () => {
      t.clock.advance(24 * 3600_000);
      since = t.clock.now().toISOString();
      areaIds = [];
      for (let i = 0; i < 5; i++) areaIds.push((await createArea(admin)).id);
      const manager = await createStaff(t, admin, { role: 'manager' });
      staff = manager.session;
      staffId = manager.user.id;
      const first = (await admin.get(`/api/v1/areas/${areaIds[0]}`)).json<{ version: number }>();
      await admin.patch(`/api/v1/areas/${areaIds[0]}`, { version: first.version, description: 'Edited' });
      const added = await staff.post('/api/v1/stakeholders', { name: 'Audited supplier', kind: 'suppliers' });
      expect(added.statusCode).toBe(201);
    });

    const list = async (query: string) => {
      const res = await admin.get(`/api/v1/audit/events?${query}`);
      expect(res.statusCode).toBe(200);
      return res.json<{ items: AuditEventDto[]; nextCursor: string | null }>();
    };

    it('filters by entity, action prefix, actor and time', async () => {
      const byEntity = await list(`entityType=business_area&entityId=${areaIds[2]}`);
      expect(byEntity.items.map((e) => e.action)).toEqual(['area.created']);

      const created = await list(`action=area.created&from=${encodeURIComponent(since)}`);
      expect(created.items.map((e) => e.entityId).reverse()).toEqual(areaIds);

      // The action filter is a prefix; LIKE wildcards in it are literal.
      const areaEvents = await list('action=area.&limit=200');
      expect(new Set(areaEvents.items.map((e) => e.action))).toEqual(
        new Set(['area.created', 'area.updated']),
      );
      expect((await list('action=%25')).items).toEqual([]);

      const byStaff = await list(`actorId=${staffId}`);
      expect(byStaff.items.map((e) => e.action)).toEqual(['stakeholder.created', 'user.invitation_accepted']);
      expect(byStaff.items.every((e) => e.actorId === staffId)).toBe(true);

      const before = await list(`to=${encodeURIComponent(since)}&limit=200`);
      expect(before.items.length).toBeGreaterThan(0);
      expect(before.items.every((e) => e.at < since)).toBe(true);
      expect(before.items.some((e) => areaIds.includes(e.entityId))).toBe(false);
    });

    it('pages newest first with a keyset cursor, without gaps or repeats', async () => {
      const all = await list('limit=200');
      const seqs = all.items.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      const paged: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await list(`limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(7);
        paged.push(...page.items.map((e) => e.seq));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(paged).toEqual(seqs);
      expect(pages).toBe(Math.ceil(seqs.length / 7));
    });

    it('is closed to people without audit:read', async () => {
      const { session: officer } = await createStaff(t, admin, { role: 'officer' });
      expect((await officer.get('/api/v1/audit/events')).statusCode).toBe(403);
      expect((await officer.post('/api/v1/audit/verify')).statusCode).toBe(403);
      expect((await staff.get('/api/v1/audit/events?limit=1')).statusCode).toBe(200);
    });
  });
});
