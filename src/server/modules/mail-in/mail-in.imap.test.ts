import { ImapFlow } from 'imapflow';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobWorker } from '../../platform/jobs.js';
import {
  createArea,
  createStaff,
  createTestApp,
  setupOrganisation,
  type Session,
  type TestApp,
} from '../../../../test/support/app.js';
import { startDovecot, type Dovecot } from '../../../../test/support/dovecot.js';
import { IMAP_POLL_QUEUE } from './index.js';

const INBOX = 'feedback@verity.test';

function rawMessage(o: { from: string; to: string; subject: string; id: string; body: string }) {
  return [
    `From: ${o.from}`,
    `To: ${o.to}`,
    `Subject: ${o.subject}`,
    `Message-ID: ${o.id}`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    o.body,
    '',
  ].join('\r\n');
}

describe('email in from an IMAP mailbox (a private Dovecot on loopback)', () => {
  let dovecot: Dovecot;
  let t: TestApp;
  let staff: Session;
  let imap: ImapFlow;

  beforeAll(async () => {
    dovecot = await startDovecot();
    t = await createTestApp({
      config: {
        mailIn: {
          smtpHost: '127.0.0.1',
          addresses: [INBOX],
          maxBytes: 1024 * 1024,
          imapUrl: dovecot.url,
          imapPollSeconds: 60,
        },
      },
    });
    const admin = await setupOrganisation(t);
    const area = await createArea(admin, { name: 'Mailbox area' });
    staff = (await createStaff(t, admin, { role: 'supervisor', areaIds: [area.id] })).session;
    imap = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
      disableAutoIdle: true,
    });
    await imap.connect();
  });
  afterAll(async () => {
    await imap?.logout().catch(() => undefined);
    await t?.close();
    await dovecot?.stop();
  });

  const emailCases = async () =>
    t.database.query<{ id: string; subject: string; description: string }>(
      "SELECT id, subject, description FROM cases WHERE channel = 'email' ORDER BY created_at",
    );
  /** The IMAP flags of the message with this Message-ID, as the mailbox has them now. */
  async function flagsOf(messageId: string): Promise<Set<string>> {
    const lock = await imap.getMailboxLock('INBOX');
    try {
      const uids = (await imap.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
      expect(uids).toHaveLength(1);
      const msg = await imap.fetchOne(String(uids[0]), { flags: true }, { uid: true });
      return msg ? (msg.flags ?? new Set()) : new Set();
    } finally {
      lock.release();
    }
  }

  it('turns a message into a case once, with two job workers polling', async () => {
    const id = '<imap-first@customer.example>';
    await imap.append(
      'INBOX',
      rawMessage({
        from: 'Ivy <ivy@customer.example>',
        to: INBOX,
        subject: 'Wrong bill',
        id,
        body: 'I was charged twice.',
      }),
    );
    expect(await flagsOf(id)).not.toContain('\\Seen');

    const second = new JobWorker(t.database.db, t.clock, pino({ level: 'silent' }));
    t.services.mailIn.registerJobs(second);
    // Two instances starting schedule the same poll: one job.
    await t.services.mailIn.scheduleImapPoll();
    await t.services.mailIn.scheduleImapPoll();
    const pollJobs = () =>
      t.database.query<{ status: string; run_at: Date }>(
        `SELECT status, run_at FROM jobs WHERE queue = $1 ORDER BY id`,
        [IMAP_POLL_QUEUE],
      );
    expect((await pollJobs()).filter((j) => j.status === 'queued')).toHaveLength(1);

    await Promise.all([t.worker.drain(), second.drain()]);
    const cases = await emailCases();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ subject: 'Wrong bill', description: 'I was charged twice.' });
    expect(await flagsOf(id)).toContain('\\Seen');
    const rows = await t.database.query(
      'SELECT source, outcome FROM inbound_messages WHERE message_key = $1',
      [id],
    );
    expect(rows).toEqual([{ source: 'imap', outcome: 'created' }]);
    // The poll ran once and scheduled the next one, an interval later.
    const jobs = await pollJobs();
    expect(jobs.map((j) => j.status)).toEqual(['done', 'queued']);
    expect(new Date(jobs[1]!.run_at).getTime()).toBeGreaterThan(t.clock.now().getTime());

    // The next interval: both workers again; the message is seen and received, nothing new.
    t.clock.advance(60_000);
    await Promise.all([t.worker.drain(), second.drain()]);
    expect(await emailCases()).toHaveLength(1);
    expect((await pollJobs()).map((j) => j.status)).toEqual(['done', 'done', 'queued']);

    // A week on, finished polls are pruned: the table does not grow by a row an interval for ever.
    t.clock.advance(8 * 86_400_000);
    await t.worker.drain();
    expect((await pollJobs()).map((j) => j.status)).toEqual(['done', 'queued']);
  });

  it('receives a message once when two polls read the mailbox at the same moment', async () => {
    const id = '<imap-race@customer.example>';
    await imap.append(
      'INBOX',
      rawMessage({
        from: 'race@customer.example',
        to: INBOX,
        subject: 'Race',
        id,
        body: 'Only once, please.',
      }),
    );
    const before = (await emailCases()).length;
    const [a, b] = await Promise.all([t.services.mailIn.pollImap(), t.services.mailIn.pollImap()]);
    expect(a.received + b.received).toBe(1);
    expect(await emailCases()).toHaveLength(before + 1);
    expect(await flagsOf(id)).toContain('\\Seen');
  });

  it('threads a reply found in the mailbox into its case when its reply address carries a valid token', async () => {
    const [first] = await emailCases();
    await t.worker.drain();
    const ack = t.mailer.last('ivy@customer.example')!;
    expect(ack.replyTo).toMatch(/^feedback\+[a-z2-7]+@verity\.test$/);
    const id = '<imap-reply@customer.example>';
    await imap.append(
      'INBOX',
      rawMessage({
        from: 'Ivy <ivy@customer.example>',
        to: ack.replyTo!,
        subject: 'Re: Wrong bill',
        id,
        body: 'Here is the receipt number: 4471.\n\nOn Mon, Verity wrote:\n> We received your complaint.',
      }),
    );
    const before = (await emailCases()).length;
    const polled = await t.services.mailIn.pollImap();
    expect(polled.received).toBe(1);
    expect(await emailCases()).toHaveLength(before);
    const timeline = (await staff.get(`/api/v1/cases/${first!.id}/timeline`)).json<{
      items: { type: string; body: string }[];
    }>().items;
    expect(timeline.filter((e) => e.type === 'message_in').map((e) => e.body)).toEqual([
      'Here is the receipt number: 4471.',
    ]);
  });
});
