import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  createTestApp,
  Session,
  setupOrganisation,
  type TestApp,
} from '../../../../test/support/app.js';
import { SAMPLE_AREAS, SAMPLE_EMAIL_DOMAIN } from './index.js';
import { SAMPLE_HISTORY_MONTHS, SAMPLE_MONTH_DAYS, SAMPLE_PLANTED_RISE } from './sample-cases.js';

const DAY = 86_400_000;

interface CaseRow {
  id: string;
  reference: string;
  kind: string;
  status: string;
  area_code: string;
  category: string | null;
  received_at: Date;
  acknowledged_at: Date | null;
  first_response_at: Date | null;
  responded_at: Date | null;
  closed_at: Date | null;
  updated_at: Date;
  outcome: string | null;
  root_cause: string | null;
  assignee_id: string | null;
  assignee_areas: string[] | null;
  area_id: string;
  concerns_user_id: string | null;
  customer_email: string | null;
  reopen_count: number;
  dispute_count: number;
  external_body: string | null;
  sort_due: Date | string;
  deadline_state: string;
}

async function casesOf(t: TestApp) {
  return t.database.query<CaseRow>(`
    SELECT c.*, a.code AS area_code, cat.name AS category,
      (SELECT array_agg(ua.area_id::text) FROM user_areas ua WHERE ua.user_id = c.assignee_id) AS assignee_areas
    FROM cases c JOIN business_areas a ON a.id = c.area_id LEFT JOIN case_categories cat ON cat.id = c.category_id`);
}

const ms = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());

function countBy<T>(items: T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of items) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

