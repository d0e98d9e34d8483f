import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArea,
  createStaff,
  createTestApp,
  setupOrganisation,
  type Session,
  type TestApp,
} from '../../../../test/support/app.js';
import type { Case } from '../../../contracts/cases.js';

/** The outside: intake without a signed-in person, the customer's tracking token, reply and decision. */
describe('cases: intake and the customer side', () => {
  let t: TestApp;
  let admin: Session;
  let officer: Session;
  let area: { id: string };
  const intake = (overrides: Record<string, unknown> = {}) =>
    t.services.cases.intake(
      {
        areaId: area.id,
        subject: 'Late delivery',
        description: 'My order came a week late.',
        desiredOutcome: 'Refund of the delivery fee',
        customer: { name: 'Pat Public', email: 'Pat@Example.net' },
        ...overrides,
      },
      { channel: 'web', by: 'Web form', sendAcknowledgement: true },
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await setupOrganisation(t);
    area = await createArea(admin, { name: 'Online store', code: 'WEB' });
    ({ session: officer } = await createStaff(t, admin, { role: 'officer', areaIds: [area.id] }));
  });
  afterAll(() => t.close());

  it('records a case from outside, acknowledges it and gives a tracking token', async () => {
    const r = await intake();
    expect(r.reference).toMatch(/^VR-/);
    expect(r.status).toBe('acknowledged');
    expect(r.duplicate).toBe(false);
    const c = (await officer.get(`/api/v1/cases/${r.id}`)).json<Case>();
    expect(c.channel).toBe('web');
    expect(c.createdBy).toBeNull();
    expect(c.clocks.map((k) => k.kind).sort()).toEqual(['acknowledgement', 'first_response', 'resolution']);
    const view = await t.services.cases.customerView(r.trackingToken!);
    expect(view).toMatchObject({
      reference: r.reference,
      stage: 'received',
      canReply: true,
      canDecide: false,
    });
    expect(view!.messages).toHaveLength(1); // the acknowledgement
    expect(view!.messages[0]!.from).toBe('staff');
    expect(view!.expectedBy).not.toBeNull();
  });

  it('returns the first case again for a repeated external id, and refuses a closed area', async () => {
    const a = await intake({ externalId: '<m1@example.net>' });
    const b = await intake({ externalId: '<m1@example.net>' });
    expect(b).toMatchObject({ id: a.id, duplicate: true });
    await expect(intake({ areaId: randomUUID() })).rejects.toMatchObject({
      code: 'validation',
    });
  });

  it('opens a case by reference and email only when both match, in any letter case', async () => {
    const r = await intake();
    expect(await t.services.cases.findTracking(r.reference.toLowerCase(), 'pat@example.NET')).toBeTruthy();
    expect(await t.services.cases.findTracking(r.reference, 'someone@else.net')).toBeNull();
    expect(await t.services.cases.findTracking('VR-26-0000-00', 'pat@example.net')).toBeNull();
  });

  it('refuses forged, altered and stale tokens, and a token after the email changed', async () => {
    const r = await intake();
    const token = r.trackingToken!;
    const [body, mac] = token.split('.');
    expect(await t.services.cases.customerView(`${body}.${mac!.slice(1)}x`)).toBeNull();
    const other = await intake();
    const otherBody = other.trackingToken!.split('.')[0];
    expect(await t.services.cases.customerView(`${otherBody}.${mac}`)).toBeNull();
    expect(await t.services.cases.customerView('not-a-token')).toBeNull();
    const c = (await officer.get(`/api/v1/cases/${r.id}`)).json<Case>();
    await officer.patch(`/api/v1/cases/${r.id}`, {
      version: c.version,
      customer: { email: 'new@example.net' },
    });
    expect(await t.services.cases.customerView(token)).toBeNull();
    expect(await t.services.cases.customerView(other.trackingToken!)).not.toBeNull();
  });

  it('takes the customer’s reply, resumes a waiting case, and records a rejection as a dispute', async () => {
    const r = await intake();
    let c = (await officer.get(`/api/v1/cases/${r.id}`)).json<Case>();
    c = (
      await officer.post(`/api/v1/cases/${r.id}/transitions`, { version: c.version, to: 'investigating' })
    ).json();
    c = (
      await officer.post(`/api/v1/cases/${r.id}/transitions`, {
        version: c.version,
        to: 'awaiting_customer',
        reason: 'Need the order number',
      })
    ).json();
    expect(c.status).toBe('awaiting_customer');
    expect((await t.services.cases.customerView(r.trackingToken!))!.stage).toBe('waiting_for_you');
    await t.services.cases.customerReply(r.id, { body: 'Order WS-1234', channel: 'web' });
    c = (await officer.get(`/api/v1/cases/${r.id}`)).json<Case>();
    expect(c.status).toBe('investigating');
    await expect(
      t.services.cases.customerDecide(r.id, { accept: false, reason: 'no' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    c = (
      await officer.post(`/api/v1/cases/${r.id}/resolution`, {
        version: c.version,
        summary: 'We refund the delivery fee.',
        actions: [{ type: 'refund', amountCents: 900 }],
      })
    ).json();
    c = (await officer.post(`/api/v1/cases/${r.id}/response`, { version: c.version })).json();
    expect(c.status).toBe('responded');
    const view = (await t.services.cases.customerView(r.trackingToken!))!;
    expect(view).toMatchObject({ stage: 'responded', canDecide: true });
    expect(view.response?.body).toBeTruthy();
    expect(view.messages.map((m) => m.from)).toContain('you');
    await t.services.cases.customerDecide(r.id, { accept: false, reason: 'A refund of the whole order' });
    c = (await officer.get(`/api/v1/cases/${r.id}`)).json<Case>();
    expect(c.status).toBe('under_review');
    expect(c.disputeCount).toBe(1);
    await expect(t.services.cases.customerDecide(r.id, { accept: true, reason: '' })).rejects.toMatchObject({
      code: 'conflict',
    });
    const audit = await t.database.query<{ action: string; actor_label: string }>(
      `SELECT action, actor_label FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [r.id],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['case.created', 'case.customer_message', 'case.customer_rejected']),
    );
    expect(audit.find((a) => a.action === 'case.customer_rejected')!.actor_label).toBe('customer');
  });

  it('refuses a tracking token once it has expired (last: moves the clock past every session)', async () => {
    const r = await intake();
    t.clock.advance(399 * 86_400_000);
    expect(await t.services.cases.customerView(r.trackingToken!)).not.toBeNull();
    t.clock.advance(2 * 86_400_000);
    expect(await t.services.cases.customerView(r.trackingToken!)).toBeNull();
  });
});
