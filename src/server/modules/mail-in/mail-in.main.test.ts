import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind } from '../../../../test/support/database.js';
import { startDovecot, type Dovecot } from '../../../../test/support/dovecot.js';
import { projectRoot } from '../../paths.js';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe(`main.ts runs email in: the SMTP listener and the IMAP poll (${testDbKind})`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verity-mail-in-main-'));
  let child: ChildProcess | undefined;
  let dovecot: Dovecot | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await dovecot?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    await dropDb?.();
  });

  it('receives mail on INBOUND_SMTP_PORT and from IMAP_URL once set up, and stops cleanly', async () => {
    dovecot = await startDovecot();
    const imap = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await imap.connect();
    await imap.append(
      'INBOX',
      'From: box@customer.example\r\nTo: feedback@verity.test\r\nSubject: From the mailbox\r\n' +
        'Message-ID: <main-imap@customer.example>\r\n\r\nRead by the job worker.\r\n',
    );
    await imap.logout();

    const [port, smtpPort] = [await freePort(), await freePort()];
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      JOBS_POLL_MS: '100',
      VERITY_DATA_DIR: dataDir,
      VERITY_SETUP_ORG_NAME: 'Mail In Org',
      VERITY_SETUP_ADMIN_EMAIL: 'admin@example.com',
      VERITY_SETUP_ADMIN_PASSWORD: 'mail in test password',
      INBOUND_SMTP_PORT: String(smtpPort),
      INBOUND_ADDRESSES: 'feedback@verity.test',
      IMAP_URL: dovecot.url,
      IMAP_POLL_SECONDS: '5',
    };
    if (testDbKind === 'postgres') {
      const db = await createTestDatabase();
      await db.close();
      env.DATABASE_URL = db.url!;
      dropDb = db.drop;
    }
    let output = '';
    child = spawn(path.join(projectRoot, 'node_modules/.bin/tsx'), ['src/server/main.ts'], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const received = () =>
      output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { msg: string; source?: string; outcome?: string })
        .filter((l) => l.msg === 'email received');
    // Generous: on a loaded machine, compiling and migrating a fresh database takes a while.
    await until('the app', () => (output.includes('Verity is ready') ? true : undefined), 180_000).catch(
      (err: Error) => {
        throw new Error(`${err.message}\n${output}`);
      },
    );
    expect(output).toContain('email in: SMTP listener ready');

    // Email becomes a case in a business area: make one, as an administrator would.
    const base = `http://127.0.0.1:${port}`;
    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'mail in test password' }),
    });
    const cookies = signIn.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const csrf = cookies.find((c) => c.startsWith('verity_csrf='))!.split('=')[1]!;
    const area = await fetch(`${base}/api/v1/areas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': csrf },
      body: JSON.stringify({ name: 'Email', code: 'EM' }),
    });
    expect(area.status).toBe(201);

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true });
    const info = await transport.sendMail({
      from: 'smtp@customer.example',
      to: 'feedback@verity.test',
      subject: 'Over SMTP',
      text: 'Sent to the listener main.ts started.',
    });
    transport.close();
    expect(info.accepted).toEqual(['feedback@verity.test']);
    const smtp = await until('the log of the SMTP message', () =>
      received().find((r) => r.source === 'smtp'),
    );
    expect(smtp.outcome).toBe('created');
    // The mailbox message: the first poll may have come before the area existed; a later one takes it.
    const fromImap = await until(
      'the IMAP message',
      () => received().find((r) => r.source === 'imap'),
      90_000,
    );
    expect(fromImap.outcome).toBe('created');

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('stopped cleanly');
    expect(received()).toHaveLength(2);
  }, 360_000);
});