describe('sample cases', () => {
  let t: TestApp;
  let cases: CaseRow[];
  let now: number;

  beforeAll(async () => {
    t = await createTestApp();
    now = t.clock.now().getTime();
    await setupOrganisation(t, { loadSample: true });
    cases = await casesOf(t);
  });
  afterAll(() => t.close());

  it('spreads 1,500–3,000 cases of every kind over 18 months in every area', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1500);
    expect(cases.length).toBeLessThanOrEqual(3000);
    const byArea = countBy(cases, (c) => c.area_code);
    for (const a of SAMPLE_AREAS) expect(byArea[a.code]).toBeGreaterThan(300);
    const kinds = countBy(cases, (c) => c.kind);
    expect(kinds.complaint! / cases.length).toBeGreaterThan(0.6);
    for (const k of ['compliment', 'suggestion', 'enquiry']) expect(kinds[k]).toBeGreaterThan(20);
    const oldest = Math.min(...cases.map((c) => ms(c.received_at)!));
    expect(now - oldest).toBeGreaterThan((SAMPLE_HISTORY_MONTHS - 1) * SAMPLE_MONTH_DAYS * DAY);
    expect(now - oldest).toBeLessThanOrEqual(SAMPLE_HISTORY_MONTHS * SAMPLE_MONTH_DAYS * DAY);
    // References are unique and in the product's format; customers are fake.
    expect(new Set(cases.map((c) => c.reference)).size).toBe(cases.length);
    for (const c of cases)
      expect(c.reference).toMatch(/^VR-\d{2}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    for (const c of cases)
      if (c.customer_email) expect(c.customer_email.endsWith(`@${SAMPLE_EMAIL_DOMAIN}`)).toBe(true);
  });

  it('has old cases closed with outcomes and root causes, recent ones open in various statuses', () => {
    const old = cases.filter((c) => now - ms(c.received_at)! > 120 * DAY);
    const closedOld = old.filter((c) => c.status === 'closed');
    expect(closedOld.length / old.length).toBeGreaterThan(0.9);
    for (const c of closedOld) {
      expect(c.outcome).not.toBeNull();
      expect(c.closed_at).not.toBeNull();
      if (c.kind === 'complaint' && c.outcome !== 'withdrawn') expect(c.root_cause).not.toBeNull();
    }
    const outcomes = countBy(closedOld, (c) => c.outcome!);
    for (const o of ['resolved_first_contact', 'upheld', 'partly_upheld', 'not_upheld', 'withdrawn'])
      expect(outcomes[o]).toBeGreaterThan(10);
    const recentStatuses = new Set(
      cases.filter((c) => now - ms(c.received_at)! < 30 * DAY).map((c) => c.status),
    );
    for (const s of [
      'received',
      'acknowledged',
      'investigating',
      'awaiting_customer',
      'resolution_proposed',
      'awaiting_approval',
      'responded',
      'closed',
    ])
      expect(recentStatuses).toContain(s);
    // Disputes, referrals and reopened cases, but not many.
    const disputed = cases.filter((c) => c.dispute_count > 0);
    expect(disputed.length).toBeGreaterThan(10);
    expect(disputed.length).toBeLessThan(cases.length * 0.1);
    expect(cases.some((c) => c.status === 'under_review')).toBe(true);
    const referred = cases.filter((c) => c.status === 'referred_external');
    expect(referred.length).toBeGreaterThan(0);
    for (const c of referred) expect(c.external_body).not.toBeNull();
    expect(cases.filter((c) => c.reopen_count > 0).length).toBeGreaterThan(10);
    // Open cases carry no outcome.
    for (const c of cases.filter((x) => x.status !== 'closed')) expect(c.outcome).toBeNull();
  });

  it('runs deadline clocks on open cases only: paused while awaiting the customer, met when answered', async () => {
    const closed = new Set(['closed', 'referred_external']);
    for (const c of cases.filter((x) => closed.has(x.status))) expect(c.deadline_state).toBe('none');
    const open = cases.filter((x) => !closed.has(x.status));
    const clocks = await t.database.query<{ case_id: string; kind: string; state: string; started_at: Date }>(
      'SELECT case_id, kind, state, started_at FROM case_clocks WHERE cycle = 1',
    );
    expect(new Set(clocks.map((k) => k.case_id))).toEqual(new Set(open.map((c) => c.id)));
    const byCase = new Map(open.map((c) => [c.id, c]));
    for (const k of clocks) {
      const c = byCase.get(k.case_id)!;
      expect(ms(k.started_at)).toBe(ms(c.received_at));
      if (k.kind === 'acknowledgement' && c.acknowledged_at) expect(['met', 'breached']).toContain(k.state);
      if (c.status === 'awaiting_customer' && k.kind === 'resolution') expect(k.state).toBe('paused');
      if ((c.status === 'reopened' || c.status === 'under_review') && k.kind === 'resolution')
        expect(['met', 'breached']).toContain(k.state);
    }
    for (const c of open.filter((x) => x.status === 'awaiting_customer'))
      expect(c.deadline_state).toBe('paused');
    // Older open cases are overdue: once the worker runs they are breached and escalated.
    await t.worker.drain();
    const states = await t.database.query<{ deadline_state: string; n: number }>(
      "SELECT deadline_state, count(*)::int AS n FROM cases WHERE status NOT IN ('closed', 'referred_external') GROUP BY 1",
    );
    const n = Object.fromEntries(states.map((r) => [r.deadline_state, r.n]));
    expect(n.breached).toBeGreaterThan(0);
    expect(n.paused).toBeGreaterThan(0);
    expect((n.on_track ?? 0) + (n.due_soon ?? 0) + (n.none ?? 0)).toBeGreaterThan(0);
  });

  it('keeps lifecycle timestamps in order, after receipt and not in the future', () => {
    for (const c of cases) {
      const seq = [c.received_at, c.acknowledged_at, c.first_response_at, c.responded_at, c.closed_at]
        .map(ms)
        .filter((x): x is number => x !== null);
      for (let i = 1; i < seq.length; i++) expect(seq[i]!).toBeGreaterThanOrEqual(seq[i - 1]!);
      expect(ms(c.updated_at)!).toBeLessThanOrEqual(now);
      expect(seq[seq.length - 1]!).toBeLessThanOrEqual(now);
      if (c.status === 'closed') expect(c.closed_at).not.toBeNull();
      if (['responded', 'closed'].includes(c.status) && c.outcome !== 'withdrawn' && c.kind === 'complaint')
        expect(c.responded_at).not.toBeNull();
      if (c.status !== 'received') expect(c.acknowledged_at).not.toBeNull();
    }
  });

  it('gives every case a timeline in time order that ends in its status', async () => {
    const events = await t.database.query<{ case_id: string; type: string; at: Date; data: { to?: string } }>(
      `SELECT case_id, type, at, data FROM case_events ORDER BY case_id, id`,
    );
    const byCase = new Map<string, typeof events>();
    for (const e of events) byCase.set(e.case_id, [...(byCase.get(e.case_id) ?? []), e]);
    expect(byCase.size).toBe(cases.length);
    for (const c of cases) {
      // Deadline entries are written when the sample's clocks are set up, at setup time: left out here.
      const list = byCase.get(c.id)!.filter((e) => e.type !== 'deadline');
      expect(list[0]!.type).toBe('created');
      expect(ms(list[0]!.at)).toBe(ms(c.received_at));
      for (let i = 1; i < list.length; i++)
        expect(ms(list[i]!.at)!).toBeGreaterThanOrEqual(ms(list[i - 1]!.at)!);
      expect(ms(list[list.length - 1]!.at)!).toBeLessThanOrEqual(now);
      const lastStatus = list.filter((e) => e.type === 'status').pop();
      expect(lastStatus?.data.to ?? 'received').toBe(c.status);
      if (c.assignee_id) expect(list.some((e) => e.type === 'assigned')).toBe(true);
    }
  });

  it('assigns officers of the case’s own area, never the person a complaint is about', () => {
    const aboutStaff = cases.filter((c) => c.concerns_user_id);
    expect(aboutStaff.length).toBeGreaterThan(10);
    for (const c of cases) {
      if (!c.assignee_id) continue;
      expect(c.assignee_id).not.toBe(c.concerns_user_id);
      expect(c.assignee_areas).toContain(c.area_id);
    }
  });

  it('records resolutions in whole cents, approved above the officer’s limit by someone else', async () => {
    const rows = await t.database.query<{
      total_cents: string | number;
      status: string;
      within_authority: boolean;
      proposed_by: string;
      approver_id: string | null;
      decided_by: string | null;
      case_status: string;
      outcome: string | null;
      concerns_user_id: string | null;
    }>(`SELECT r.*, c.status AS case_status, c.outcome, c.concerns_user_id
        FROM case_resolutions r JOIN cases c ON c.id = r.case_id`);
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.some((r) => Number(r.total_cents) > 0)).toBe(true);
    for (const r of rows) {
      expect(Number.isInteger(Number(r.total_cents))).toBe(true);
      expect(r.within_authority).toBe(Number(r.total_cents) <= 100_00);
      if (!r.within_authority) {
        expect(r.approver_id).not.toBeNull();
        expect(r.approver_id).not.toBe(r.proposed_by);
        expect(r.approver_id).not.toBe(r.concerns_user_id);
      }
      if (r.status === 'pending_approval') expect(r.case_status).toBe('awaiting_approval');
      if (r.case_status === 'closed') expect(['upheld', 'partly_upheld', 'not_upheld']).toContain(r.outcome);
    }
    const upheldClosed = cases.filter((c) => c.status === 'closed' && c.outcome === 'upheld').length;
    expect(rows.filter((r) => r.case_status === 'closed' && r.outcome === 'upheld').length).toBeGreaterThan(
      upheldClosed * 0.3,
    );
  });

  it('plants a rise in late deliveries in the online store, and nowhere else', () => {
    const months = SAMPLE_PLANTED_RISE.months;
    const recentFrom = now - months * SAMPLE_MONTH_DAYS * DAY;
    const historyFrom = now - SAMPLE_HISTORY_MONTHS * SAMPLE_MONTH_DAYS * DAY;
    const baselineMonths = SAMPLE_HISTORY_MONTHS - months;
    const ratios = new Map<string, number>();
    const pairs = countBy(
      cases.filter((c) => c.kind === 'complaint' && c.category),
      (c) => `${c.area_code}|${c.category}`,
    );
    for (const pair of Object.keys(pairs)) {
      const [area, category] = pair.split('|');
      const these = cases.filter(
        (c) => c.kind === 'complaint' && c.area_code === area && c.category === category,
      );
      const recent = these.filter((c) => ms(c.received_at)! >= recentFrom).length / months;
      const baseline = these.filter(
        (c) => ms(c.received_at)! < recentFrom && ms(c.received_at)! >= historyFrom,
      );
      // Pairs with under one complaint a month are too sparse for a rate to mean much.
      if (baseline.length < baselineMonths) continue;
      ratios.set(pair, recent / (baseline.length / baselineMonths));
    }
    const planted = `${SAMPLE_PLANTED_RISE.areaCode}|${SAMPLE_PLANTED_RISE.categoryName}`;
    expect(ratios.get(planted)).toBeGreaterThan(2);
    expect(ratios.get(planted)).toBeLessThan(4);
    expect(ratios.size).toBeGreaterThan(30);
    for (const [pair, ratio] of ratios)
      if (pair !== planted) expect({ pair, ratio: ratio < 1.6 }).toEqual({ pair, ratio: true });
  });

  it('is deterministic: a second setup has the same counts per area, status, kind and category', async () => {
    const other = await createTestApp();
    try {
      other.clock.set(new Date(now));
      const res = await new Session(other.app).post('/api/v1/setup', {
        organisation: { name: 'Harbour Hotel Group' },
        admin: ADMIN,
        loadSample: true,
      });
      expect(res.statusCode).toBe(201);
      const again = await casesOf(other);
      expect(res.json().sample.cases).toBe(again.length);
      const key = (c: CaseRow) =>
        `${c.area_code} ${c.status} ${c.kind} ${c.category ?? '-'} ${c.outcome ?? '-'}`;
      expect(countBy(again, key)).toEqual(countBy(cases, key));
    } finally {
      await other.close();
    }
  });
});
