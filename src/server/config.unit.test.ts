import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

/** The problems loadConfig reports for an environment, or [] when it accepts it. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems;
  }
}

const settingsNamed = (problems: string[]) => problems.map((p) => p.split(':')[0]).sort();

const HEADLESS = {
  VERITY_SETUP_ORG_NAME: 'Harbour Hotel Group',
  VERITY_SETUP_ADMIN_EMAIL: 'ada@example.com',
  VERITY_SETUP_ADMIN_PASSWORD: 'correct horse battery staple',
};

describe('loadConfig', () => {
  it('runs with nothing set, on sensible defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      dataDir: path.resolve('./data'),
      sessionTtlHours: 14 * 24,
      cookieSecure: false,
      jobsEnabled: true,
      jobsPollMs: 500,
      headlessSetup: undefined,
    });
  });

  it('treats an empty variable as unset (PORT= is not port 0)', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('reads and converts what is set', () => {
    const config = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://verity.example.com/',
      DATABASE_URL: 'postgresql://verity@db/verity',
      JOBS_ENABLED: 'no',
      SESSION_TTL_HOURS: '8',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://verity.example.com',
      databaseUrl: 'postgresql://verity@db/verity',
      jobsEnabled: false,
      sessionTtlHours: 8,
      // Served over https, so cookies are Secure unless told otherwise.
      cookieSecure: true,
    });
    expect(loadConfig({ PUBLIC_URL: 'https://x.example', COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
  });

  it('names every bad setting in one ConfigError', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      SMTP_URL: 'http://mail.example',
      COOKIE_SECURE: 'maybe',
      JOBS_POLL_MS: '1',
      VERITY_SETUP_CURRENCY: 'dollars',
    });
    expect(settingsNamed(problems)).toEqual([
      'COOKIE_SECURE',
      'DATABASE_URL',
      'JOBS_POLL_MS',
      'LOG_LEVEL',
      'PORT',
      'SMTP_URL',
      'VERITY_SETUP_CURRENCY',
    ]);
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toContain('must start with postgres://');
  });

  it('puts the whole list in the error message', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL/);
  });

  describe('headless setup', () => {
    it('needs the organisation name, admin email and password together', () => {
      for (const missing of Object.keys(HEADLESS)) {
        const env: Record<string, string> = { ...HEADLESS };
        delete env[missing];
        expect(problemsOf(env)).toEqual([`${missing}: required for headless setup`]);
      }
      expect(settingsNamed(problemsOf({ VERITY_SETUP_ORG_NAME: 'Only this' }))).toEqual([
        'VERITY_SETUP_ADMIN_EMAIL',
        'VERITY_SETUP_ADMIN_PASSWORD',
      ]);
    });

    it('lists a missing headless setting along with every other bad setting', () => {
      expect(settingsNamed(problemsOf({ PORT: 'abc', VERITY_SETUP_ORG_NAME: 'Only this' }))).toEqual([
        'PORT',
        'VERITY_SETUP_ADMIN_EMAIL',
        'VERITY_SETUP_ADMIN_PASSWORD',
      ]);
    });

    it('validates what is given: a short password and a bad email are named', () => {
      const problems = problemsOf({
        ...HEADLESS,
        VERITY_SETUP_ADMIN_EMAIL: 'not-an-email',
        VERITY_SETUP_ADMIN_PASSWORD: 'short',
      });
      expect(settingsNamed(problems)).toEqual(['VERITY_SETUP_ADMIN_EMAIL', 'VERITY_SETUP_ADMIN_PASSWORD']);
    });

    it('is configured when all three are set, with defaults for the rest', () => {
      expect(loadConfig(HEADLESS).headlessSetup).toEqual({
        orgName: 'Harbour Hotel Group',
        adminEmail: 'ada@example.com',
        adminName: 'Administrator',
        adminPassword: 'correct horse battery staple',
        timeZone: undefined,
        locale: undefined,
        currency: undefined,
        loadSample: false,
      });
      const withSample = loadConfig({
        ...HEADLESS,
        VERITY_SETUP_SAMPLE: 'true',
        VERITY_SETUP_CURRENCY: 'NZD',
      });
      expect(withSample.headlessSetup).toMatchObject({ loadSample: true, currency: 'NZD' });
    });
  });
});
