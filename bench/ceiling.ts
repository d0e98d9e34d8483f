// The raw ceiling other benchmarks compare against: a bare Fastify route that inserts one row in one
// transaction on the same database, under autocannon at 10 and 50 connections.
// Usage: npm run bench:ceiling [-- --seconds 10] [-- --db pglite|postgres]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/server/db/client.js';
import { freshDatabase, load, postgresAvailable, printTable, type LoadResult } from './lib.js';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] ?? 0) || 8;
const only = args.includes('--db') ? args[args.indexOf('--db') + 1] : undefined;

/** Starts the bare insert server on a random port; returns its URL and a stop function. */
export async function startCeilingServer(database: Database) {
  await database.exec(`CREATE TABLE IF NOT EXISTS bench_ceiling (
    id bigserial PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  const app = Fastify({ logger: false });
  app.post('/insert', async (req) => {
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO bench_ceiling (body) VALUES (${JSON.stringify(req.body)}::jsonb)`);
    });
    return { ok: true };
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${address}/insert`, stop: () => app.close() };
}

/** Measures the ceiling on one database at 10 and 50 connections. */
export async function measureCeiling(database: Database, secs: number): Promise<LoadResult[]> {
  const server = await startCeilingServer(database);
  const body = JSON.stringify({ subject: 'Bench', description: 'A bare insert of one row.' });
  await load(server.url, { connections: 10, seconds: 1, method: 'POST', body }); // warm-up
  const results: LoadResult[] = [];
  for (const connections of [10, 50]) {
    results.push(await load(server.url, { connections, seconds: secs, method: 'POST', body }));
  }
  await server.stop();
  return results;
}

async function main() {
  const kinds: ('pglite' | 'postgres')[] = [];
  if (!only || only === 'pglite') kinds.push('pglite');
  if (!only || only === 'postgres') {
    if (await postgresAvailable()) kinds.push('postgres');
    else process.stdout.write('PostgreSQL is not reachable: skipping its ceiling.\n');
  }
  const rows: Record<string, string | number>[] = [];
  for (const kind of kinds) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verity-ceiling-'));
    const database = await freshDatabase(kind, dir);
    for (const r of await measureCeiling(database, seconds)) {
      rows.push({
        database: kind,
        connections: r.connections,
        'req/s': r.rps.toFixed(0),
        'p50 ms': r.p50,
        'p99 ms': r.p99,
        requests: r.requests,
        errors: r.errors + r.non2xx,
      });
    }
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  printTable(
    `Ceiling: bare Fastify route, one INSERT in one transaction (${seconds} s per run, ${os.cpus().length} cores)`,
    rows,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}
