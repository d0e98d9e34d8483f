import { Readable } from 'node:stream';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import { z } from 'zod';
import { emailSchema, LIMITS } from '../../../contracts/common.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { enqueueJob, type JobWorker } from '../../platform/jobs.js';
import type { CaseService } from '../cases/index.js';
import { fitText, headerRecipients, messageKeyOf, oneLine, readBody, senderOf } from './mail-in.content.js';
import * as repo from './mail-in.repo.js';
import { readReplyToken, splitAddress } from './reply-token.js';

/** The attachments module's intake of a customer's files (structural, so this module works without it). */
export interface CustomerFiles {
  addFromCustomer(
    caseId: string,
    files: AsyncIterable<{ filename: string; stream: Readable }>,
  ): Promise<unknown[]>;
}

export interface ReceiveResult {
  /**
   * 'duplicate': this message (same Message-ID) was received before; 'in_progress': it is being received
   * elsewhere right now (try again later: that attempt may still fail).
   */
  outcome: 'created' | 'threaded' | 'duplicate' | 'in_progress';
  caseId: string | null;
  messageKey: string;
  /** Why the reply address's token was not accepted, when there was one. */
  tokenProblem: 'invalid' | 'expired' | null;
}

export const IMAP_POLL_QUEUE = 'mail-in.imap-poll';
const imapPollSchema = z.object({ slot: z.number().int() });
/** A claim older than this is taken as left by a process that died mid-way. */
const STALE_CLAIM_MS = 10 * 60_000;
const EMAIL_BY = 'Email from the customer';

export type MailInService = ReturnType<typeof createMailInService>;

/**
 * Email in: a message received over SMTP (mail-in.smtp.ts) or read from an IMAP mailbox (a recurring job)
 * becomes a new case, or a message on its case when its reply address carries a valid reply token.
 */
