// The case queue at scale: 200,000 cases, then the queue's first page (one area, one status, sorted by due)
// through the real HTTP API, requested one after another. Target: p95 <= 50 ms on PostgreSQL; PGlite printed
// too. Also prints the plan of the repo's query, to show it walks cases_queue_idx.
// Usage: npm run bench:queue [-- --cases 200000] [-- --requests 300] [-- --db pglite|postgres]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { ADMIN, Session } from '../test/support/app.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Database, Db } from '../src/server/db/client.js';
import { schema } from '../src/server/db/schema.js';
import { listCases } from '../src/server/modules/cases/cases.repo.js';
import { freshDatabase, postgresAvailable, printTable } from './lib.js';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const CASES = Number(arg('--cases') ?? 0) || 200_000;
const REQUESTS = Number(arg('--requests') ?? 0) || 300;
const WARM_UP = 30;
const only = arg('--db');
const TARGET_P95_MS = 50;

const STATUSES = [
  'received',
  'acknowledged',
  'investigating',
  'awaiting_customer',
  'resolution_proposed',
  'awaiting_approval',
  'responded',
  'closed',
  'reopened',
  'under_review',
  'referred_external',
];

/** The real app on the given database, listening on a random loopback port. */
export async function startBenchApp(database: Database, env: Record<string, string> = {}) {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    ...env,
  });
  const built = await buildApp({ config, database, webRoot: null, logger: pino({ level: 'silent' }) });
  const address = await built.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...built, url: address };
}

/**
 * Sets up the sample organisation (4 areas with staff) and returns an API token of its customer service
 * manager (all areas) for cases:read and cases:create, and the areas' ids.
 */
export async function setupWithToken(app: FastifyInstance) {
  const admin = new Session(app);
  const setup = await admin.post('/api/v1/setup', {
    organisation: { name: 'Bench Hotel Group' },
    admin: ADMIN,
    loadSample: true,
  });
  if (setup.statusCode !== 201) throw new Error(`setup: ${setup.statusCode} ${setup.body}`);
  const users = (await admin.get('/api/v1/users?limit=200')).json<{
    items: { email: string; roleKey: string }[];
  }>().items;
  const manager = users.find((u) => u.roleKey === 'manager');
  if (!manager) throw new Error('no manager in the sample organisation');
  const s = new Session(app);
  const signedIn = await s.post('/api/v1/auth/sign-in', { email: manager.email, password: ADMIN.password });
  if (signedIn.statusCode !== 200) throw new Error(`sign-in: ${signedIn.statusCode} ${signedIn.body}`);
  const token = await s.post('/api/v1/account/tokens', {
    name: 'Benchmark',
    permissions: ['cases:read', 'cases:create'],
  });
  if (token.statusCode !== 201) throw new Error(`token: ${token.statusCode} ${token.body}`);
  const areas = (await admin.get('/api/v1/areas?limit=200')).json<{ items: { id: string; code: string }[] }>()
    .items;
  return { token: token.json<{ token: string }>().token, areas };
}

const arrayLiteral = (ids: string[]) => `{${ids.join(',')}}`;

