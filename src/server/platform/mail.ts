import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { Clock } from './clock.js';
import { enqueueJob, type JobHandler } from './jobs.js';

export const MAIL_QUEUE = 'mail.send';

export const mailMessageSchema = z.object({
  to: z.string().min(3),
  subject: z.string().min(1).max(300),
  text: z.string(),
  html: z.string().optional(),
  /** Headers that must never carry user input unescaped; values are set by our code only. */
  headers: z.record(z.string(), z.string()).optional(),
  /** Set by the caller when the Message-ID must be known before sending (e.g. to record it on a case). */
  messageId: z.string().max(300).optional(),
  replyTo: z.string().optional(),
});
export type MailMessage = z.infer<typeof mailMessageSchema>;

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

/** Real SMTP when SMTP_URL is set; otherwise messages are written to the log (development). */
export function createMailer(options: { smtpUrl?: string; from: string; log: Logger }): Mailer {
  const transport: Transporter = options.smtpUrl
    ? nodemailer.createTransport(options.smtpUrl)
    : nodemailer.createTransport({ jsonTransport: true });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...message });
      if (!options.smtpUrl) {
        options.log.info(
          { to: '[redacted]', subject: message.subject, text: message.text },
          'SMTP_URL is not set: email written to the log instead of sent',
        );
      }
      return { messageId: String(info.messageId) };
    },
    close() {
      transport.close();
    },
  };
}

/** Queues an email in the caller's transaction; the job worker sends it with retries and back-off. */
export async function queueMail(tx: Db, clock: Clock, message: MailMessage): Promise<void> {
  await enqueueJob(tx, clock, MAIL_QUEUE, mailMessageSchema.parse(message), { maxAttempts: 10 });
}

export function mailJobHandler(mailer: Mailer, log: Logger): JobHandler<typeof mailMessageSchema> {
  return {
    schema: mailMessageSchema,
    async handle(message, job) {
      const { messageId } = await mailer.send(message);
      log.info({ jobId: job.id, messageId }, 'email sent');
    },
  };
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A Message-ID made here, so it can be recorded when the message is queued. */
export function newMessageId(domain: string): string {
  return `<${randomUUID()}@${domain}>`;
}

/** Escapes a value for HTML email bodies. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}
