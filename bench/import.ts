// Import of history at scale: generates a CSV of 1,000,000 complaints (streamed to a temp file, never held in
// memory), uploads it through the imports service, runs the import job, and prints rows/s and the process's
// resident memory sampled during the run (at 10%, 50% and 100% of the rows, and the peak), to show it stays
// flat: the file is streamed and written in batches of 500 rows per transaction.
// Usage: npm run bench:import [-- --rows 1000000] [-- --db pglite|postgres]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import type { Principal, RequestContext } from '../src/server/platform/context.js';
import { ADMIN, Session } from '../test/support/app.js';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';
import { BENCH_PG_URL, freshDatabase, postgresAvailable, printTable } from './lib.js';
import pino from 'pino';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const ROWS = Number(arg('--rows') ?? 0) || 1_000_000;
const only = arg('--db');
const MB = 1024 * 1024;

const PRODUCTS: [string, string[]][] = [
  ['Mortgage', ['Trouble during payment process', 'Applying for a mortgage', 'Closing on a mortgage']],
  ['Debt collection', ['Attempts to collect debt not owed', 'Written notification about debt']],
  [
    'Credit card',
    ['Problem with a purchase shown on your statement', 'Fees or interest', 'Billing disputes'],
  ],
  ['Checking or savings account', ['Managing an account', 'Opening an account', 'Closing an account']],
  ['Student loan', ['Dealing with your lender or servicer', 'Struggling to repay your loan']],
  ['Vehicle loan or lease', ['Managing the loan or lease', 'Getting a loan or lease']],
  ['Money transfer', ['Fraud or scam', 'Money was not available when promised']],
  ['Credit reporting', ['Incorrect information on your report', 'Improper use of your report']],
];
const CHANNELS = ['Web', 'Web', 'Web', 'Phone', 'Referral', 'Postal mail', 'Email', 'Fax'];
const RESPONSES = [
  'Closed with explanation',
  'Closed with non-monetary relief',
  'Closed with monetary relief',
  'In progress',
];
const STATES = ['CA', 'NY', 'TX', 'FL', 'GA', 'IL', 'WA', 'OR'];

