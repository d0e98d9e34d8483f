// Shared pieces for benchmarks: databases to run against, autocannon runs, printing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';

export const BENCH_PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_PG_DB = 'verity_bench';

/** A fresh migrated database of the given kind (PGlite in a temp dir, or a new PostgreSQL database). */
export async function freshDatabase(kind: 'pglite' | 'postgres', dataDir: string): Promise<Database> {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir });
    await migrate(db);
    return db;
  }
  const admin = new pg.Client({ connectionString: BENCH_PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_PG_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_PG_DB}`);
  await admin.end();
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${BENCH_PG_DB}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 20 });
  await migrate(db);
  return db;
}

export async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: BENCH_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** The databases a bench runs on, PostgreSQL first when reachable; `only` (from `--db`) keeps one. */
export async function benchKinds(only?: string): Promise<('pglite' | 'postgres')[]> {
  const kinds: ('pglite' | 'postgres')[] = [];
  if (!only || only === 'postgres') {
    if (await postgresAvailable()) kinds.push('postgres');
    else process.stdout.write('PostgreSQL is not reachable: skipping it.\n');
  }
  if (!only || only === 'pglite') kinds.push('pglite');
  return kinds;
}

/** Runs `work` on a fresh database of this kind, then closes it and removes its files. */
export async function withFreshDatabase<T>(
  kind: 'pglite' | 'postgres',
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `verity-bench-${kind}-`));
  const database = await freshDatabase(kind, dir);
  try {
    return await work(database);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface LoadResult {
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Runs autocannon against a URL; bounded in time, loopback only. */
export async function load(
  url: string,
  opts: {
    connections: number;
    seconds: number;
    method?: 'GET' | 'POST';
    body?: string | (() => string);
    headers?: Record<string, string>;
  },
): Promise<LoadResult> {
  const bodyFn = typeof opts.body === 'function' ? opts.body : undefined;
  const result = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    method: opts.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: typeof opts.body === 'string' ? opts.body : undefined,
    requests: bodyFn ? [{ setupRequest: (req) => ({ ...req, body: bodyFn() }) }] : undefined,
  });
  return {
    connections: opts.connections,
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function printTable(title: string, rows: Record<string, string | number>[]): void {
  process.stdout.write(`\n${title}\n`);
  if (!rows.length) return;
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(width[i]!)).join('  ');
  process.stdout.write(`${line(cols)}\n${line(width.map((w) => '-'.repeat(w)))}\n`);
  for (const r of rows) process.stdout.write(`${line(cols.map((c) => String(r[c])))}\n`);
}