export function createMailInService(deps: Deps, cases: CaseService, files?: CustomerFiles) {
  const { db, clock, config, log, signer } = deps;
  const settings = config.mailIn;
  const addresses = new Set(settings.addresses);

  /** True for our own addresses, with or without a `+token` tag (the SMTP listener accepts only these). */
  function accepts(address: string): boolean {
    return addresses.has(splitAddress(address).base);
  }

  function tokenIn(recipients: string[]): string | null {
    for (const r of recipients) {
      const { base, tag } = splitAddress(r);
      if (tag && addresses.has(base)) return tag;
    }
    return null;
  }

  /** Receives one raw message (RFC 5322). Idempotent on its Message-ID. */
  async function receive(
    raw: Buffer | Readable,
    envelope: { source: 'smtp' | 'imap'; recipients?: string[] },
  ): Promise<ReceiveResult> {
    const mail = await simpleParser(raw, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
    });
    const messageKey = messageKeyOf(mail);
    const now = clock.now();
    const claimed = await repo.claimMessage(
      db,
      messageKey,
      envelope.source,
      now,
      new Date(now.getTime() - STALE_CLAIM_MS),
    );
    if (!claimed) {
      const row = await repo.findMessage(db, messageKey);
      return row?.status === 'done'
        ? { outcome: 'duplicate', caseId: row.caseId, messageKey, tokenProblem: null }
        : { outcome: 'in_progress', caseId: null, messageKey, tokenProblem: null };
    }
    try {
      const result = await process(mail, messageKey, envelope.recipients ?? headerRecipients(mail));
      await repo.finishMessage(db, messageKey, { ...result, at: clock.now() });
      log.info(
        { messageKey, source: envelope.source, outcome: result.outcome, caseId: result.caseId },
        'email received',
      );
      return {
        outcome: result.outcome,
        caseId: result.caseId,
        messageKey,
        tokenProblem: result.tokenProblem,
      };
    } catch (err) {
      await repo.releaseMessage(db, messageKey);
      throw err;
    }
  }

  async function process(mail: ParsedMail, messageKey: string, recipients: string[]) {
    const sender = senderOf(mail);
    const body = readBody(mail);
    const text = body.text || '(The email had no text.)';
    const token = tokenIn(recipients);
    let tokenProblem: 'invalid' | 'expired' | null = null;
    let closedReference: string | null = null;
    if (token) {
      const check = sender.email
        ? readReplyToken(signer, token, sender.email, clock.now())
        : { problem: 'invalid' as const };
      if ('caseId' in check) {
        try {
          await cases.customerReply(check.caseId, { body: text, channel: 'email', messageId: messageKey });
          await keepAttachments(check.caseId, mail);
          return { outcome: 'threaded' as const, caseId: check.caseId, tokenProblem, html: body.html };
        } catch (err) {
          if (!(err instanceof AppError) || !['conflict', 'not_found'].includes(err.code)) throw err;
          // A reply to a closed case starts a new one ("contact us again"); a deleted case likewise.
          if (err.code === 'conflict') closedReference = await repo.caseReference(db, check.caseId);
          else tokenProblem = 'invalid';
        }
      } else {
        tokenProblem = check.problem;
      }
    }
    const areaId = await repo.findIntakeArea(db, settings.area);
    if (!areaId)
      throw new Error(
        settings.area
          ? `INBOUND_AREA "${settings.area}" is not an active business area: email cannot become a case`
          : 'There is no active business area: email cannot become a case',
      );
    const email = sender.email && emailSchema.safeParse(sender.email).success ? sender.email : null;
    const description = closedReference
      ? fitText(`(A reply about case ${closedReference}, which is closed.)\n\n${text}`, LIMITS.longText)
      : text;
    const created = await cases.intake(
      {
        kind: 'complaint',
        areaId,
        subject: oneLine(mail.subject ?? '', LIMITS.shortText) || '(no subject)',
        description,
        customer: {
          type: 'individual',
          name: sender.name,
          email,
          preferredContact: 'email',
        },
        externalId: messageKey,
      },
      // No acknowledgement to machines: an auto-reply answering ours would go round for ever.
      { channel: 'email', by: EMAIL_BY, sendAcknowledgement: !!email && !isAutomatic(mail) },
    );
    if (!created.duplicate) await keepAttachments(created.id, mail);
    return { outcome: 'created' as const, caseId: created.id, tokenProblem, html: body.html };
  }

  /** The email's attached files onto the case, through the attachments module when there is one. */
  async function keepAttachments(caseId: string, mail: ParsedMail) {
    // Inline images of the HTML (logos, signatures) are part of the layout, not the customer's files.
    const attached = mail.attachments.filter((a) => !a.related && a.contentDisposition !== 'inline');
    if (attached.length === 0) return;
    if (!files) {
      log.warn({ caseId, count: attached.length }, 'email attachments not kept: no attachment store');
      return;
    }
    try {
      await files.addFromCustomer(
        caseId,
        (async function* () {
          for (const a of attached)
            yield { filename: a.filename ?? 'attachment', stream: Readable.from([a.content]) };
        })(),
      );
    } catch (err) {
      // The message itself is on the case; a refused file (type, size, count) must not lose it.
      log.warn(
        { caseId, err: err instanceof Error ? err.message : String(err) },
        'email attachments refused',
      );
    }
  }

  function isAutomatic(mail: ParsedMail): boolean {
    const auto = String(mail.headers.get('auto-submitted') ?? 'no').toLowerCase();
    const precedence = String(mail.headers.get('precedence') ?? '').toLowerCase();
    return auto !== 'no' || ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence);
  }

  // ----------------------------------------------------------------------------------------------------
  // IMAP: a recurring job, one per poll interval ("slot"); the dedupe key makes the slot's job one row
  // however many instances schedule it, and FOR UPDATE SKIP LOCKED gives it to one worker.

  const intervalMs = settings.imapPollSeconds * 1000;
  const slotOf = (d: Date) => Math.floor(d.getTime() / intervalMs);

  async function schedulePoll(slot: number) {
    await enqueueJob(
      db,
      clock,
      IMAP_POLL_QUEUE,
      { slot },
      { runAt: new Date(slot * intervalMs), dedupeKey: `${IMAP_POLL_QUEUE}:${slot}`, maxAttempts: 1 },
    );
  }

  /** Schedules the mailbox poll (at start; idempotent). Does nothing without IMAP_URL. */
  async function scheduleImapPoll(): Promise<void> {
    if (settings.imapUrl) await schedulePoll(slotOf(clock.now()));
  }

  function registerJobs(worker: JobWorker): void {
    worker.register(IMAP_POLL_QUEUE, {
      schema: imapPollSchema,
      async handle() {
        if (!settings.imapUrl) return;
        // The next poll first: a failing mailbox is tried again next interval, and the chain never breaks.
        await schedulePoll(slotOf(clock.now()) + 1);
        await repo.pruneFinishedJobs(db, IMAP_POLL_QUEUE, new Date(clock.now().getTime() - 7 * 86_400_000));
        await pollImap();
      },
    });
  }

  /**
   * Reads the unseen messages of the IMAP mailbox, receives each, and marks it \Seen. A message that fails
   * stays unseen for the next poll. Runs in the job worker only, never on a web request.
   */
  async function pollImap(): Promise<{ unseen: number; received: number; duplicates: number }> {
    if (!settings.imapUrl) throw new Error('IMAP_URL is not set');
    const url = new URL(settings.imapUrl);
    const secure = url.protocol === 'imaps:';
    const client = new ImapFlow({
      host: url.hostname,
      port: Number(url.port) || (secure ? 993 : 143),
      secure,
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: 30_000,
      socketTimeout: 120_000,
    });
    client.on('error', (err: Error) => log.warn({ err: err.message }, 'IMAP connection error'));
    const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
    const counts = { unseen: 0, received: 0, duplicates: 0 };
    await client.connect();
    try {
      const lock = await client.getMailboxLock(mailbox);
      try {
        const uids = (await client.search({ seen: false }, { uid: true })) || [];
        counts.unseen = uids.length;
        for (const uid of uids.slice(0, 500)) {
          const range = String(uid);
          const head = await client.fetchOne(range, { size: true }, { uid: true });
          if (!head) continue;
          if ((head.size ?? 0) > settings.maxBytes) {
            log.error(
              { uid, size: head.size },
              'IMAP message larger than INBOUND_MAX_BYTES: flagged, not read',
            );
            await client.messageFlagsAdd(range, ['\\Seen', '\\Flagged'], { uid: true });
            continue;
          }
          const msg = await client.fetchOne(range, { source: true }, { uid: true });
          if (!msg || !msg.source) continue;
          try {
            const result = await receive(msg.source, { source: 'imap' });
            // Being received by another poll right now: that one may fail, so leave it unseen.
            if (result.outcome === 'in_progress') continue;
            if (result.outcome === 'duplicate') counts.duplicates++;
            else counts.received++;
            await client.messageFlagsAdd(range, ['\\Seen'], { uid: true });
          } catch (err) {
            log.error({ uid, err }, 'IMAP message could not be received: left unseen for the next poll');
          }
        }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => undefined);
    }
    return counts;
  }

  return { accepts, receive, registerJobs, scheduleImapPoll, pollImap };
}