/** Bulk-inserts generated cases spread over 4 areas, every status, teams, officers, categories and due times. */
async function insertCases(database: Database, count: number) {
  const areas = await database.query<{ id: string }>(`SELECT id FROM business_areas ORDER BY code`);
  const teams: string[] = [];
  const officers: string[] = [];
  for (const a of areas) {
    const t = await database.query<{ id: string }>(`SELECT id FROM teams WHERE area_id = $1 ORDER BY name`, [
      a.id,
    ]);
    teams.push(t[0]!.id, t[1]!.id);
    const o = await database.query<{ id: string }>(
      `SELECT u.id FROM users u JOIN user_areas ua ON ua.user_id = u.id JOIN roles r ON r.id = u.role_id
       WHERE ua.area_id = $1 AND r.key = 'officer' ORDER BY u.email LIMIT 4`,
      [a.id],
    );
    officers.push(...o.map((x) => x.id));
  }
  const categories = (
    await database.query<{ id: string }>(
      `SELECT id FROM case_categories WHERE parent_id IS NOT NULL ORDER BY id`,
    )
  ).map((c) => c.id);
  const chunk = 25_000;
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await database.query(
      `INSERT INTO cases (reference, kind, area_id, team_id, channel, status, priority, category_id, subject,
         description, customer_name, customer_email, assignee_id, received_at, sort_due, deadline_state,
         created_at, updated_at)
       SELECT 'VR-BN-' || to_char(g, 'FM0000000'),
         (ARRAY['complaint','complaint','complaint','compliment','enquiry'])[1 + g % 5],
         ($3::uuid[])[1 + g % 4],
         ($4::uuid[])[1 + (g % 4) * 2 + (g / 4) % 2],
         (ARRAY['web','email','phone','counter','social'])[1 + (g / 3) % 5],
         s.status,
         (ARRAY['low','medium','medium','high','urgent'])[1 + (g / 7) % 5],
         ($6::uuid[])[1 + (g / 11) % ${categories.length}],
         'Generated case ' || g, 'A case generated for the queue benchmark.', 'Customer ' || g,
         'customer' || g || '@bench.example',
         CASE WHEN g % 9 = 0 THEN NULL ELSE ($5::uuid[])[1 + (g % 4) * 4 + (g / 13) % 4] END,
         r.received_at,
         CASE WHEN s.status IN ('closed', 'referred_external') THEN 'infinity'::timestamptz ELSE d.due END,
         CASE WHEN s.status IN ('closed', 'referred_external') THEN 'none'
              WHEN d.due < now() THEN 'breached' WHEN d.due < now() + interval '1 day' THEN 'due_soon'
              ELSE 'on_track' END,
         r.received_at, r.received_at
       FROM generate_series($1::int, $2::int) g,
         LATERAL (SELECT ($7::text[])[1 + (g / 4) % ${STATUSES.length}] AS status) s,
         LATERAL (SELECT now() - ((g::bigint * 104729) % 525600) * interval '1 minute' AS received_at) r,
         LATERAL (SELECT now() + (((g::bigint * 7919) % 28800) - 7200) * interval '1 minute' AS due) d`,
      [
        from,
        to,
        arrayLiteral(areas.map((a) => a.id)),
        arrayLiteral(teams),
        arrayLiteral(officers),
        arrayLiteral(categories),
        arrayLiteral(STATUSES),
      ],
    );
  }
  await database.exec('ANALYZE');
}

