import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { readTestEnv } from '../../src/server/config.js';
import { databaseFromPglite, openDatabase, type Database } from '../../src/server/db/client.js';
import { listMigrations, migrate } from '../../src/server/db/migrate.js';

const env = readTestEnv();
export const testDbKind = env.testDb;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The template database the PostgreSQL project clones for each test file (made by the global setup). */
export const PG_TEMPLATE = 'verity_test_template';

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the PostgreSQL
 * server cloned from a migrated template. `drop()` removes it.
 */
export async function createTestDatabase(): Promise<Database & { drop(): Promise<void>; url?: string }> {
  if (testDbKind === 'pglite') {
    const client = await PGlite.create({ loadDataDir: await pgliteTemplate() });
    const database = databaseFromPglite(client);
    await migrate(database);
    return { ...database, drop: () => database.close() };
  }
  const name = `verity_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: env.testDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE}`);
  await admin.end();
  const url = withDatabase(env.testDatabaseUrl, name);
  const database = await openDatabase({ url, poolSize: 5 });
  await migrate(database);
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: env.testDatabaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const templateDir = path.join(projectRoot, 'node_modules/.cache/verity');

/**
 * A migrated PGlite data directory, made once and kept on disk: every test file loads it instead of
 * running initdb, which costs seconds per file. Its name changes with the migrations and the PGlite package.
 */
async function pgliteTemplate(): Promise<Blob> {
  const pglitePackage = fs.readFileSync(
    path.join(projectRoot, 'node_modules/@electric-sql/pglite/package.json'),
  );
  const key = createHash('sha256')
    .update(JSON.stringify(listMigrations()))
    .update(pglitePackage)
    .digest('hex')
    .slice(0, 16);
  const file = path.join(templateDir, `pglite-template-${key}.tar.gz`);
  if (!fs.existsSync(file)) {
    const client = await PGlite.create();
    await migrate(databaseFromPglite(client));
    const dump = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
    await client.close();
    fs.mkdirSync(templateDir, { recursive: true });
    const outdated = fs
      .readdirSync(templateDir)
      .filter((f) => f.startsWith('pglite-template-') && !f.includes(key));
    for (const old of outdated) {
      fs.rmSync(path.join(templateDir, old), { force: true });
    }
    // Written aside and renamed, so a test file running alongside never reads half a template.
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, dump);
    fs.renameSync(partial, file);
  }
  return new Blob([fs.readFileSync(file)]);
}

/** Used by the PostgreSQL project's global setup: (re)creates the migrated template database. */
export async function preparePostgresTemplate(): Promise<void> {
  const admin = new pg.Client({ connectionString: env.testDatabaseUrl });
  await admin.connect();
  try {
    const stale = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'verity_t\\_%' OR datname = $1`,
      [PG_TEMPLATE],
    );
    for (const r of stale.rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: withDatabase(env.testDatabaseUrl, PG_TEMPLATE), poolSize: 1 });
  await migrate(database);
  await database.close();
}

export async function isPostgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: env.testDatabaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}
