// Start-up time: spawn the server on an existing data directory and time until /readyz answers 200.
// Target: <= 2 s. Usage: npm run bench:startup [-- --runs 5]
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printTable } from './lib.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 0) || 5;
const root = path.resolve(import.meta.dirname, '..');
const serverBundle = path.join(root, 'dist/server/main.js');

function startServer(dataDir: string, port: number, extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, [serverBundle], {
    cwd: root,
    env: {
      ...process.env,
      VERITY_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitReady(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('server did not become ready');
}

async function stop(child: ReturnType<typeof spawn>): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function main() {
  if (!process.argv.includes('--no-build'))
    execSync('node scripts/build.mjs', { cwd: root, stdio: 'inherit' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verity-startup-'));
  const port = 3300 + Math.floor(Math.random() * 500);
  // First start creates and migrates the data directory and loads the sample organisation.
  const first = startServer(dataDir, port, {
    VERITY_SETUP_ORG_NAME: 'Bench Org',
    VERITY_SETUP_ADMIN_EMAIL: 'admin@example.com',
    VERITY_SETUP_ADMIN_PASSWORD: 'bench password 123',
    VERITY_SETUP_SAMPLE: 'true',
  });
  await waitReady(port, 120_000);
  await stop(first);

  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const child = startServer(dataDir, port);
    await waitReady(port);
    times.push(performance.now() - t0);
    await stop(child);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  printTable(
    'Start-up on an existing PGlite data directory (node dist/server/main.js spawn to /readyz 200)',
    [
      {
        runs,
        'min ms': sorted[0]!.toFixed(0),
        'median ms': median.toFixed(0),
        'max ms': sorted.at(-1)!.toFixed(0),
        'target ms': 2000,
        met: median <= 2000 ? 'yes' : 'NO',
      },
    ],
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