/** The SQL the cases repo runs for the queue's first page, captured from Drizzle's logger (no database needed). */
async function queueSql(areaId: string): Promise<{ text: string; params: unknown[] }> {
  let captured: { text: string; params: unknown[] } | null = null;
  const pool = new pg.Pool({
    connectionString: 'postgres://nobody@127.0.0.1:1/none',
    connectionTimeoutMillis: 200,
  });
  const db = drizzle({
    client: pool,
    schema,
    logger: { logQuery: (text, params) => void (captured ??= { text, params }) },
  }) as unknown as Db;
  try {
    await listCases(
      db,
      { visibleAreaIds: null, areaIds: [areaId], statuses: ['investigating'], searchPersonal: true },
      'due',
      null,
      50,
    );
  } catch {
    // No server behind the pool: only the statement was wanted.
  }
  await pool.end();
  if (!captured) throw new Error('the repo ran no query');
  return captured;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function runOne(kind: 'pglite' | 'postgres') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verity-queue-'));
  const database = await freshDatabase(kind, dir);
  const app = await startBenchApp(database);
  try {
    const { token, areas } = await setupWithToken(app.app);
    const t0 = performance.now();
    await insertCases(database, CASES);
    const loadSeconds = (performance.now() - t0) / 1000;
    const [{ n }] = (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases`)) as [
      { n: number },
    ];
    const area = areas.find((a) => a.code === 'WEB') ?? areas[0]!;
    const [{ matching }] = (await database.query<{ matching: number }>(
      `SELECT count(*)::int AS matching FROM cases WHERE area_id = $1 AND status = 'investigating'`,
      [area.id],
    )) as [{ matching: number }];

    const url = `${app.url}/api/v1/cases?areaId=${area.id}&status=investigating&sort=due&limit=50`;
    const headers = { authorization: `Bearer ${token}` };
    const times: number[] = [];
    let firstPage: { items: { status: string; area: { id: string }; nextDueAt: string | null }[] } | null =
      null;
    for (let i = 0; i < WARM_UP + REQUESTS; i++) {
      const start = performance.now();
      const res = await fetch(url, { headers });
      const body = await res.text();
      const ms = performance.now() - start;
      if (res.status !== 200) throw new Error(`GET /api/v1/cases: ${res.status} ${body.slice(0, 300)}`);
      if (i === 0) firstPage = JSON.parse(body) as typeof firstPage;
      if (i >= WARM_UP) times.push(ms);
    }
    const items = firstPage!.items;
    if (items.length !== 50 || items.some((c) => c.status !== 'investigating' || c.area.id !== area.id))
      throw new Error('the first page is not 50 investigating cases of the area');
    const dues = items.map((c) => (c.nextDueAt ? Date.parse(c.nextDueAt) : Infinity));
    if (dues.some((d, i) => i > 0 && d < dues[i - 1]!))
      throw new Error('the first page is not sorted by due');

    const q = await queueSql(area.id);
    const plan = await database.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${q.text}`,
      q.params,
    );
    const planText = plan.map((r) => r['QUERY PLAN']).join('\n');

    times.sort((a, b) => a - b);
    return {
      kind,
      cases: n,
      matching,
      loadSeconds,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
      max: times[times.length - 1]!,
      planText,
      usesIndex: planText.includes('cases_queue_idx'),
    };
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const kinds: ('pglite' | 'postgres')[] = [];
  if (!only || only === 'postgres') {
    if (await postgresAvailable()) kinds.push('postgres');
    else process.stdout.write('PostgreSQL is not reachable: skipping it (the target is on PostgreSQL).\n');
  }
  if (!only || only === 'pglite') kinds.push('pglite');
  const results = [];
  for (const kind of kinds) {
    process.stdout.write(`${kind}: setting up and inserting ${CASES.toLocaleString('en-AU')} cases…\n`);
    const r = await runOne(kind);
    results.push(r);
    process.stdout.write(`\nPlan on ${kind} (EXPLAIN ANALYZE of the repo's queue query):\n${r.planText}\n`);
  }
  printTable(
    `Queue first page: GET /api/v1/cases?areaId=…&status=investigating&sort=due&limit=50 — ${REQUESTS} sequential requests after ${WARM_UP} warm-up (${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)})`,
    results.map((r) => ({
      database: r.kind,
      cases: r.cases,
      'matching filter': r.matching,
      'insert s': r.loadSeconds.toFixed(1),
      'p50 ms': r.p50.toFixed(1),
      'p95 ms': r.p95.toFixed(1),
      'p99 ms': r.p99.toFixed(1),
      'max ms': r.max.toFixed(1),
      'uses cases_queue_idx': r.usesIndex ? 'yes' : 'NO',
    })),
  );
  const postgres = results.find((r) => r.kind === 'postgres');
  if (postgres)
    process.stdout.write(
      `\nTarget p95 <= ${TARGET_P95_MS} ms on PostgreSQL: ${postgres.p95 <= TARGET_P95_MS ? 'PASS' : 'FAIL'} (p95 ${postgres.p95.toFixed(1)} ms)\n`,
    );
  else
    process.stdout.write(`\nTarget p95 <= ${TARGET_P95_MS} ms on PostgreSQL: NOT MEASURED (no PostgreSQL)\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  });
}
