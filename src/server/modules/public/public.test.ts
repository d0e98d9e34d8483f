import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createArea,
  createTestApp,
  invitationTokenFrom,
  roleId,
  Session,
  setupOrganisation,
  type TestApp,
} from '../../../../test/support/app.js';
import { multipart } from '../../../../test/support/multipart.js';
import { recipientOf, startSmtpListener, type SmtpListener } from '../../../../test/support/smtp.js';
import type { Case, CustomerCaseView } from '../../../contracts/cases.js';
import type { Charter, PublicSettings, SubmissionResult } from '../../../contracts/public.js';
import { createMailer } from '../../platform/mail.js';

const key = () => randomBytes(18).toString('base64url');
let ip = 0;
/** Each test speaks from its own address, so the per-address limits only bite where a test wants them. */
const nextIp = () => `10.0.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;

describe('public pages: charter, feedback form, tracking, abuse', () => {
  let t: TestApp;
  let smtp: SmtpListener;
  let admin: Session;
  /** A customer service manager (administrators do not handle cases). */
  let staff: Session;
  let area: { id: string; name: string };
  let inactiveArea: { id: string };

  const form = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: key(),
    kind: 'complaint',
    areaId: area.id,
    subject: 'Cold room',
    description: 'The heating in room 12 did not work for two nights.',
    desiredOutcome: 'A refund of one night',
    customer: { name: 'Jane Citizen', email: `jane+${ip}@example.net`, preferredContact: 'email' },
    ...overrides,
  });
  const send = (payload: unknown, remoteAddress = nextIp()) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/submissions',
      payload: payload as object,
      remoteAddress,
    });
  const submit = async (overrides: Record<string, unknown> = {}) => {
    const res = await send(form(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<SubmissionResult>();
  };
  const caseCount = async () =>
    Number(
      (
        (await t.database.db.execute(`SELECT count(*)::int AS n FROM cases`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n,
    );
  const track = (token: string) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/public/track?token=${encodeURIComponent(token)}`,
      remoteAddress: nextIp(),
    });
  const postPublic = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, payload, remoteAddress: nextIp() });

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await createTestApp({
      mailer: createMailer({ smtpUrl: smtp.url, from: 'care@verity.test', log: pino({ level: 'silent' }) }),
    });
    admin = await setupOrganisation(t);
    area = await createArea(admin, { name: 'Front office' });
    inactiveArea = await createArea(admin, { name: 'Old kiosk' });
    const off = await admin.patch(`/api/v1/areas/${inactiveArea.id}`, { version: 1, active: false });
    expect(off.statusCode, off.body).toBe(200);
    const invited = await admin.post('/api/v1/users/invitations', {
      email: 'manager@harbour.example',
      name: 'Mo Manager',
      roleId: await roleId(admin, 'manager'),
      areaIds: [area.id],
      teamIds: [],
    });
    expect(invited.statusCode, invited.body).toBe(201);
    await t.worker.drain();
    const invitation = await smtp.waitFor((m) => recipientOf(m) === 'manager@harbour.example');
    staff = new Session(t.app);
    const accepted = await staff.post('/api/v1/auth/invitations/accept', {
      token: invitationTokenFrom(invitation.text ?? ''),
      password: 'a long enough password',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('the charter gives the time frames live from the deadline policies, and administrators edit it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/charter' });
    expect(res.statusCode, res.body).toBe(200);
    const charter = res.json<Charter>();
    expect(charter.branding.name).toBe('Harbour Hotel Group');
    expect(charter.usualPriority).toBe('medium');
    const medium = charter.timeframes.find((f) => f.priority === 'medium')!;
    expect(medium).toEqual({
      priority: 'medium',
      acknowledgement: '4 working hours',
      firstResponse: '16 working hours',
      resolution: '10 days',
    });
    expect(charter.sections.escalation).toMatch(/review/);

    // A policy changed by staff shows at once.
    const policies = (await admin.get('/api/v1/deadline-policies')).json<{
      items: {
        id: string;
        areaId: string | null;
        categoryId: string | null;
        priority: string;
        version: number;
      }[];
    }>();
    const p = policies.items.find((i) => i.priority === 'medium' && !i.areaId && !i.categoryId)!;
    const changed = await admin.patch(`/api/v1/deadline-policies/${p.id}`, {
      version: p.version,
      acknowledgement: { kind: 'businessTime', value: 60 },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/public/charter' })).json<Charter>();
    expect(after.timeframes.find((f) => f.priority === 'medium')!.acknowledgement).toBe('1 working hour');

    // Anonymous people cannot edit it; an administrator can.
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/settings/public-pages' });
    expect(anon.statusCode).toBe(401);
    const settings = (await admin.get('/api/v1/settings/public-pages')).json<PublicSettings>();
    const edit = await admin.patch('/api/v1/settings/public-pages', {
      version: settings.version,
      brandName: 'Harbour Hotels',
      primaryColour: '#0B5D3B',
      sections: {
        externalBodyName: 'Fair Trading Office',
        externalBodyUrl: 'https://fairtrading.example',
        contact: 'Phone 1800 000 000',
      },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const stale = await admin.patch('/api/v1/settings/public-pages', {
      version: settings.version,
      brandName: 'x',
    });
    expect(stale.statusCode).toBe(409);
    const badUrl = await admin.patch('/api/v1/settings/public-pages', {
      version: settings.version + 1,
      logoUrl: 'https://evil.example/logo.png',
      sections: { externalBodyUrl: 'javascript:alert(1)' },
    });
    expect(badUrl.statusCode).toBe(400);
    expect(
      badUrl
        .json<{ errors: { path: string }[] }>()
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['body.logoUrl', 'body.sections.externalBodyUrl']);
    const branded = (await t.app.inject({ method: 'GET', url: '/api/v1/public/charter' })).json<Charter>();
    expect(branded.branding).toEqual({ name: 'Harbour Hotels', primaryColour: '#0b5d3b', logoUrl: null });
    expect(branded.sections.externalBodyName).toBe('Fair Trading Office');
  });

  it('a logo is an image read from its bytes; an SVG (scripts) is refused; it is served with nosniff', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    let settings = (await admin.get('/api/v1/settings/public-pages')).json<PublicSettings>();
    const svg = await admin.request({
      method: 'PUT',
      url: '/api/v1/settings/public-pages/logo',
      payload: {
        version: settings.version,
        dataBase64: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ).toString('base64'),
      },
    });
    expect(svg.statusCode).toBe(400);
    expect(svg.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.dataBase64');
    const up = await admin.request({
      method: 'PUT',
      url: '/api/v1/settings/public-pages/logo',
      payload: { version: settings.version, dataBase64: png.toString('base64') },
    });
    expect(up.statusCode, up.body).toBe(200);
    settings = up.json<PublicSettings>();
    expect(settings.logo).toBe('uploaded');
    const charter = (await t.app.inject({ method: 'GET', url: '/api/v1/public/charter' })).json<Charter>();
    const logo = await t.app.inject({ method: 'GET', url: charter.branding.logoUrl! });
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['x-content-type-options']).toBe('nosniff');
    expect(logo.rawPayload.equals(png)).toBe(true);
    const removed = await admin.patch('/api/v1/settings/public-pages', {
      version: settings.version,
      removeLogo: true,
    });
    expect(removed.json<PublicSettings>().logo).toBe('none');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/logo' })).statusCode).toBe(404);
  });

  it('lists only active areas and categories, and refuses an inactive area', async () => {
    const areas = (await t.app.inject({ method: 'GET', url: '/api/v1/public/areas' })).json<{
      items: { id: string }[];
    }>();
    expect(areas.items.map((a) => a.id)).toContain(area.id);
    expect(areas.items.map((a) => a.id)).not.toContain(inactiveArea.id);
    const categories = (await t.app.inject({ method: 'GET', url: '/api/v1/public/categories' })).json<{
      items: { id: string; parentId: string | null; name: string }[];
    }>();
    expect(categories.items.length).toBeGreaterThan(5);
    const res = await send(form({ areaId: inactiveArea.id }));
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.areaId');
  });

  it('a submission creates one case, acknowledged on screen and by email; <script> stays text', async () => {
    const before = await caseCount();
    const hostile = '<script>window.__x=1</script><img src=x onerror=alert(1)>';
    const result = await submit({
      subject: hostile,
      description: `It was bad. ${hostile}`,
      customer: {
        name: 'Sam <b>Bold</b>',
        email: 'Sam@Example.net',
        phone: '0400 111 222',
        preferredContact: 'phone',
      },
      help: {
        interpreter: true,
        language: 'Vietnamese',
        largePrint: true,
        callBack: false,
        representative: false,
      },
    });
    expect(result.status).toBe('received');
    expect(result.reference).toMatch(/^VR-\d{2}-/);
    expect(await caseCount()).toBe(before + 1);

    const view = (await track(result.trackingToken!)).json<CustomerCaseView>();
    expect(view.reference).toBe(result.reference);
    expect(view.subject).toBe(hostile);
    expect(view.stage).toBe('received');

    const seen = (await staff.get(`/api/v1/cases/by-reference/${result.reference}`)).json<Case>();
    expect(seen.channel).toBe('web');
    expect(seen.subject).toBe(hostile);
    expect(seen.helpNeeded).toBe('Interpreter (Vietnamese); Large print');

    await t.worker.drain();
    const mail = await smtp.waitFor((m) => (m.text ?? '').includes(result.reference!));
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]!.address : '').toBe('sam@example.net');
    // The email's HTML carries the subject as text, never as markup.
    expect(mail.html || '').not.toContain('<script>');
  });

  it('a name with a header injection is harmless in the acknowledgement email', async () => {
    const result = await submit({
      customer: { name: 'a\r\nBcc: x@y.example', email: 'inject@example.net', preferredContact: 'email' },
    });
    const seen = (await staff.get(`/api/v1/cases/by-reference/${result.reference}`)).json<Case>();
    expect(seen.customer.name).toBe('a Bcc: x@y.example');
    await t.worker.drain();
    const mail = await smtp.waitFor((m) => (m.text ?? '').includes(result.reference!));
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.cc).toBeUndefined();
    const to = Array.isArray(mail.to) ? mail.to : [mail.to!];
    expect(to.flatMap((a) => a.value.map((v) => v.address))).toEqual(['inject@example.net']);
    expect(smtp.messages.some((m) => JSON.stringify(m.to).includes('x@y.example'))).toBe(false);
  });

  it('an array where a string is expected is a 400 naming the field; so is an unknown field', async () => {
    const res = await send(form({ subject: ['a', 'b'], extra: 1 }));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toContain('body.subject');
    expect(paths).toContain('body.extra');
    const nested = await send(form({ customer: { name: ['x'], email: 'a@b.example' } }));
    expect(nested.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain(
      'body.customer.name',
    );
  });

  it('a body larger than the form allows is refused as too large', async () => {
    const res = await send(form({ description: 'x'.repeat(200_000) }));
    expect(res.statusCode).toBe(413);
  });

  it('the same idempotency key, sent twice or at once, creates one case', async () => {
    const before = await caseCount();
    const payload = form();
    const [a, b] = await Promise.all([send(payload), send(payload)]);
    const c = await send(payload);
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([201, 201, 201]);
    const refs = [a, b, c].map((r) => r.json<SubmissionResult>().reference);
    expect(new Set(refs).size).toBe(1);
    expect(await caseCount()).toBe(before + 1);
    // The second answer's tracking link works too.
    expect((await track(b.json<SubmissionResult>().trackingToken!)).statusCode).toBe(200);
  });

  it('a filled honeypot gets the same thank-you and creates nothing', async () => {
    const before = await caseCount();
    const res = await send(form({ website: 'http://spam.example' }));
    expect(res.statusCode).toBe(201);
    const body = res.json<SubmissionResult>();
    expect(body.status).toBe('received');
    expect(body.reference).toMatch(/^VR-\d{2}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    expect(Object.keys(body).sort()).toEqual(['kind', 'reference', 'status', 'trackingToken']);
    expect(await caseCount()).toBe(before);
    expect((await track(body.trackingToken!)).statusCode).toBe(404);
  });

  it('tracking: lookup by reference and email; forged, expired and mismatched tokens are 404', async () => {
    const result = await submit({ customer: { name: 'Lee', email: 'lee@example.net' } });
    const ok = await postPublic('/api/v1/public/track/lookup', {
      reference: ` ${result.reference!.toLowerCase()} `,
      email: 'LEE@example.net',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const token = ok.json<{ trackingToken: string }>().trackingToken;
    expect((await track(token)).json<CustomerCaseView>().reference).toBe(result.reference);

    const wrongEmail = await postPublic('/api/v1/public/track/lookup', {
      reference: result.reference!,
      email: 'someone@example.net',
    });
    const unknown = await postPublic('/api/v1/public/track/lookup', {
      reference: 'VR-26-ZZZZ-ZZ',
      email: 'lee@example.net',
    });
    expect(wrongEmail.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const strip = (b: string) => {
      const { requestId: _r, ...rest } = JSON.parse(b) as Record<string, unknown>;
      return rest;
    };
    expect(strip(wrongEmail.body)).toEqual(strip(unknown.body));

    const [body, mac] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), c: randomUUIDish() }),
    ).toString('base64url');
    expect((await track(`${forgedPayload}.${mac}`)).statusCode).toBe(404);
    expect((await track(`${body}.${'A'.repeat(mac!.length)}`)).statusCode).toBe(404);
    expect((await track('not-a-token')).statusCode).toBe(404);
    expect(
      (await postPublic('/api/v1/public/track/replies', { token: `${forgedPayload}.${mac}`, body: 'hi' }))
        .statusCode,
    ).toBe(404);

    // A year later the link has expired.
    t.clock.advance(400 * 24 * 3_600_000);
    const expired = await track(token);
    t.clock.advance(-400 * 24 * 3_600_000);
    expect(expired.statusCode).toBe(404);
  });

  it('the customer replies, reads staff messages (never notes), and a rejection opens a review', async () => {
    const result = await submit({ customer: { name: 'Kim', email: 'kim@example.net' } });
    const token = result.trackingToken!;
    const replied = await postPublic('/api/v1/public/track/replies', {
      token,
      body: 'Also the window <b>would not</b> close.',
    });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json<CustomerCaseView>().messages.some((m) => m.from === 'you')).toBe(true);

    let c = (await staff.get(`/api/v1/cases/by-reference/${result.reference}`)).json<Case>();
    expect(
      (await staff.post(`/api/v1/cases/${c.id}/notes`, { body: 'INTERNAL: guest is a VIP' })).statusCode,
    ).toBe(200);
    c = (await staff.get(`/api/v1/cases/${c.id}`)).json<Case>();
    const msg = await staff.post(`/api/v1/cases/${c.id}/messages`, {
      version: c.version,
      body: 'We are sorry. An engineer will look at it today.',
    });
    expect(msg.statusCode, msg.body).toBe(200);
    let view = (await track(token)).json<CustomerCaseView>();
    expect(view.messages.some((m) => m.from === 'staff' && m.body.includes('engineer'))).toBe(true);
    expect(JSON.stringify(view)).not.toContain('INTERNAL');
    expect(view.canDecide).toBe(false);
    const early = await postPublic('/api/v1/public/track/decision', { token, accept: false, reason: 'no' });
    expect(early.statusCode).toBe(409);

    c = msg.json<Case>();
    const inv = await staff.post(`/api/v1/cases/${c.id}/transitions`, {
      version: c.version,
      to: 'investigating',
    });
    c = inv.json<Case>();
    const prop = await staff.post(`/api/v1/cases/${c.id}/resolution`, {
      version: c.version,
      summary: 'Apology and explanation',
      actions: [{ type: 'apology' }],
    });
    expect(prop.statusCode, prop.body).toBe(200);
    const sent = await staff.post(`/api/v1/cases/${c.id}/response`, { version: prop.json<Case>().version });
    expect(sent.statusCode, sent.body).toBe(200);

    view = (await track(token)).json<CustomerCaseView>();
    expect(view.stage).toBe('responded');
    expect(view.response).not.toBeNull();
    expect(view.canDecide).toBe(true);
    const noReason = await postPublic('/api/v1/public/track/decision', { token, accept: false });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ errors: { path: string }[] }>().errors[0]!.path).toBe('body.reason');
    const rejected = await postPublic('/api/v1/public/track/decision', {
      token,
      accept: false,
      reason: 'An apology does not fix the heating.',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json<CustomerCaseView>().stage).toBe('under_review');
    expect((await staff.get(`/api/v1/cases/${c.id}`)).json<Case>().status).toBe('under_review');
  });

  it('the customer adds files with the tracking token; downloads are checked against it', async () => {
    const mine = await submit({ customer: { name: 'Fay', email: 'fay@example.net' } });
    const other = await submit({ customer: { name: 'Gus', email: 'gus@example.net' } });
    const text = Buffer.from('Receipt: room 12, two nights.\n');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const body = multipart([
      { name: 'receipt.txt', content: text, type: 'text/plain' },
      { name: '../../etc/passwd.svg', content: svg, type: 'image/svg+xml' },
    ]);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/track/attachments?token=${encodeURIComponent(mine.trackingToken!)}`,
      ...body,
      remoteAddress: nextIp(),
    });
    expect(up.statusCode, up.body).toBe(201);
    const items = up.json<{ items: { id: string; name: string; downloadUrl: string }[] }>().items;
    expect(items.map((i) => i.name).sort()).toEqual(['passwd.svg', 'receipt.txt']);

    const receipt = items.find((i) => i.name === 'receipt.txt')!;
    const got = await t.app.inject({ method: 'GET', url: receipt.downloadUrl, remoteAddress: nextIp() });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(text)).toBe(true);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    const image = items.find((i) => i.name === 'passwd.svg')!;
    const svgGot = await t.app.inject({ method: 'GET', url: image.downloadUrl, remoteAddress: nextIp() });
    expect(String(svgGot.headers['content-disposition'])).toMatch(/^attachment;/);

    // Another customer's token, a forged one, or no token: nothing.
    const foreign = `/api/v1/public/track/attachments/${receipt.id}?token=${encodeURIComponent(other.trackingToken!)}`;
    expect((await t.app.inject({ method: 'GET', url: foreign, remoteAddress: nextIp() })).statusCode).toBe(
      404,
    );
    const noToken = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/track/attachments/${receipt.id}`,
      remoteAddress: nextIp(),
    });
    expect(noToken.statusCode).toBe(400);
    const forged = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/track/attachments?token=${encodeURIComponent(`${mine.trackingToken!}x`)}`,
      ...multipart([{ name: 'x.txt', content: text }]),
      remoteAddress: nextIp(),
    });
    expect(forged.statusCode).toBe(404);
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/track/attachments?token=${encodeURIComponent(mine.trackingToken!)}`,
      remoteAddress: nextIp(),
    });
    expect(listed.json<{ items: unknown[] }>().items).toHaveLength(2);
    const otherList = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/track/attachments?token=${encodeURIComponent(other.trackingToken!)}`,
      remoteAddress: nextIp(),
    });
    expect(otherList.json<{ items: unknown[] }>().items).toHaveLength(0);
  });

  it('verify-first mode: nothing is created until the emailed link is followed (once)', async () => {
    let settings = (await admin.get('/api/v1/settings/public-pages')).json<PublicSettings>();
    settings = (
      await admin.patch('/api/v1/settings/public-pages', {
        version: settings.version,
        verifyEmailFirst: true,
      })
    ).json<PublicSettings>();
    try {
      const before = await caseCount();
      const result = await submit({ customer: { name: 'Vi', email: 'vi@example.net' } });
      expect(result).toEqual({
        status: 'check_email',
        reference: null,
        trackingToken: null,
        kind: 'complaint',
      });
      expect(await caseCount()).toBe(before);
      await t.worker.drain();
      const mail = await smtp.waitFor((m) => (m.text ?? '').includes('/feedback/confirm?t='));
      const link = /\/feedback\/confirm\?t=(\S+)/.exec(mail.text!)![1]!;
      const token = decodeURIComponent(link);
      const forged = await postPublic('/api/v1/public/submissions/confirm', { token: `${token}x` });
      expect(forged.statusCode).toBe(404);
      const [a, b] = await Promise.all([
        postPublic('/api/v1/public/submissions/confirm', { token }),
        postPublic('/api/v1/public/submissions/confirm', { token }),
      ]);
      expect([a.statusCode, b.statusCode], a.body + b.body).toEqual([200, 200]);
      expect(a.json<SubmissionResult>().reference).toBe(b.json<SubmissionResult>().reference);
      expect(a.json<SubmissionResult>().status).toBe('received');
      expect(await caseCount()).toBe(before + 1);
    } finally {
      await admin.patch('/api/v1/settings/public-pages', {
        version: settings.version,
        verifyEmailFirst: false,
      });
    }
  });

  it('rate limits: per address and per email address', async () => {
    const address = nextIp();
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      // Bad input still counts: the limit comes before any work.
      codes.push((await send({ ...form(), subject: '' }, address)).statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 400)).toBe(true);
    expect(codes[10]).toBe(429);

    const email = 'flood@example.net';
    const perEmail: number[] = [];
    for (let i = 0; i < 6; i++) {
      perEmail.push((await send(form({ customer: { name: 'F', email } }))).statusCode);
    }
    expect(perEmail.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(perEmail[5]).toBe(429);
    expect((await send(form({ customer: { name: 'G', email: 'other@example.net' } }))).statusCode).toBe(201);

    const lookups: number[] = [];
    const lookupAddress = nextIp();
    for (let i = 0; i < 21; i++) {
      lookups.push(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/public/track/lookup',
            payload: { reference: 'VR-26-AAAA-AA', email: 'x@example.net' },
            remoteAddress: lookupAddress,
          })
        ).statusCode,
      );
    }
    expect(lookups.slice(0, 20).every((c) => c === 404)).toBe(true);
    expect(lookups[20]).toBe(429);
  });
});

function randomUUIDish(): string {
  return '00000000-0000-4000-8000-000000000000';
}
