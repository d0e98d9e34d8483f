import net from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../platform/mail.js';
import { createArea, createTestApp, setupOrganisation, type TestApp } from '../../../../test/support/app.js';
import { startSmtpListener, type SmtpListener } from '../../../../test/support/smtp.js';
import { readReplyToken } from './index.js';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('email to the customer over real SMTP, through an outage', () => {
  let t: TestApp;
  let port: number;
  let listener: SmtpListener | undefined;
  let areaId: string;

  beforeAll(async () => {
    port = await freePort();
    // A real SMTP mailer pointing at a port where nothing listens yet: the mail server is down.
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'Harbour Hotel Group <no-reply@verity.test>',
      log: pino({ level: 'silent' }),
    });
    t = await createTestApp({
      mailer,
      config: {
        mailIn: {
          smtpHost: '127.0.0.1',
          addresses: ['feedback@verity.test'],
          maxBytes: 1 << 20,
          imapPollSeconds: 60,
        },
      },
    });
    const admin = await setupOrganisation(t);
    areaId = (await createArea(admin, { name: 'Rooms & <Suites>' })).id;
  });
  afterAll(async () => {
    await listener?.close();
    await t?.close();
  });

  const mailJob = async () =>
    (
      await t.database.query<{ status: string; attempts: number; run_at: Date; last_error: string | null }>(
        "SELECT status, attempts, run_at, last_error FROM jobs WHERE queue = 'mail.send' ORDER BY id DESC LIMIT 1",
      )
    )[0]!;

  it('delays the acknowledgement while SMTP is down, retries with back-off, and delivers it when it is back', async () => {
    const created = await t.services.cases.intake(
      {
        kind: 'complaint',
        areaId,
        subject: 'Broken <script>alert(1)</script> kettle',
        description: 'It sparks.',
        customer: { type: 'individual', name: 'Jo "<b>Bold</b>" & Co', email: 'jo@customer.example' },
      },
      { channel: 'web', by: 'Web form', sendAcknowledgement: true },
    );

    // Down: the attempt fails and the job waits 5 s, then 10 s (ManualClock: nothing runs before it is due).
    const start = t.clock.now().getTime();
    await t.worker.drain();
    let job = await mailJob();
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    expect(job.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(new Date(job.run_at).getTime()).toBe(start + 5_000);
    expect(await t.worker.drain()).toBe(0);
    t.clock.advance(5_000);
    await t.worker.drain();
    job = await mailJob();
    expect(job).toMatchObject({ status: 'queued', attempts: 2 });
    expect(new Date(job.run_at).getTime()).toBe(start + 5_000 + 10_000);

    // Up again: the next attempt delivers it; nothing was lost.
    listener = await startSmtpListener(port);
    t.clock.advance(10_000);
    await t.worker.drain();
    expect(await mailJob()).toMatchObject({ status: 'done', attempts: 3 });
    const mail = await listener.waitFor((m) => m.subject?.includes(created.reference) ?? false);
    expect(listener.messages).toHaveLength(1);

    // A text part and an HTML part, each with the tracking link; values escaped in the HTML.
    const text = mail.text ?? '';
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(text).toContain('Dear Jo "<b>Bold</b>" & Co');
    expect(text).toMatch(/Follow your case: http:\/\/verity\.test\/track\?t=\S+/);
    expect(html).toContain('Dear Jo &quot;&lt;b&gt;Bold&lt;/b&gt;&quot; &amp; Co');
    expect(html).toContain('Broken &lt;script&gt;alert(1)&lt;/script&gt; kettle');
    expect(html).not.toMatch(/<script|<b>Bold/);
    expect(html).toMatch(/<a href="http:\/\/verity\.test\/track\?t=[^"]+">/);
    const link = /track\?t=(\S+)/.exec(text)![1]!;
    expect((await t.services.cases.customerView(decodeURIComponent(link)))?.caseId).toBe(created.id);

    // Reply-To carries a reply token for this case and this customer.
    const replyTo = mail.replyTo?.value[0]?.address ?? '';
    const token = /^feedback\+([a-z2-7]+)@verity\.test$/.exec(replyTo)?.[1];
    expect(token).toBeDefined();
    expect(readReplyToken(t.deps.signer, token!, 'jo@customer.example', t.clock.now())).toEqual({
      caseId: created.id,
    });
    expect(mail.headers.has('bcc')).toBe(false);
  });
});
