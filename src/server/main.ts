import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { systemContext } from './platform/context.js';
import { startSmtpIntake, type SmtpIntake } from './modules/mail-in/index.js';

/** Start: config -> database -> migrations -> (headless setup) -> HTTP + job worker. Stop gracefully. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const started = Date.now();
  // Opening PGlite compiles its WebAssembly off the main thread: load the app's code meanwhile.
  const opening = openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  const { buildApp } = await import('./app.js');
  const database = await opening;
  const applied = await migrate(database);
  const built = await buildApp({ config, database });
  const { app, services, worker } = built;
  const log = app.log;
  if (applied.length) log.info({ applied }, 'migrations applied');

  if (config.headlessSetup && (await services.setup.isNeeded())) {
    const s = config.headlessSetup;
    await services.setup.run(systemContext('headless-setup'), {
      organisation: {
        name: s.orgName,
        timeZone: s.timeZone ?? 'Australia/Sydney',
        locale: s.locale ?? 'en-AU',
        currency: s.currency ?? 'AUD',
      },
      admin: { name: s.adminName, email: s.adminEmail.toLowerCase(), password: s.adminPassword },
      loadSample: s.loadSample,
    });
    log.info('headless setup complete');
  }

  // Existing installations get the default business calendar and deadline policies (idempotent).
  const org = await services.organisation.getOrganisation();
  if (org) await database.db.transaction((tx) => services.deadlines.ensureDefaults(tx, org.timeZone));

  let smtpIntake: SmtpIntake | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn('second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'stopping: finishing in-flight requests');
    try {
      await smtpIntake?.close(); // no new mail; a message being received finishes first
      await built.close(); // stops the worker, stops accepting, waits for in-flight requests
      await database.close(); // PGlite writes its data directory cleanly here
      log.info('stopped cleanly');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'error while stopping');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  if (config.jobsEnabled) worker.start();
  // Email in: the SMTP listener when a port is set; the IMAP mailbox is polled by the job worker.
  if (config.mailIn.smtpPort !== undefined)
    smtpIntake = await startSmtpIntake(services.mailIn, {
      port: config.mailIn.smtpPort,
      host: config.mailIn.smtpHost,
      maxBytes: config.mailIn.maxBytes,
      log,
    });
  await services.mailIn.scheduleImapPoll();
  log.info(
    {
      url: config.publicUrl,
      database: database.kind,
      dataDir: database.kind === 'pglite' ? config.dataDir : undefined,
      ms: Date.now() - started,
    },
    `Verity is ready at ${config.publicUrl}`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Verity could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
