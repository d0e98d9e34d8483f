import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArea,
  createStaff,
  createTeam,
  createTestApp,
  setupOrganisation,
  type Session,
  type TestApp,
} from '../../../../test/support/app.js';
import { CASE_STATUSES, TRANSITIONS, type Case, type CaseStatus } from '../../../contracts/cases.js';
import { REFERENCE_PATTERN } from './reference.js';

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(2)>',
  '<scr<script>ipt>alert(3)</scr</script>ipt>',
].join(' ');

describe('cases: lifecycle, authority, objectivity and confidentiality', () => {
  let t: TestApp;
  let admin: Session;
  let areaA: { id: string; name: string };
  let areaB: { id: string; name: string };
  let teamA: { id: string };
  let officer: Session;
  let officerId: string;
  let officer2: Session;
  let officer2Id: string;
  let supervisor: Session;
  let supervisorId: string;
  let supervisor2Id: string;
  let executive: Session;
  let officerB: Session;
  let officerBId: string;
  let categoryId: string;

  const body = (overrides: Record<string, unknown> = {}) => ({
    areaId: areaA.id,
    channel: 'phone',
    subject: 'Room not cleaned',
    description: 'Our room was not cleaned for two days.',
    desiredOutcome: 'A partial refund',
    customer: { name: 'Jane Citizen', email: 'jane@example.net', phone: '0400 000 000' },
    ...overrides,
  });
  const create = async (as: Session, overrides: Record<string, unknown> = {}) => {
    const res = await as.post('/api/v1/cases', body(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Case>();
  };
  const get = async (as: Session, id: string) => {
    const res = await as.get(`/api/v1/cases/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Case>();
  };
  const move = async (as: Session, c: Case, to: CaseStatus, extra: Record<string, unknown> = {}) => {
    const res = await as.post(`/api/v1/cases/${c.id}/transitions`, { version: c.version, to, ...extra });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Case>();
  };
  const timelineTypes = async (id: string) =>
    (
      await t.database.query<{ type: string }>(
        'SELECT type FROM case_events WHERE case_id = $1 ORDER BY id',
        [id],
      )
    ).map((r) => r.type);
  const fieldErrors = (res: { json: () => unknown }) =>
    ((res.json() as { errors?: { path: string }[] }).errors ?? []).map((e) => e.path);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await setupOrganisation(t);
    areaA = await createArea(admin, { name: 'Front office', code: 'FO' });
    areaB = await createArea(admin, { name: 'Online store', code: 'WEB' });
    teamA = await createTeam(admin, areaA.id, { name: 'Reception' });
    const o = await createStaff(t, admin, {
      role: 'officer',
      areaIds: [areaA.id],
      teamIds: [teamA.id],
      name: 'Olivia Officer',
    });
    officer = o.session;
    officerId = o.user.id;
    const o2 = await createStaff(t, admin, {
      role: 'officer',
      areaIds: [areaA.id],
      teamIds: [teamA.id],
      name: 'Oscar Officer',
    });
    officer2 = o2.session;
    officer2Id = o2.user.id;
    const s = await createStaff(t, admin, {
      role: 'supervisor',
      areaIds: [areaA.id],
      name: 'Sam Supervisor',
    });
    supervisor = s.session;
    supervisorId = s.user.id;
    supervisor2Id = (
      await createStaff(t, admin, { role: 'supervisor', areaIds: [areaA.id], name: 'Sue Supervisor' })
    ).user.id;
    executive = (await createStaff(t, admin, { role: 'executive', name: 'Eve Executive' })).session;
    const ob = await createStaff(t, admin, { role: 'officer', areaIds: [areaB.id], name: 'Bob Officer' });
    officerB = ob.session;
    officerBId = ob.user.id;
    const cats = (await officer.get('/api/v1/categories')).json<{ items: { id: string; name: string }[] }>();
    categoryId = cats.items.find((c) => c.name === 'Waiting time')!.id;
    t.mailer.sent.length = 0;
  });
  afterAll(() => t.close());

  it('records a phone complaint: reference at once, received now, acknowledged by email, all on the timeline', async () => {
    const c = await create(officer, { categoryId, priority: 'high', assigneeId: officerId });
    expect(c.reference).toMatch(REFERENCE_PATTERN);
    expect(c).toMatchObject({
      kind: 'complaint',
      channel: 'phone',
      status: 'acknowledged',
      priority: 'high',
      area: { id: areaA.id, name: 'Front office' },
      category: { id: categoryId, name: 'Waiting time', parentName: 'Satisfaction with service quality' },
      assignee: { id: officerId, name: 'Olivia Officer' },
      desiredOutcome: 'A partial refund',
      customer: { name: 'Jane Citizen', email: 'jane@example.net', masked: false },
      createdBy: { id: officerId },
    });
    expect(c.receivedAt).toBe(t.clock.now().toISOString());
    expect(c.acknowledgedAt).toBe(t.clock.now().toISOString());
    await t.worker.drain();
    const mail = t.mailer.last('jane@example.net')!;
    expect(mail.subject).toContain(c.reference);
    expect(mail.text).toContain('Jane Citizen');
    expect(mail.messageId).toMatch(/^<.+@.+>$/);
    expect(await timelineTypes(c.id)).toEqual([
      'created',
      'assigned',
      ...(await timelineTypes(c.id)).slice(2),
    ]);
    const tl = (await officer.get(`/api/v1/cases/${c.id}/timeline`)).json<{
      items: { type: string; data: Record<string, unknown> }[];
    }>();
    const out = tl.items.find((e) => e.type === 'message_out')!;
    expect(out.data.messageId).toBe(mail.messageId);
    expect(tl.items.some((e) => e.type === 'status' && e.data.to === 'acknowledged')).toBe(true);
    // By reference too, typed loosely.
    const byRef = await officer.get(`/api/v1/cases/by-reference/${c.reference.toLowerCase()}`);
    expect(byRef.json().id).toBe(c.id);
  });

  it('refuses client-sent identity fields, unknown categories and bad amounts, writing nothing', async () => {
    const before = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    const forged = await officer.post('/api/v1/cases', {
      ...body(),
      receivedAt: '2020-01-01T00:00:00Z',
      createdBy: supervisorId,
      reference: 'VR-20-AAAA-AA',
    });
    expect(forged.statusCode).toBe(400);
    expect(fieldErrors(forged).sort()).toEqual(['body.createdBy', 'body.receivedAt', 'body.reference']);
    const unknown = await officer.post(
      '/api/v1/cases',
      body({ categoryId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(fieldErrors(unknown)).toEqual(['body.categoryId']);
    const missing = await officer.post('/api/v1/cases', { areaId: areaA.id, channel: 'fax' });
    expect(missing.statusCode).toBe(400);
    expect(fieldErrors(missing)).toEqual(
      expect.arrayContaining(['body.channel', 'body.subject', 'body.description']),
    );
    const after = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(after[0]!.n).toBe(before[0]!.n);

    const c = await create(officer);
    const investigating = await move(officer, c, 'investigating');
    for (const [amountCents, path] of [
      [-100, 'body.actions.0.amountCents'],
      [10.5, 'body.actions.0.amountCents'],
    ] as const) {
      const res = await officer.post(`/api/v1/cases/${c.id}/resolution`, {
        version: investigating.version,
        summary: 'Refund',
        actions: [{ type: 'refund', amountCents }],
      });
      expect(res.statusCode).toBe(400);
      expect(fieldErrors(res)).toEqual([path]);
    }
    const zeroRefund = await officer.post(`/api/v1/cases/${c.id}/resolution`, {
      version: investigating.version,
      summary: 'Refund',
      actions: [{ type: 'apology' }, { type: 'refund', amountCents: 0 }],
    });
    expect(fieldErrors(zeroRefund)).toEqual(['body.actions.1.amountCents']);
    expect((await t.database.query('SELECT 1 FROM case_resolutions WHERE case_id = $1', [c.id])).length).toBe(
      0,
    );
  });

  it('enforces transitions: 409 names the allowed ones; stale versions change nothing', async () => {
    const c = await create(officer, { customer: { name: 'No Email' } });
    expect(c.status).toBe('received');
    const bad = await officer.post(`/api/v1/cases/${c.id}/transitions`, {
      version: c.version,
      to: 'responded',
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().allowed).toEqual(TRANSITIONS.received);
    expect(bad.json().detail).toContain('acknowledged');
    const ack = await move(officer, c, 'acknowledged');
    const stale = await officer.post(`/api/v1/cases/${c.id}/transitions`, {
      version: c.version,
      to: 'investigating',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(ack.version);
    expect((await get(officer, c.id)).status).toBe('acknowledged');
    const closeNoOutcome = await officer.post(`/api/v1/cases/${c.id}/transitions`, {
      version: ack.version,
      to: 'closed',
    });
    expect(closeNoOutcome.statusCode).toBe(400);
    expect(fieldErrors(closeNoOutcome)).toEqual(['body.outcome']);
    const closeUpheldUnanswered = await officer.post(`/api/v1/cases/${c.id}/transitions`, {
      version: ack.version,
      to: 'closed',
      outcome: 'upheld',
      rootCause: 'process',
    });
    expect(closeUpheldUnanswered.statusCode).toBe(409);
    const withdrawn = await move(officer, ack, 'closed', {
      outcome: 'withdrawn',
      reason: 'Customer withdrew',
    });
    expect(withdrawn).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
    const reopenNoReason = await officer.post(`/api/v1/cases/${c.id}/transitions`, {
      version: withdrawn.version,
      to: 'reopened',
    });
    expect(fieldErrors(reopenNoReason)).toEqual(['body.reason']);
    const reopened = await move(officer, withdrawn, 'reopened', { reason: 'Customer called back' });
    expect(reopened).toMatchObject({ status: 'reopened', reopenCount: 1, outcome: null, closedAt: null });
  });

  it('tries every status against every target: only the allowed transitions succeed', async () => {
    // Drive one case into each status, then try every other status from there.
    const reach: Record<CaseStatus, (c: Case) => Promise<Case>> = {
      received: async (c) => c,
      acknowledged: (c) => move(officer, c, 'acknowledged'),
      investigating: (c) => move(officer, c, 'investigating'),
      awaiting_customer: async (c) =>
        move(officer, await move(officer, c, 'investigating'), 'awaiting_customer'),
      reopened: async (c) =>
        move(officer, await move(officer, c, 'closed', { outcome: 'withdrawn' }), 'reopened', {
          reason: 'again',
        }),
      resolution_proposed: async (c) => {
        const inv = await move(officer, c, 'investigating');
        return (
          await officer.post(`/api/v1/cases/${c.id}/resolution`, {
            version: inv.version,
            summary: 'Apology',
            actions: [{ type: 'apology' }],
          })
        ).json<Case>();
      },
      awaiting_approval: async (c) => {
        const inv = await move(officer, c, 'investigating');
        return (
          await officer.post(`/api/v1/cases/${c.id}/resolution`, {
            version: inv.version,
            summary: 'Refund',
            actions: [{ type: 'refund', amountCents: 500_00 }],
          })
        ).json<Case>();
      },
      responded: async (c) => {
        const p = await reach.resolution_proposed(c);
        return (await officer.post(`/api/v1/cases/${c.id}/response`, { version: p.version })).json<Case>();
      },
      closed: (c) => move(officer, c, 'closed', { outcome: 'withdrawn' }),
      under_review: async (c) =>
        move(officer, await reach.responded(c), 'under_review', { reason: 'dispute' }),
      referred_external: async (c) =>
        move(officer, await reach.under_review(c), 'referred_external', { externalBody: 'ombudsman' }),
    };
    const targets = Object.keys(CASE_STATUSES) as CaseStatus[];
    for (const from of targets) {
      const c = await reach[from](
        await create(officer, {
          customer: { name: 'Matrix', email: 'matrix@example.net' },
          sendAcknowledgement: false,
        }),
      );
      expect(c.status, `reaching ${from}`).toBe(from);
      expect(c.allowed.transitions).toEqual(TRANSITIONS[from]);
      for (const to of targets) {
        if (TRANSITIONS[from].includes(to)) continue;
        const res = await officer.post(`/api/v1/cases/${c.id}/transitions`, {
          version: c.version,
          to,
          reason: 'x',
        });
        expect(res.statusCode, `${from} -> ${to}`).toBe(409);
        expect(res.json().allowed).toEqual(TRANSITIONS[from]);
      }
      expect((await get(officer, c.id)).version).toBe(c.version);
    }
  });

  it('above the handler’s limit a resolution needs approval from someone whose limit covers it; the response waits for it', async () => {
    t.mailer.sent.length = 0;
    const c = await create(officer, { assigneeId: officerId, concernsUserId: supervisor2Id });
    const inv = await move(officer, c, 'investigating');
    const proposed = (
      await officer.post(`/api/v1/cases/${c.id}/resolution`, {
        version: inv.version,
        summary: 'Refund of one night',
        actions: [
          { type: 'refund', amountCents: 250_00 },
          { type: 'apology', note: 'Phoned' },
        ],
      })
    ).json<Case>();
    expect(proposed.status).toBe('awaiting_approval');
    expect(proposed.authorityLimitCents).toBe(100_00);
    // The nearest level that covers $250 is a supervisor ($1,000), never the one the complaint is about.
    expect(proposed.resolution).toMatchObject({
      status: 'pending_approval',
      totalCents: 250_00,
      withinAuthority: false,
      approver: { id: supervisorId },
    });
    await t.worker.drain();
    expect(t.mailer.sent.some((m) => m.subject.includes(`Approval needed: ${c.reference}`))).toBe(true);

    const early = await officer.post(`/api/v1/cases/${c.id}/response`, { version: proposed.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('approved');
    // An officer cannot approve; the person complained about cannot either (even as a supervisor).
    expect(
      (
        await officer2.post(`/api/v1/cases/${c.id}/resolution/decision`, {
          version: proposed.version,
          approve: true,
        })
      ).statusCode,
    ).toBe(403);
    const rejectNoReason = await supervisor.post(`/api/v1/cases/${c.id}/resolution/decision`, {
      version: proposed.version,
      approve: false,
    });
    expect(fieldErrors(rejectNoReason)).toEqual(['body.reason']);
    const approved = (
      await supervisor.post(`/api/v1/cases/${c.id}/resolution/decision`, {
        version: proposed.version,
        approve: true,
        reason: 'Reasonable for two days',
      })
    ).json<Case>();
    expect(approved.status).toBe('resolution_proposed');
    expect(approved.resolution).toMatchObject({ status: 'approved', decidedBy: { id: supervisorId } });

    const preview = (await officer.get(`/api/v1/cases/${c.id}/response-preview`)).json<{
      text: string;
      html: string;
    }>();
    expect(preview.text).toContain('Refund of one night');
    expect(preview.text).toContain('$250.00');
    const responded = (
      await officer.post(`/api/v1/cases/${c.id}/response`, { version: approved.version })
    ).json<Case>();
    expect(responded.status).toBe('responded');
    await t.worker.drain();
    const response = t.mailer.last('jane@example.net')!;
    expect(response.subject).toContain('outcome');
    expect(response.text).toContain('$250.00');
    const accepted = (
      await officer.post(`/api/v1/cases/${c.id}/customer-decision`, {
        version: responded.version,
        accepted: true,
        note: 'Happy',
      })
    ).json<Case>();
    expect(accepted.customerAccepted).toBe(true);
    const closed = await move(officer, accepted, 'closed', { outcome: 'upheld', rootCause: 'process' });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'upheld', rootCause: 'process' });
    expect(await timelineTypes(c.id)).toEqual(
      expect.arrayContaining(['approval_requested', 'approved', 'message_out', 'customer_accepted']),
    );
    const audit = await t.database.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE entity_type = 'case' AND entity_id = $1 ORDER BY seq",
      [c.id],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'case.created',
        'case.approval_requested',
        'case.resolution_approved',
        'case.response_sent',
        'case.closed',
      ]),
    );
  });

  it('within the limit a resolution is approved at once; the approver must differ from the proposer', async () => {
    const c = await create(supervisor);
    const inv = await move(supervisor, c, 'investigating');
    const p = (
      await supervisor.post(`/api/v1/cases/${c.id}/resolution`, {
        version: inv.version,
        summary: 'Credit',
        actions: [{ type: 'credit', amountCents: 900_00 }],
      })
    ).json<Case>();
    expect(p.status).toBe('resolution_proposed');
    expect(p.resolution).toMatchObject({ status: 'approved', withinAuthority: true });
    // Naming an approver who cannot cover it is refused.
    const c2 = await create(officer);
    const inv2 = await move(officer, c2, 'investigating');
    const res = await officer.post(`/api/v1/cases/${c2.id}/resolution`, {
      version: inv2.version,
      summary: 'Big credit',
      actions: [{ type: 'credit', amountCents: 5_000_00 }],
      approverId: supervisorId,
    });
    expect(res.statusCode).toBe(403);
    expect(fieldErrors(res)).toEqual(['body.approverId']);
  });

  it('a rejected outcome starts a review that can go to an external body', async () => {
    const c = await create(officer);
    const p = (
      await officer.post(`/api/v1/cases/${c.id}/resolution`, {
        version: c.version,
        summary: 'Apology',
        actions: [{ type: 'apology' }],
      })
    ).json<Case>();
    const responded = (
      await officer.post(`/api/v1/cases/${c.id}/response`, { version: p.version })
    ).json<Case>();
    const rejected = (
      await officer.post(`/api/v1/cases/${c.id}/customer-decision`, {
        version: responded.version,
        accepted: false,
        note: 'Not enough',
      })
    ).json<Case>();
    expect(rejected).toMatchObject({ status: 'under_review', disputeCount: 1, customerAccepted: false });
    const noBody = await officer.post(`/api/v1/cases/${c.id}/transitions`, {
      version: rejected.version,
      to: 'referred_external',
    });
    expect(fieldErrors(noBody)).toEqual(['body.externalBody']);
    const referred = await move(officer, rejected, 'referred_external', {
      externalBody: 'ombudsman',
      externalReference: 'OMB-2026-001',
    });
    expect(referred).toMatchObject({
      status: 'referred_external',
      externalBody: 'ombudsman',
      externalReference: 'OMB-2026-001',
    });
  });

  it('emails the customer: the first message acknowledges and answers; no email address is a 409', async () => {
    const c = await create(officer, {
      sendAcknowledgement: false,
      customer: { name: 'Mo', email: 'mo@example.net' },
    });
    expect(c.status).toBe('received');
    const res = await officer.post(`/api/v1/cases/${c.id}/messages`, {
      version: c.version,
      body: 'We are looking into it <b>today</b>.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const sent = res.json<Case>();
    expect(sent).toMatchObject({ status: 'acknowledged' });
    expect(sent.firstResponseAt).not.toBeNull();
    await t.worker.drain();
    const mail = t.mailer.last('mo@example.net')!;
    expect(mail.subject).toContain(c.reference);
    // What the officer wrote, then the tracking link (added to every email to the customer).
    expect(mail.text).toMatch(
      /^We are looking into it <b>today<\/b>\.\n\n—\nFollow your case: http:\/\/verity\.test\/track\?t=\S+$/,
    );
    expect(mail.html).toContain('&lt;b&gt;today&lt;/b&gt;');
    const tl = (await officer.get(`/api/v1/cases/${c.id}/timeline`)).json<{
      items: { type: string; data: Record<string, unknown> }[];
    }>();
    expect(tl.items.find((e) => e.type === 'message_out')!.data.messageId).toBe(mail.messageId);
    expect(tl.items.some((e) => e.type === 'status' && e.data.to === 'acknowledged')).toBe(true);
    const noEmail = await create(officer, { customer: { name: 'No Mail' } });
    const refused = await officer.post(`/api/v1/cases/${noEmail.id}/messages`, {
      version: noEmail.version,
      body: 'Hi',
    });
    expect(refused.statusCode).toBe(409);
  });

  it('records a message from the customer; one awaiting the customer goes back to investigation', async () => {
    const c = await create(officer);
    const inv = await move(officer, c, 'investigating');
    const waiting = await move(officer, inv, 'awaiting_customer', { reason: 'Asked for the booking number' });
    const res = await officer.post(`/api/v1/cases/${c.id}/customer-messages`, {
      channel: 'phone',
      body: 'Booking number is 4471',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Case>()).toMatchObject({ status: 'investigating', version: waiting.version + 1 });
    const types = (await timelineTypes(c.id)).filter((x) => x !== 'deadline');
    expect(types.slice(-2)).toEqual(['message_in', 'status']);
    expect(
      fieldErrors(
        await officer.post(`/api/v1/cases/${c.id}/customer-messages`, { channel: 'fax', body: '' }),
      ),
    ).toEqual(['body.channel', 'body.body']);
  });

  it('resolves at first contact in one step', async () => {
    const c = await create(officer, {
      resolvedAtFirstContact: true,
      resolutionNote: 'Re-made the booking',
      handlingSteps: ['attend', 'listen'],
    });
    expect(c).toMatchObject({
      status: 'closed',
      outcome: 'resolved_first_contact',
      resolvedAtFirstContact: true,
      assignee: { id: officerId },
    });
    expect(c.handlingSteps.map((s) => s.step)).toEqual(['attend', 'listen']);
    const missing = await officer.post('/api/v1/cases', body({ resolvedAtFirstContact: true }));
    expect(fieldErrors(missing)).toEqual(['body.resolutionNote']);
  });

  it('records handling-guide steps once each', async () => {
    const c = await create(officer);
    await officer.post(`/api/v1/cases/${c.id}/handling-steps`, { step: 'apologise' });
    const again = (
      await officer.post(`/api/v1/cases/${c.id}/handling-steps`, { step: 'apologise' })
    ).json<Case>();
    expect(again.handlingSteps.map((s) => s.step)).toEqual(['apologise']);
    expect((await officer.post(`/api/v1/cases/${c.id}/handling-steps`, { step: 'dance' })).statusCode).toBe(
      400,
    );
  });

  it('keeps the person complained about off the case, and reassignment needs a reason', async () => {
    const c = await create(supervisor, { concernsUserId: officer2Id });
    const toConcerned = await supervisor.post(`/api/v1/cases/${c.id}/assign`, {
      version: c.version,
      assigneeId: officer2Id,
    });
    expect(toConcerned.statusCode).toBe(403);
    expect(fieldErrors(toConcerned)).toEqual(['body.assigneeId']);
    const toOtherArea = await supervisor.post(`/api/v1/cases/${c.id}/assign`, {
      version: c.version,
      assigneeId: officerBId,
    });
    expect(toOtherArea.statusCode).toBe(403);
    const assigned = (
      await supervisor.post(`/api/v1/cases/${c.id}/assign`, { version: c.version, assigneeId: officerId })
    ).json<Case>();
    expect(assigned.assignee?.id).toBe(officerId);
    const noReason = await supervisor.post(`/api/v1/cases/${c.id}/assign`, {
      version: assigned.version,
      assigneeId: supervisorId,
    });
    expect(fieldErrors(noReason)).toEqual(['body.reason']);
    // An officer may take an unassigned case, but not hand cases to others.
    const free = await create(supervisor);
    expect(
      (
        await officer.post(`/api/v1/cases/${free.id}/assign`, {
          version: free.version,
          assigneeId: officer2Id,
        })
      ).statusCode,
    ).toBe(403);
    const taken = (
      await officer.post(`/api/v1/cases/${free.id}/assign`, { version: free.version, assigneeId: officerId })
    ).json<Case>();
    expect(taken.assignee?.id).toBe(officerId);
    // Making the assignee the subject of the complaint is refused.
    const clash = await supervisor.patch(`/api/v1/cases/${free.id}`, {
      version: taken.version,
      concernsUserId: officerId,
    });
    expect(clash.statusCode).toBe(409);
    const candidates = (await supervisor.get(`/api/v1/cases/${c.id}/assignees`)).json<{
      items: { id: string }[];
    }>();
    expect(candidates.items.map((u) => u.id)).not.toContain(officer2Id);
    expect(candidates.items.map((u) => u.id)).toContain(officerId);
  });

  it('assignment rules: round robin among the team, skipping the person complained about; least loaded', async () => {
    const rule = await admin.post('/api/v1/assignment-rules', {
      areaId: areaA.id,
      teamId: teamA.id,
      strategy: 'round_robin',
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const picks: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++) picks.push((await create(supervisor)).assignee?.id);
    expect(new Set(picks)).toEqual(new Set([officerId, officer2Id]));
    expect(picks[0]).not.toBe(picks[1]);
    expect(picks[1]).not.toBe(picks[2]);
    const about = await create(supervisor, { concernsUserId: officerId });
    expect(about.assignee?.id).toBe(officer2Id);
    const wrongTeam = await admin.post('/api/v1/assignment-rules', {
      areaId: areaB.id,
      teamId: teamA.id,
      strategy: 'least_loaded',
    });
    expect(fieldErrors(wrongTeam)).toEqual(['body.teamId']);
    const r = rule.json<{ id: string; version: number }>();
    await admin.patch(`/api/v1/assignment-rules/${r.id}`, { version: r.version, strategy: 'least_loaded' });
    const load = async (id: string) =>
      (
        await t.database.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM cases WHERE assignee_id = $1 AND status NOT IN ('closed','referred_external')",
          [id],
        )
      )[0]!.n;
    const lighter = (await load(officerId)) <= (await load(officer2Id)) ? officerId : officer2Id;
    expect((await create(supervisor)).assignee?.id).toBe(lighter);
  });

  it('scopes by area: other areas are 404, recording for an area you do not work in is 403', async () => {
    const c = await create(officer);
    expect((await officerB.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(404);
    expect((await officerB.post(`/api/v1/cases/${c.id}/notes`, { body: 'hi' })).statusCode).toBe(404);
    expect((await officerB.post('/api/v1/cases', body())).statusCode).toBe(403);
    const list = (await officerB.get('/api/v1/cases?limit=200')).json<{ items: { id: string }[] }>();
    expect(list.items.map((i) => i.id)).not.toContain(c.id);
    const forgedArea = (await officerB.get(`/api/v1/cases?areaId=${areaA.id}`)).json<{ items: unknown[] }>();
    expect(forgedArea.items).toEqual([]);
    // Administrators run the organisation but do not read cases.
    expect((await admin.get(`/api/v1/cases/${c.id}`)).statusCode).toBe(403);
  });

  it('masks personal details without the permission, and logs every view of them', async () => {
    const c = await create(officer, {
      customer: { name: 'Privacy Person', email: 'pp@example.net', phone: '0411 111 111' },
    });
    const masked = await get(executive, c.id);
    expect(masked.customer).toMatchObject({ name: 'P••• P•••', email: null, phone: null, masked: true });
    const list = (await executive.get(`/api/v1/cases?q=${c.reference}`)).json<{
      items: { customerName: string; customerMasked: boolean }[];
    }>();
    expect(list.items[0]).toMatchObject({ customerName: 'P••• P•••', customerMasked: true });
    // Searching by a name you may not see finds nothing.
    expect((await executive.get('/api/v1/cases?q=Privacy')).json().items).toEqual([]);
    const tl = (await executive.get(`/api/v1/cases/${c.id}/timeline`)).json<{
      items: { data: Record<string, unknown> }[];
    }>();
    expect(JSON.stringify(tl)).not.toContain('pp@example.net');

    await get(officer, c.id);
    await get(officer, c.id);
    const log = await t.database.query<{ user_id: string }>(
      'SELECT user_id FROM personal_access_log WHERE case_id = $1',
      [c.id],
    );
    expect(log.map((l) => l.user_id)).toEqual([officerId, officerId]);
    expect((await timelineTypes(c.id)).filter((x) => x === 'personal_access')).toHaveLength(1);
    const readLog = await admin.get(`/api/v1/personal-access?caseId=${c.id}`);
    expect(readLog.statusCode).toBe(200);
    expect(readLog.json().items).toHaveLength(2);
    expect(readLog.json().items[0]).toMatchObject({
      reference: c.reference,
      user: { name: 'Olivia Officer' },
    });
    expect((await supervisor.get('/api/v1/personal-access')).statusCode).toBe(403);
  });

  it('stores script in text as text; the email HTML escapes it', async () => {
    t.mailer.sent.length = 0;
    const c = await create(officer, {
      subject: HOSTILE,
      description: HOSTILE,
      customer: { name: HOSTILE, email: 'x@example.net' },
    });
    expect((await get(officer, c.id)).subject).toBe(HOSTILE);
    await t.worker.drain();
    const mail = t.mailer.last('x@example.net')!;
    expect(mail.html).not.toMatch(/<img|<svg|<script/i);
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('bulk assign and close report a result per case', async () => {
    const a = await create(supervisor);
    const b = await create(supervisor);
    const foreign = await create(officerB, { areaId: areaB.id });
    const res = await supervisor.post('/api/v1/cases/bulk', {
      ids: [a.id, b.id, foreign.id],
      action: { type: 'assign', assigneeId: officerId, reason: 'Olivia knows the guests' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().results.map((r: { ok: boolean; status: number }) => [r.ok, r.status])).toEqual([
      [true, 200],
      [true, 200],
      [false, 404],
    ]);
    const close = await supervisor.post('/api/v1/cases/bulk', {
      ids: [a.id, b.id],
      action: { type: 'close', outcome: 'upheld', rootCause: 'people' },
    });
    // Upheld complaints need a response first: each one says so.
    expect(close.json().results.every((r: { status: number }) => r.status === 409)).toBe(true);
    const withdraw = await supervisor.post('/api/v1/cases/bulk', {
      ids: [a.id],
      action: { type: 'close', outcome: 'withdrawn' },
    });
    expect(withdraw.json().results[0]).toMatchObject({ ok: true, reference: a.reference });
  });

  it('filters the queue, sorts by due, pages by keyset, and counts saved views', async () => {
    const mine = (await officer.get('/api/v1/cases?assigneeId=me&limit=200')).json<{
      items: { assignee: { id: string } }[];
    }>();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.assignee.id === officerId)).toBe(true);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; nextDueAt: string | null }[]; nextCursor: string | null } = (
        await supervisor.get(`/api/v1/cases?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      all.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const total = (await supervisor.get('/api/v1/cases?limit=200')).json<{
      items: { id: string; nextDueAt: string | null }[];
    }>();
    expect(all).toEqual(total.items.map((i) => i.id));
    const dues = total.items.map((i) => (i.nextDueAt ? Date.parse(i.nextDueAt) : Infinity));
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
    expect((await supervisor.get('/api/v1/cases?cursor=bm9wZQ')).statusCode).toBe(400);
    expect((await supervisor.get('/api/v1/cases?status=nonsense')).statusCode).toBe(400);

    const view = await officer.post('/api/v1/saved-views', {
      name: 'My open',
      filters: { assigneeId: 'me', open: 'true' },
    });
    expect(view.statusCode, view.body).toBe(201);
    const openMine = (await officer.get('/api/v1/cases?assigneeId=me&open=true&limit=200')).json().items
      .length;
    const views = (await officer.get('/api/v1/saved-views')).json<{
      items: { name: string; count: number }[];
    }>();
    expect(views.items.find((v) => v.name === 'My open')!.count).toBe(openMine);
    const badView = await officer.post('/api/v1/saved-views', {
      name: 'Bad',
      filters: { status: 'nonsense' },
    });
    expect(badView.statusCode).toBe(400);
    // Another person cannot delete it.
    expect((await officer2.delete(`/api/v1/saved-views/${view.json().id}`)).statusCode).toBe(404);
    expect((await officer.delete(`/api/v1/saved-views/${view.json().id}`)).statusCode).toBe(200);
  });

  it('categories are two levels, editable, and templates refuse unknown placeholders', async () => {
    const top = (await admin.post('/api/v1/categories', { name: 'Noise' })).json<{ id: string }>();
    const sub = await admin.post('/api/v1/categories', { name: 'Late-night noise', parentId: top.id });
    expect(sub.statusCode).toBe(201);
    const third = await admin.post('/api/v1/categories', { name: 'Too deep', parentId: sub.json().id });
    expect(fieldErrors(third)).toEqual(['body.parentId']);
    expect(fieldErrors(await admin.post('/api/v1/categories', { name: 'noise' }))).toEqual(['body.name']);
    expect((await officer.post('/api/v1/categories', { name: 'Officer made' })).statusCode).toBe(403);
    const tpl = await admin.post('/api/v1/templates', {
      name: 'Bad',
      purpose: 'update',
      subject: 'Hi {{customer.name}}',
      body: 'Your password is {{customer.password}}',
    });
    expect(fieldErrors(tpl)).toEqual(['body.body']);
  });

  it('corrects the received time only with a reason, never into the future, and audits it', async () => {
    const c = await create(officer);
    expect(
      (
        await officer.post(`/api/v1/cases/${c.id}/received-at`, {
          version: c.version,
          receivedAt: '2026-01-01T00:00:00Z',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const future = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const res = await supervisor.post(`/api/v1/cases/${c.id}/received-at`, {
      version: c.version,
      receivedAt: future,
      reason: 'typo',
    });
    expect(fieldErrors(res)).toEqual(['body.receivedAt']);
    const earlier = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    const ok = (
      await supervisor.post(`/api/v1/cases/${c.id}/received-at`, {
        version: c.version,
        receivedAt: earlier,
        reason: 'Letter was date-stamped an hour earlier',
      })
    ).json<Case>();
    expect(ok.receivedAt).toBe(earlier);
    const audit = await t.database.query<{ action: string; before: { receivedAt: string } }>(
      "SELECT action, before FROM audit_events WHERE entity_id = $1 AND action = 'case.received_corrected'",
      [c.id],
    );
    expect(audit[0]!.before.receivedAt).toBe(c.receivedAt);
  });

  it('streams changes to watchers with Server-Sent Events', async () => {
    const c = await create(officer);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const cookie = [...supervisor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port,
          path: `/api/v1/cases/${c.id}/events`,
          headers: { cookie, accept: 'text/event-stream' },
        },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let buf = '';
          res.on('data', (chunk: Buffer) => {
            buf += chunk.toString();
            if (buf.includes(': connected') && !buf.includes('event: change'))
              void officer.post(`/api/v1/cases/${c.id}/notes`, { body: 'Called the customer' });
            if (buf.includes('event: change')) {
              req.destroy();
              resolve(buf);
            }
          });
        },
      );
      req.on('error', reject);
    });
    const data = JSON.parse(/data: (.+)\n/.exec(received)![1]!);
    expect(data).toMatchObject({ caseId: c.id, type: 'note', actorId: officerId });
    const other = await new Promise<number>((resolve) => {
      http.get(
        {
          host: '127.0.0.1',
          port,
          path: `/api/v1/cases/${c.id}/events`,
          headers: { cookie: [...officerB.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        },
        (res) => {
          resolve(res.statusCode ?? 0);
          res.resume();
        },
      );
    });
    expect(other).toBe(404);
  });

  it('streams queue changes only for areas the watcher can see', async () => {
    const { port } = t.app.server.address() as AddressInfo;
    const open = (s: Session) => {
      const chunks: string[] = [];
      const req = http.get({
        host: '127.0.0.1',
        port,
        path: '/api/v1/cases/stream',
        headers: { cookie: [...s.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      const ready = new Promise<void>((resolve) =>
        req.on('response', (res) => res.on('data', (c: Buffer) => (chunks.push(c.toString()), resolve()))),
      );
      return { chunks, ready, close: () => req.destroy() };
    };
    const sup = open(supervisor);
    const other = open(officerB);
    await Promise.all([sup.ready, other.ready]);
    const c = await create(officer);
    await expect.poll(() => sup.chunks.join('').includes(c.id)).toBe(true);
    const b = await create(officerB, { areaId: areaB.id });
    await expect.poll(() => other.chunks.join('').includes(b.id)).toBe(true);
    expect(other.chunks.join('')).not.toContain(c.id);
    expect(sup.chunks.join('')).not.toContain(b.id);
    sup.close();
    other.close();
  });

  it('documents the case API in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    for (const path of [
      '/api/v1/cases',
      '/api/v1/cases/{id}',
      '/api/v1/cases/{id}/transitions',
      '/api/v1/cases/{id}/resolution',
      '/api/v1/cases/{id}/resolution/decision',
      '/api/v1/cases/{id}/response',
      '/api/v1/cases/bulk',
      '/api/v1/saved-views',
      '/api/v1/categories',
      '/api/v1/templates',
      '/api/v1/assignment-rules',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });
});

describe('cases: deadline clocks through the case API', () => {
  let t: TestApp;
  let officer: Session;
  let supervisorEmail: string;
  let supervisor: Session;
  let areaId: string;
  const MINUTE = 60_000;

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 in Sydney (AEDT, +11:00): a working day.
    t = await createTestApp({
      clock: new (await import('../../platform/clock.js')).ManualClock('2026-03-01T22:00:00Z'),
    });
    const admin = await setupOrganisation(t);
    await admin.patch('/api/v1/organisation', {
      version: (await admin.get('/api/v1/organisation')).json().version,
      timeZone: 'Australia/Sydney',
    });
    areaId = (await createArea(admin, { name: 'Contact centre', code: 'CC' })).id;
    officer = (await createStaff(t, admin, { role: 'officer', areaIds: [areaId], name: 'Olga Officer' }))
      .session;
    const stan = await createStaff(t, admin, { role: 'supervisor', areaIds: [areaId], name: 'Stan Super' });
    supervisorEmail = stan.user.email;
    supervisor = stan.session;
    t.mailer.sent.length = 0;
  });
  afterAll(() => t.close());

  const create = async (priority: string) => {
    const res = await officer.post('/api/v1/cases', {
      areaId,
      channel: 'phone',
      priority,
      subject: 'Billing error',
      description: 'Charged twice',
      customer: { name: 'Clock Customer' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Case>();
  };
  const clockOf = (c: Case, kind: string) => c.clocks.find((k) => k.kind === kind)!;

  it('starts three clocks at receipt, warns at 75%, breaches and escalates once', async () => {
    const c = await create('high');
    expect(c.clocks.map((k) => k.kind).sort()).toEqual(['acknowledgement', 'first_response', 'resolution']);
    const ack = clockOf(c, 'acknowledgement');
    expect(ack.state).toBe('running');
    // High priority: acknowledgement within 2 working hours.
    expect(ack.dueAt).toBe('2026-03-02T00:00:00.000Z'); // 11:00 in Sydney
    expect(c.deadlineState).toBe('on_track');

    t.clock.advance(91 * MINUTE);
    await t.worker.drain();
    let now = (await officer.get(`/api/v1/cases/${c.id}`)).json<Case>();
    expect(now.deadlineState).toBe('due_soon');
    expect(clockOf(now, 'acknowledgement').isWarning).toBe(true);

    t.clock.advance(30 * MINUTE);
    await t.worker.drain();
    await t.worker.drain();
    now = (await officer.get(`/api/v1/cases/${c.id}`)).json<Case>();
    expect(now).toMatchObject({ deadlineState: 'breached', escalated: true, priority: 'urgent' });
    const escalations = await t.database.query<{ type: string }>(
      "SELECT type FROM clock_events e JOIN case_clocks k ON k.id = e.clock_id WHERE k.case_id = $1 AND e.type IN ('warned','breached','escalated')",
      [c.id],
    );
    expect(escalations.map((e) => e.type).sort()).toEqual(['breached', 'escalated', 'warned']);
    expect(t.mailer.sent.filter((m) => m.to === supervisorEmail).length).toBeGreaterThanOrEqual(1);
    const toSupervisor = () => t.mailer.sent.filter((m) => m.to === supervisorEmail).length;
    const before = toSupervisor();
    t.clock.advance(60 * MINUTE);
    await t.worker.drain();
    now = (await officer.get(`/api/v1/cases/${c.id}`)).json<Case>();
    // Raised once, told once: nothing fires twice on the next drain.
    expect(now.priority).toBe('urgent');
    expect(toSupervisor()).toBe(before);
  });

  it('a corrected received time moves the first clocks', async () => {
    // Monday 2 March 2026 is long past the previous test's clock moves: set a working-day noon.
    t.clock.set('2026-03-03T01:00:00Z'); // Tuesday 12:00 in Sydney
    const c = await create('high');
    expect(clockOf(c, 'acknowledgement').dueAt).toBe('2026-03-03T03:00:00.000Z'); // 14:00
    const res = await supervisor.post(`/api/v1/cases/${c.id}/received-at`, {
      version: c.version,
      receivedAt: '2026-03-02T23:00:00Z', // 10:00, the letter's date stamp
      reason: 'Letter was stamped at 10:00',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(clockOf(res.json<Case>(), 'acknowledgement').dueAt).toBe('2026-03-03T01:00:00.000Z'); // 12:00
  });

  it('pauses while awaiting the customer (audited), resumes, and the response fulfils the clocks', async () => {
    const c = await create('medium');
    const ack = await officer.post(`/api/v1/cases/${c.id}/transitions`, {
      version: c.version,
      to: 'acknowledged',
    });
    const acked = ack.json<Case>();
    expect(clockOf(acked, 'acknowledgement').state).toBe('met');
    const inv = (
      await officer.post(`/api/v1/cases/${c.id}/transitions`, { version: acked.version, to: 'investigating' })
    ).json<Case>();
    const waiting = (
      await officer.post(`/api/v1/cases/${c.id}/transitions`, {
        version: inv.version,
        to: 'awaiting_customer',
        reason: 'Asked for the invoice number',
      })
    ).json<Case>();
    expect(waiting.deadlineState).toBe('paused');
    expect(clockOf(waiting, 'resolution').state).toBe('paused');
    const paused = await t.database.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'case.clock_%'",
      [c.id],
    );
    expect(paused.length).toBeGreaterThan(0);
    t.clock.advance(3 * 24 * 60 * MINUTE);
    const back = (
      await officer.post(`/api/v1/cases/${c.id}/transitions`, {
        version: waiting.version,
        to: 'investigating',
      })
    ).json<Case>();
    expect(clockOf(back, 'resolution').state).toBe('running');
    // Ten calendar days, plus the three paused days.
    const due = Date.parse(clockOf(back, 'resolution').dueAt!);
    expect(due - Date.parse(c.receivedAt)).toBe(13 * 24 * 60 * MINUTE);
    const p = (
      await officer.post(`/api/v1/cases/${c.id}/resolution`, {
        version: back.version,
        summary: 'Refund the duplicate',
        actions: [{ type: 'refund', amountCents: 40_00 }],
      })
    ).json<Case>();
    const responded = (
      await officer.post(`/api/v1/cases/${c.id}/response`, { version: p.version })
    ).json<Case>();
    expect(responded.clocks.every((k) => k.state === 'met' || k.state === 'breached')).toBe(true);
    expect(responded.deadlineState).toBe('none');
  });
});
