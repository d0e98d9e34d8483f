import path from 'node:path';
import { z } from 'zod';

/** Every setting Verity reads. This file is the only reader of process.env. */
const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  VERITY_DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  COOKIE_SECURE: boolFromEnv.optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Verity <no-reply@verity.local>'),
  JOBS_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  JOBS_ENABLED: boolFromEnv.default(true),
  VERITY_SETUP_ORG_NAME: z.string().min(1).max(200).optional(),
  VERITY_SETUP_ADMIN_EMAIL: z.email().optional(),
  VERITY_SETUP_ADMIN_NAME: z.string().min(1).max(200).optional(),
  VERITY_SETUP_ADMIN_PASSWORD: z.string().min(12).max(200).optional(),
  VERITY_SETUP_TIME_ZONE: z.string().min(1).optional(),
  VERITY_SETUP_LOCALE: z.string().min(2).optional(),
  VERITY_SETUP_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code')
    .optional(),
  VERITY_SETUP_SAMPLE: boolFromEnv.default(false),
  VERITY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().min(1).optional(),
  INBOUND_ADDRESSES: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z
            .email({ message: 'must be a comma-separated list of email addresses' })
            .refine((a) => !a.split('@')[0]!.includes('+'), 'must not contain "+" (reply tokens go there)'),
        )
        .min(1),
    )
    .optional(),
  INBOUND_AREA: z.string().min(1).max(200).optional(),
  INBOUND_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\/[^/]+/, 'must look like imap://user:password@host:port/INBOX (or imaps://)')
    .optional(),
  IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  RATE_LIMIT_ALLOW: z
    .string()
    .regex(/^[0-9a-fA-F.:, ]*$/, 'must be IP addresses separated by commas')
    .optional(),
  TEST_DATABASE_URL: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface HeadlessSetup {
  orgName: string;
  adminEmail: string;
  adminName: string;
  adminPassword: string;
  timeZone?: string;
  locale?: string;
  currency?: string;
  loadSample: boolean;
}

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl?: string;
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  sessionTtlHours: number;
  cookieSecure: boolean;
  smtpUrl?: string;
  mailFrom: string;
  jobsPollMs: number;
  jobsEnabled: boolean;
  /** Signs tracking links and reply addresses; generated and kept in the database when unset. */
  secret?: string;
  /** Email in: the SMTP listener (off when the port is unset), the addresses it accepts, the IMAP mailbox. */
  mailIn: MailInConfig;
  /** Client addresses never rate limited (a trusted proxy, monitoring, a benchmark on loopback). */
  rateLimitAllow: string[];
  headlessSetup?: HeadlessSetup;
}

export interface MailInConfig {
  smtpPort?: number;
  smtpHost: string;
  /** Lower-cased; the first is the reply address (`local+<token>@domain`) on every customer email. */
  addresses: string[];
  /** Business area (name or id) of cases made from email; the first active area when unset. */
  area?: string;
  maxBytes: number;
  imapUrl?: string;
  imapPollSeconds: number;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment; throws ConfigError listing every problem. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (PORT=) means "not set", never 0 or "".
  const present = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = envSchema.safeParse(present);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // Checked on the raw values, so a missing one is listed along with any other bad setting.
  const setupKeys = [
    'VERITY_SETUP_ORG_NAME',
    'VERITY_SETUP_ADMIN_EMAIL',
    'VERITY_SETUP_ADMIN_PASSWORD',
  ] as const;
  if (setupKeys.some((k) => source[k] !== undefined)) {
    for (const k of setupKeys.filter((key) => source[key] === undefined)) {
      problems.push(`${k}: required for headless setup`);
    }
  }
  if ((source.INBOUND_SMTP_PORT?.trim() || source.IMAP_URL?.trim()) && !source.INBOUND_ADDRESSES?.trim())
    problems.push('INBOUND_ADDRESSES: required when INBOUND_SMTP_PORT or IMAP_URL is set');
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  let headlessSetup: HeadlessSetup | undefined;
  if (e.VERITY_SETUP_ORG_NAME && e.VERITY_SETUP_ADMIN_EMAIL && e.VERITY_SETUP_ADMIN_PASSWORD) {
    headlessSetup = {
      orgName: e.VERITY_SETUP_ORG_NAME,
      adminEmail: e.VERITY_SETUP_ADMIN_EMAIL,
      adminName: e.VERITY_SETUP_ADMIN_NAME ?? 'Administrator',
      adminPassword: e.VERITY_SETUP_ADMIN_PASSWORD,
      timeZone: e.VERITY_SETUP_TIME_ZONE,
      locale: e.VERITY_SETUP_LOCALE,
      currency: e.VERITY_SETUP_CURRENCY,
      loadSample: e.VERITY_SETUP_SAMPLE,
    };
  }
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: publicUrl.replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.VERITY_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE ?? publicUrl.startsWith('https://'),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    jobsPollMs: e.JOBS_POLL_MS,
    jobsEnabled: e.JOBS_ENABLED,
    secret: e.VERITY_SECRET,
    mailIn: {
      smtpPort: e.INBOUND_SMTP_PORT,
      smtpHost: e.INBOUND_SMTP_HOST ?? e.HOST,
      addresses: e.INBOUND_ADDRESSES ?? [],
      area: e.INBOUND_AREA,
      maxBytes: e.INBOUND_MAX_BYTES,
      imapUrl: e.IMAP_URL,
      imapPollSeconds: e.IMAP_POLL_SECONDS,
    },
    rateLimitAllow: (e.RATE_LIMIT_ALLOW ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    headlessSetup,
  };
}

/** The test database URL, read here so no other file touches process.env. */
export function readTestEnv(source: NodeJS.ProcessEnv = process.env) {
  return {
    testDatabaseUrl: source.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    testDb: (source.VERITY_TEST_DB ?? 'pglite') as 'pglite' | 'postgres',
    requirePostgres: source.REQUIRE_POSTGRES === '1' || source.REQUIRE_POSTGRES === 'true',
    smtpTestPort: source.SMTP_TEST_PORT,
  };
}
