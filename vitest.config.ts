import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { readTestEnv } from './src/server/config.js';
import { isPostgresReachable } from './test/support/database.js';

const env = readTestEnv();

export default defineConfig(async (): Promise<ViteUserConfig> => {
  const pgReachable = await isPostgresReachable();
  if (!pgReachable) {
    const message = `PostgreSQL at ${env.testDatabaseUrl} is not reachable: the PostgreSQL run of the HTTP suites is SKIPPED.`;
    if (env.requirePostgres) throw new Error(`${message} REQUIRE_POSTGRES is set, so this is a failure.`);
    // Vitest evaluates this file once per project: say it once.
    const seen = globalThis as { verityPgNoticeShown?: boolean };
    if (!seen.verityPgNoticeShown) process.stderr.write(`\n*** ${message} ***\n\n`);
    seen.verityPgNoticeShown = true;
  }
  const dbTests = ['src/**/*.test.ts'];
  const unitTests = ['src/**/*.unit.test.ts'];
  return {
    test: {
      testTimeout: 30_000,
      hookTimeout: 60_000,
      projects: [
        { extends: true as const, test: { name: 'unit', include: unitTests } },
        {
          extends: true as const,
          test: {
            name: 'pglite',
            include: dbTests,
            exclude: unitTests,
            env: { VERITY_TEST_DB: 'pglite' },
          },
        },
        ...(pgReachable
          ? [
              {
                extends: true as const,
                test: {
                  name: 'postgres',
                  include: dbTests,
                  exclude: unitTests,
                  env: { VERITY_TEST_DB: 'postgres' },
                  globalSetup: ['test/support/postgres-global-setup.ts'],
                },
              },
            ]
          : []),
      ],
    },
  };
});