/** Streams the CSV to disk, respecting back-pressure. One row in 200 has an impossible date (rejected). */
async function generate(file: string, rows: number): Promise<number> {
  const out = fs.createWriteStream(file);
  out.write(
    'Complaint ID,Date received,Product,Issue,Consumer complaint narrative,State,Submitted via,' +
      'Date sent to company,Company response to consumer,Timely response?,Consumer disputed?\n',
  );
  let bad = 0;
  const day = 86_400_000;
  const start = Date.UTC(2015, 0, 1);
  for (let i = 1; i <= rows; i++) {
    const [product, issues] = PRODUCTS[i % PRODUCTS.length]!;
    const issue = issues[(i >> 3) % issues.length]!;
    const received = new Date(start + (i % 3000) * day).toISOString().slice(0, 10);
    const sent = new Date(start + ((i % 3000) + (i % 3)) * day).toISOString().slice(0, 10);
    const isBad = i % 200 === 0;
    if (isBad) bad++;
    const narrative =
      i % 4 === 0
        ? ''
        : `"I was charged twice for order ${i}, and when I called, nobody could say why. ""Please"" fix it,\nthank you."`;
    const line =
      `${1_000_000 + i},${isBad ? '2021-02-30' : received},${product},${issue},${narrative},` +
      `${STATES[i % STATES.length]},${CHANNELS[i % CHANNELS.length]},${sent},${RESPONSES[i % RESPONSES.length]},` +
      `${i % 50 === 0 ? 'No' : 'Yes'},${i % 7 === 0 ? 'Yes' : i % 3 === 0 ? 'No' : 'N/A'}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bad;
}

async function freshPostgres(name: string): Promise<Database> {
  const admin = new pg.Client({ connectionString: BENCH_PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BENCH_PG_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 5 });
  await migrate(db);
  return db;
}

async function run(kind: 'pglite' | 'postgres', file: string, expectedBad: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `verity-bench-import-${kind}-`));
  // Its own PostgreSQL database: other benches drop and recreate theirs while this one runs.
  const database =
    kind === 'pglite'
      ? await freshDatabase(kind, path.join(dir, 'db'))
      : await freshPostgres('verity_bench_import');
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    VERITY_DATA_DIR: dir,
  });
  const built = await buildApp({ config, database, webRoot: null, logger: pino({ level: 'silent' }) });
  try {
    const admin = new Session(built.app);
    const setup = await admin.post('/api/v1/setup', {
      organisation: { name: 'Bench Bank' },
      admin: ADMIN,
      loadSample: false,
    });
    if (setup.statusCode !== 201) throw new Error(`setup: ${setup.statusCode} ${setup.body}`);
    const area = await admin.post('/api/v1/areas', { name: 'Consumer finance', code: 'CFIN' });
    const areaId = area.json<{ id: string }>().id;
    const [user] = await database.query<{ id: string }>('SELECT id FROM users LIMIT 1');
    const principal: Principal = {
      userId: user!.id,
      name: ADMIN.name,
      email: ADMIN.email,
      roleKey: 'administrator',
      roleName: 'Administrator',
      permissions: new Set(['cases:import']),
      allAreas: true,
      areaIds: [],
      teamIds: [],
      authorityLimitCents: 0,
      via: 'token',
    };
    const ctx: RequestContext = { principal, requestId: 'bench', ip: '127.0.0.1', userAgent: 'bench' };
    const imports = built.services.imports;

    const uploadStart = performance.now();
    const uploaded = await imports.upload(ctx, {
      fileName: path.basename(file),
      stream: fs.createReadStream(file),
    });
    const uploadMs = performance.now() - uploadStart;
    const mapped = await imports.updateMapping(ctx, uploaded.id, {
      mapping: { ...uploaded.mapping, areaId },
      version: uploaded.version,
    });
    const queued = await imports.start(ctx, uploaded.id, 'run', mapped.version);

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const atShare = new Map<number, number>();
    const sampler = setInterval(() => {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
    }, 100);
    // Progress is read from the imports row, as the web page does; the RSS at each share is recorded.
    let polling = true;
    const poller = (async () => {
      while (polling) {
        await new Promise((r) => setTimeout(r, 1000));
        const [p] = await database.query<{ rows_read: number }>(
          'SELECT rows_read FROM imports WHERE id = $1',
          [queued.id],
        );
        const share = (p?.rows_read ?? 0) / ROWS;
        for (const mark of [0.1, 0.5])
          if (share >= mark && !atShare.has(mark)) atShare.set(mark, process.memoryUsage().rss);
      }
    })();
    const started = performance.now();
    await built.worker.drain();
    const seconds = (performance.now() - started) / 1000;
    atShare.set(1, process.memoryUsage().rss);
    polling = false;
    await poller;
    clearInterval(sampler);

    const done = await imports.get(ctx, uploaded.id);
    if (done.status !== 'done') throw new Error(`import ${done.status}: ${done.error}`);
    if (done.rowsRead !== ROWS || done.rejected !== expectedBad || done.inserted !== ROWS - expectedBad)
      throw new Error(`counts: ${JSON.stringify(done)}`);
    const [cases] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    if (cases!.n !== done.inserted) throw new Error(`cases ${cases!.n} != inserted ${done.inserted}`);
    const rss = (bytes: number | undefined) => (bytes === undefined ? '–' : `${Math.round(bytes / MB)} MB`);
    return {
      db: kind,
      rows: ROWS.toLocaleString(),
      inserted: done.inserted.toLocaleString(),
      rejected: done.rejected.toLocaleString(),
      'upload s': (uploadMs / 1000).toFixed(1),
      'import s': seconds.toFixed(0),
      'rows/s': Math.round(ROWS / seconds).toLocaleString(),
      'RSS before': rss(rssBefore),
      'RSS 10%': rss(atShare.get(0.1)),
      'RSS 50%': rss(atShare.get(0.5)),
      'RSS 100%': rss(atShare.get(1)),
      'peak RSS': rss(peak),
    };
  } finally {
    await built.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const file = path.join(os.tmpdir(), `verity-import-bench-${process.pid}.csv`);
  const t0 = performance.now();
  const bad = await generate(file, ROWS);
  const size = fs.statSync(file).size;
  process.stdout.write(
    `Generated ${ROWS.toLocaleString()} rows (${Math.round(size / MB)} MB, ${bad} with an impossible date) in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  const results = [];
  try {
    for (const kind of ['pglite', 'postgres'] as const) {
      if (only && only !== kind) continue;
      if (kind === 'postgres' && !(await postgresAvailable())) {
        process.stdout.write('PostgreSQL not reachable: skipped\n');
        continue;
      }
      results.push(await run(kind, file, bad));
      printTable('Import of history (CSV, streamed, 500 rows per transaction)', results.slice(-1));
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
  printTable('Import of history (CSV, streamed, 500 rows per transaction)', results);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
