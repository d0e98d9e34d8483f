import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import pino from 'pino';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/client.js';
import { migrate } from '../../src/server/db/migrate.js';
import type { Clock } from '../../src/server/platform/clock.js';
import { startSmtpListener } from './smtp.js';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does this)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh Verity as `npm start` runs it (embedded PGlite in a new data directory, the built web interface,
 * the job worker), listening on loopback and sending email to a real SMTP listener.
 */
export async function startVerity(options: { clock?: Clock } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verity-e2e-'));
  const smtp = await startSmtpListener();
  const port = 0;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    VERITY_DATA_DIR: dataDir,
    SMTP_URL: smtp.url,
    JOBS_POLL_MS: '100',
  });
  const database = await openDatabase({ dataDir });
  await migrate(database);
  const built = await buildApp({ config, database, clock: options.clock, logger: pino({ level: 'silent' }) });
  const address = await built.app.listen({ port, host: '127.0.0.1' });
  built.worker.start();
  return {
    ...built,
    url: address,
    smtp,
    database,
    async stop() {
      await built.close();
      await database.close();
      await smtp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
