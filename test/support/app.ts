import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { ManualClock } from '../../src/server/platform/clock.js';
import type { Mailer, MailMessage } from '../../src/server/platform/mail.js';
import { createTestDatabase } from './database.js';

/** Records every email "sent", for tests that do not need a real SMTP listener. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage) {
    this.sent.push(message);
    return { messageId: `<${this.sent.length}@test>` };
  }
  close() {}
  last(to?: string): MailMessage | undefined {
    return [...this.sent].reverse().find((m) => !to || m.to === to);
  }
}

export interface TestAppOptions {
  config?: Partial<Config>;
  mailer?: Mailer;
  clock?: ManualClock;
}

/** A real app on a fresh real database, with a movable clock and captured email. */
export async function createTestApp(options: TestAppOptions = {}) {
  const database = await createTestDatabase();
  // Files (attachments) go to a fresh folder removed on close, never to the project's ./data.
  const ownDataDir = options.config?.dataDir
    ? null
    : fs.mkdtempSync(path.join(os.tmpdir(), 'verity-test-data-'));
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://verity.test' }),
    ...(ownDataDir ? { dataDir: ownDataDir } : {}),
    ...options.config,
  };
  const clock = options.clock ?? new ManualClock(new Date());
  const mailer = options.mailer ?? new MemoryMailer();
  const built = await buildApp({
    config,
    database,
    clock,
    mailer,
    webRoot: null,
    logger: pino({ level: 'silent' }),
  });
  return {
    ...built,
    database,
    clock,
    mailer: mailer as MemoryMailer,
    config,
    async close() {
      await built.close();
      await database.drop();
      if (ownDataDir) fs.rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A cookie-holding client for one person, sending the CSRF header on writes like the web app does. */
export class Session {
  cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  get csrf(): string | undefined {
    return this.cookies.get('verity_csrf');
  }

  async request(opts: InjectOptions & { method: string; url: string }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf && !['GET', 'HEAD'].includes(opts.method.toUpperCase()))
      headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ ...opts, headers });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }
  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
  patch(url: string, payload?: unknown) {
    return this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }
}

export const ADMIN = {
  name: 'Ada Admin',
  email: 'ada@example.com',
  password: 'correct horse battery staple',
};

/** Runs first-run setup and returns the administrator's signed-in session. */
export async function setupOrganisation(t: TestApp, opts: { loadSample?: boolean } = {}) {
  const admin = new Session(t.app);
  const res = await admin.post('/api/v1/setup', {
    organisation: { name: 'Harbour Hotel Group' },
    admin: ADMIN,
    loadSample: opts.loadSample ?? false,
  });
  if (res.statusCode !== 201) throw new Error(`setup failed: ${res.statusCode} ${res.body}`);
  return admin;
}

export async function signIn(t: TestApp, email: string, password: string): Promise<Session> {
  const s = new Session(t.app);
  const res = await s.post('/api/v1/auth/sign-in', { email, password });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return s;
}

let counter = 0;
/** Small factories: each makes one valid record through the API, as a person would. */
export async function createArea(admin: Session, overrides: Record<string, unknown> = {}) {
  counter++;
  const res = await admin.post('/api/v1/areas', {
    name: `Area ${counter}`,
    code: `A${counter}`,
    ...overrides,
  });
  if (res.statusCode !== 201) throw new Error(`createArea: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; name: string; version: number };
}

export async function createTeam(admin: Session, areaId: string, overrides: Record<string, unknown> = {}) {
  counter++;
  const res = await admin.post('/api/v1/teams', { areaId, name: `Team ${counter}`, ...overrides });
  if (res.statusCode !== 201) throw new Error(`createTeam: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; name: string; version: number; areaId: string };
}

export async function roleId(admin: Session, key: string): Promise<string> {
  const res = await admin.get('/api/v1/roles');
  const role = (res.json() as { items: { id: string; key: string }[] }).items.find((r) => r.key === key);
  if (!role) throw new Error(`no role ${key}`);
  return role.id;
}

/** Invites a person, accepts the invitation from the email, and returns their session. */
export async function createStaff(
  t: TestApp,
  admin: Session,
  opts: { role: string; areaIds?: string[]; teamIds?: string[]; email?: string; name?: string },
) {
  counter++;
  const email = opts.email ?? `staff${counter}@example.com`;
  const res = await admin.post('/api/v1/users/invitations', {
    email,
    name: opts.name ?? `Staff ${counter}`,
    roleId: await roleId(admin, opts.role),
    areaIds: opts.areaIds ?? [],
    teamIds: opts.teamIds ?? [],
  });
  if (res.statusCode !== 201) throw new Error(`invite: ${res.statusCode} ${res.body}`);
  const user = res.json() as { id: string; email: string; version: number };
  await t.worker.drain();
  const token = invitationTokenFrom(t.mailer.last(email)?.text ?? '');
  const s = new Session(t.app);
  const accepted = await s.post('/api/v1/auth/invitations/accept', {
    token,
    password: 'a long enough password',
  });
  if (accepted.statusCode !== 200) throw new Error(`accept: ${accepted.statusCode} ${accepted.body}`);
  return { user, session: s, password: 'a long enough password' };
}

export function invitationTokenFrom(text: string): string {
  const m = /token=([A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error(`no token link in email: ${text}`);
  return m[1]!;
}
