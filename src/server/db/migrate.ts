import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './client.js';
import { migrationsDir } from '../paths.js';

const MIGRATION_LOCK = 7_340_001;

export interface Migration {
  name: string;
  sql: string;
}

/** Lists the committed migrations in order (NNNN_name.sql). */
export function listMigrations(): Migration[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      name: f.replace(/\.sql$/, ''),
      sql: fs.readFileSync(path.join(migrationsDir, f), 'utf8'),
    }));
}

/** Applies every pending migration, each in its own transaction; safe for several instances at once. */
export async function migrate(database: Database): Promise<string[]> {
  await database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  const done = new Set(
    (await database.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name),
  );
  for (const m of listMigrations()) {
    if (done.has(m.name)) continue;
    try {
      // The transaction-level lock plus the unique name make two instances starting together safe:
      // the second one fails on the INSERT, rolls back and finds the migration applied.
      await database.exec(
        // One simple-protocol message: PostgreSQL runs it as a single implicit transaction.
        `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});\n` +
          `INSERT INTO schema_migrations (name) VALUES ('${m.name}');\n${m.sql}`,
      );
      applied.push(m.name);
    } catch (err) {
      const now = await database.query('SELECT 1 FROM schema_migrations WHERE name = $1', [m.name]);
      if (now.length === 0)
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
    }
  }
  return applied;
}

/** Names of migrations not yet applied (for /readyz). */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const rows = await database.query<{ name: string }>('SELECT name FROM schema_migrations');
  const done = new Set(rows.map((r) => r.name));
  return listMigrations()
    .map((m) => m.name)
    .filter((n) => !done.has(n));
}
