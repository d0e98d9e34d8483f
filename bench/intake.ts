// Public intake through the real API against the foundation's ceiling, in the same run on the same database:
// the ceiling is a bare Fastify route inserting one row in one transaction (bench/ceiling.ts); the app is
// POST /api/v1/public/submissions — a member of the public's complaint, validated, written with its timeline,
// deadline clocks and acknowledgement email job. Targets: >= 70% of the ceiling's req/s at 50 connections,
// p99 < 100 ms, on PostgreSQL and on PGlite.
// The public routes are rate limited per address; the bench's address (loopback) is put on the allow list
// (RATE_LIMIT_ALLOW), as a deployment would for a trusted proxy.
// Usage: npm run bench:intake [-- --seconds 10] [-- --db pglite|postgres]
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { measureCeiling } from './ceiling.js';
import { benchKinds, load, printTable, withFreshDatabase, type LoadResult } from './lib.js';
import { setupWithToken, startBenchApp } from './queue.js';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const seconds = Number(arg('--seconds') ?? 0) || 8;
const only = arg('--db');
const CONNECTIONS = 50;
const TARGET = 0.7;
const P99_MS = 100;

function submission(areaIds: string[]) {
  let n = 0;
  const run = randomBytes(6).toString('hex');
  return () => {
    n++;
    return JSON.stringify({
      idempotencyKey: `bench-${run}-${n}-key`,
      kind: 'complaint',
      areaId: areaIds[n % areaIds.length],
      subject: `My order WS-${100_000 + n} arrived late`,
      description: 'The order arrived a week after the promised date and the box was damaged.',
      desiredOutcome: 'A refund of the delivery fee.',
      customer: { name: 'Pat Public', email: `pat${n}.${run}@bench.example`, preferredContact: 'email' },
    });
  };
}

async function runOne(kind: 'pglite' | 'postgres') {
  return withFreshDatabase(kind, async (database) => {
    const ceiling = (await measureCeiling(database, seconds)).find((r) => r.connections === CONNECTIONS)!;
    const app = await startBenchApp(database, { RATE_LIMIT_ALLOW: '127.0.0.1,::1,::ffff:127.0.0.1' });
    try {
      const { areas } = await setupWithToken(app.app);
      const url = `${app.url}/api/v1/public/submissions`;
      const body = submission(areas.map((a) => a.id));
      const check = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: body(),
      });
      if (check.status !== 201) throw new Error(`POST ${url}: ${check.status} ${await check.text()}`);
      await load(url, { connections: 10, seconds: 1, method: 'POST', body }); // warm-up
      const intake: LoadResult = await load(url, { connections: CONNECTIONS, seconds, method: 'POST', body });
      return { kind, ceiling, intake };
    } finally {
      await app.close();
    }
  });
}

async function main() {
  const kinds = await benchKinds(only);
  const results = [];
  for (const kind of kinds) {
    process.stdout.write(`${kind}: ceiling, then POST /api/v1/public/submissions (${seconds} s per run)…\n`);
    results.push(await runOne(kind));
  }
  printTable(
    `Public intake vs the ceiling at ${CONNECTIONS} connections (${seconds} s per run, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)})`,
    results.map((r) => ({
      database: r.kind,
      'ceiling req/s': r.ceiling.rps.toFixed(0),
      'intake req/s': r.intake.rps.toFixed(0),
      ratio: `${((r.intake.rps / r.ceiling.rps) * 100).toFixed(0)}%`,
      'p50 ms': r.intake.p50,
      'p99 ms': r.intake.p99,
      requests: r.intake.requests,
      errors: r.intake.errors + r.intake.non2xx + r.ceiling.errors + r.ceiling.non2xx,
      [`target >= ${TARGET * 100}%`]: r.intake.rps / r.ceiling.rps >= TARGET ? 'PASS' : 'FAIL',
      [`p99 < ${P99_MS} ms`]: r.intake.p99 < P99_MS ? 'PASS' : 'FAIL',
    })),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}
