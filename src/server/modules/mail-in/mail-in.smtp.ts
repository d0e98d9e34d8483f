import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { MailInService } from './mail-in.service.js';

export interface SmtpIntake {
  port: number;
  close(): Promise<void>;
}

const smtpError = (responseCode: number, message: string) =>
  Object.assign(new Error(message), { responseCode });

/** Reads the message, refusing it once it passes `maxBytes` (the SIZE the server announced). */
async function readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks);
}

/**
 * The SMTP listener for email in: accepts mail to the configured addresses (and their `+token` reply
 * addresses) and hands each message to the mail-in service. The sending server is told 451 (try again
 * later) when receiving fails, so a database outage delays mail rather than losing it.
 */
export async function startSmtpIntake(
  service: MailInService,
  options: { port: number; host: string; maxBytes: number; log: Pick<Logger, 'info' | 'warn' | 'error'> },
): Promise<SmtpIntake> {
  const { log, maxBytes } = options;
  const server = new SMTPServer({
    name: 'verity',
    banner: 'Verity email in',
    // An inbound relay (MX) delivers without signing in; TLS belongs to the relay in front.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    maxClients: 50,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (service.accepts(address.address)) callback();
      else callback(smtpError(550, 'No such recipient here'));
    },
    onData(stream, session, callback) {
      readMessage(stream, maxBytes)
        .then(async (raw) => {
          if (!raw) return callback(smtpError(552, `Message larger than ${maxBytes} bytes`));
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          const result = await service.receive(raw, { source: 'smtp', recipients });
          if (result.outcome === 'in_progress')
            return callback(smtpError(451, 'This message is being received already; try again later'));
          callback();
        })
        .catch((err: unknown) => {
          log.error({ err }, 'email in: could not receive a message over SMTP');
          callback(smtpError(451, 'Temporary failure; try again later'));
        });
    },
  });
  server.on('error', (err) => log.warn({ err: err.message }, 'email in: SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  log.info({ port, host: options.host }, 'email in: SMTP listener ready');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
