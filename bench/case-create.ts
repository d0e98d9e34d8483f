// Case creation through the real API against the foundation's ceiling, in the same run on the same database:
// the ceiling is a bare Fastify route inserting one row in one transaction (bench/ceiling.ts); the app is
// POST /api/v1/cases (a phone complaint with the customer's email, so the acknowledgement is queued too).
// Target: the app reaches >= 60% of the ceiling's req/s at 50 connections.
// Usage: npm run bench:create [-- --seconds 10] [-- --db pglite|postgres] [-- --profile]
//   --profile: on PostgreSQL, also count the statements one creation runs and where their time goes.
import os from 'node:os';
import pg from 'pg';
import { measureCeiling } from './ceiling.js';
import { benchKinds, load, printTable, withFreshDatabase, type LoadResult } from './lib.js';
import { setupWithToken, startBenchApp } from './queue.js';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const seconds = Number(arg('--seconds') ?? 0) || 8;
const only = arg('--db');
const profile = args.includes('--profile');
const CONNECTIONS = 50;
const TARGET = 0.6;

function caseBody(areaIds: string[]) {
  let n = 0;
  return () => {
    n++;
    return JSON.stringify({
      areaId: areaIds[n % areaIds.length],
      channel: 'phone',
      subject: `Order WS-${100_000 + n} arrived late`,
      description:
        'The customer rang: the order arrived a week after the promised date and the box was damaged.',
      desiredOutcome: 'A refund of the delivery fee.',
      customer: { name: 'Bench Customer', email: `customer${n}@bench.example`, phone: '0491 570 006' },
    });
  };
}

interface Statement {
  text: string;
  count: number;
  ms: number;
}

/** Counts every statement the pg driver sends, with its time (PostgreSQL only). */
function recordStatements() {
  const seen = new Map<string, Statement>();
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...a: unknown[]) {
    const first = a[0] as string | { text?: string };
    const text = (typeof first === 'string' ? first : (first?.text ?? '?'))
      .replace(/\s+/g, ' ')
      .slice(0, 110);
    const start = performance.now();
    const done = () => {
      const s = seen.get(text) ?? { text, count: 0, ms: 0 };
      s.count++;
      s.ms += performance.now() - start;
      seen.set(text, s);
    };
    // The pool calls client.query with a callback; Drizzle's transactions use the promise.
    const last = a[a.length - 1];
    if (typeof last === 'function')
      a[a.length - 1] = (...x: unknown[]) => {
        done();
        return (last as (...y: unknown[]) => unknown)(...x);
      };
    const result = original.apply(this, a);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(done, done);
    return result;
  };
  return {
    reset: () => seen.clear(),
    stop: () => {
      proto.query = original;
    },
    statements: () => [...seen.values()],
  };
}

async function runOne(kind: 'pglite' | 'postgres') {
  return withFreshDatabase(kind, async (database) => {
    const ceiling = (await measureCeiling(database, seconds)).find((r) => r.connections === CONNECTIONS)!;
    const app = await startBenchApp(database);
    try {
      const { token, areas } = await setupWithToken(app.app);
      const url = `${app.url}/api/v1/cases`;
      const headers = { authorization: `Bearer ${token}` };
      const body = caseBody(areas.map((a) => a.id));
      const check = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: body(),
      });
      if (check.status !== 201) throw new Error(`POST /api/v1/cases: ${check.status} ${await check.text()}`);
      await load(url, { connections: 10, seconds: 1, method: 'POST', body, headers }); // warm-up
      const created: LoadResult = await load(url, {
        connections: CONNECTIONS,
        seconds,
        method: 'POST',
        body,
        headers,
      });

      let statements: Statement[] | null = null;
      if (profile && kind === 'postgres') {
        // Let the requests still in flight from the load finish first, so only these are counted.
        await new Promise((resolve) => setTimeout(resolve, 5000));
        const rec = recordStatements();
        const n = 200;
        for (let i = 0; i < n; i++)
          await fetch(url, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: body(),
          });
        rec.stop();
        statements = rec.statements().map((s) => ({ ...s, count: s.count / n, ms: s.ms / n }));
      }
      return { kind, ceiling, created, statements };
    } finally {
      await app.close();
    }
  });
}

async function main() {
  const kinds = await benchKinds(only);
  const results = [];
  for (const kind of kinds) {
    process.stdout.write(`${kind}: ceiling, then POST /api/v1/cases (${seconds} s per run)…\n`);
    results.push(await runOne(kind));
  }
  printTable(
    `Case creation vs the ceiling at ${CONNECTIONS} connections (${seconds} s per run, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)})`,
    results.map((r) => ({
      database: r.kind,
      'ceiling req/s': r.ceiling.rps.toFixed(0),
      'POST /cases req/s': r.created.rps.toFixed(0),
      ratio: `${((r.created.rps / r.ceiling.rps) * 100).toFixed(0)}%`,
      'p50 ms': r.created.p50,
      'p99 ms': r.created.p99,
      requests: r.created.requests,
      errors: r.created.errors + r.created.non2xx + r.ceiling.errors + r.ceiling.non2xx,
      [`target >= ${TARGET * 100}%`]: r.created.rps / r.ceiling.rps >= TARGET ? 'PASS' : 'FAIL',
    })),
  );
  for (const r of results) {
    if (!r.statements) continue;
    const total = r.statements.reduce((s, x) => s + x.count, 0);
    const totalMs = r.statements.reduce((s, x) => s + x.ms, 0);
    printTable(
      `Statements per POST /api/v1/cases on ${r.kind}: ${total.toFixed(1)} statements, ${totalMs.toFixed(1)} ms in the database (sequential, one at a time)`,
      r.statements
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 25)
        .map((s) => ({
          'per request': s.count.toFixed(2),
          'ms per request': s.ms.toFixed(2),
          statement: s.text,
        })),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}
