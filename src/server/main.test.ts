import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind } from '../../test/support/database.js';
import { projectRoot } from './paths.js';

const tsx = path.join(projectRoot, 'node_modules/.bin/tsx');
const port = (testDbKind === 'pglite' ? 4100 : 6100) + Math.floor(Math.random() * 800);
const base = `http://127.0.0.1:${port}`;

interface Running {
  child: ChildProcess;
  output: () => string;
}

function start(env: Record<string, string>): Running {
  let out = '';
  const child = spawn(tsx, ['src/server/main.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

async function waitReady(r: Running): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (r.child.exitCode !== null) throw new Error(`server exited early:\n${r.output()}`);
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`server not ready:\n${r.output()}`);
}

function stop(r: Running, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((resolve) => {
    r.child.once('exit', (code) => resolve(code));
    r.child.kill(signal);
  });
}

describe(`start, write, SIGTERM, start again (${testDbKind})`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verity-main-'));
  let dropDb: (() => Promise<void>) | undefined;
  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await dropDb?.();
  });

  it('keeps acknowledged data and comes back ready', async () => {
    const env: Record<string, string> = {
      VERITY_DATA_DIR: dataDir,
      VERITY_SETUP_ORG_NAME: 'Restart Test Org',
      VERITY_SETUP_ADMIN_EMAIL: 'admin@example.com',
      VERITY_SETUP_ADMIN_PASSWORD: 'restart test password',
    };
    if (testDbKind === 'postgres') {
      const db = await createTestDatabase();
      await db.close();
      env.DATABASE_URL = db.url!;
      dropDb = db.drop;
    }
    const first = start(env);
    await waitReady(first);

    const signIn = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'restart test password' }),
    });
    expect(signIn.status).toBe(200);
    const cookies = signIn.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const csrf = cookies.find((c) => c.startsWith('verity_csrf='))!.split('=')[1]!;
    const created = await fetch(`${base}/api/v1/areas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': csrf },
      body: JSON.stringify({ name: 'Survives restarts', code: 'SR' }),
    });
    expect(created.status).toBe(201);

    expect(await stop(first)).toBe(0);
    expect(first.output()).toContain('stopped cleanly');

    // Headless setup variables are still set: the second start must not set up again.
    const second = start(env);
    await waitReady(second);
    const ready = await (await fetch(`${base}/readyz`)).json();
    expect(ready).toMatchObject({ status: 'ready', database: testDbKind });
    const again = await fetch(`${base}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'restart test password' }),
    });
    const cookies2 = again.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const areas = await (
      await fetch(`${base}/api/v1/areas`, { headers: { cookie: cookies2.join('; ') } })
    ).json();
    expect(areas.items.map((a: { name: string }) => a.name)).toEqual(['Survives restarts']);
    expect(await stop(second)).toBe(0);
  }, 120_000);

  it('refuses to start with bad settings and names every one', async () => {
    const r = start({ PORT: 'not-a-port', DATABASE_URL: 'mysql://nope', VERITY_DATA_DIR: dataDir });
    const code = await new Promise<number | null>((resolve) => r.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(r.output()).toContain('PORT');
    expect(r.output()).toContain('DATABASE_URL');
  }, 60_000);
});
