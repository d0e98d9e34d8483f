// Verifies the audit trail's hash chain; exits 1 and names the first broken event if it does not hold.
import { ConfigError, loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { migrate } from '../src/server/db/migrate.js';
import { verifyAuditChain } from '../src/server/platform/audit.js';

try {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database);
  const result = await verifyAuditChain(database.db);
  await database.close();
  if (result.ok) {
    process.stdout.write(`Audit trail intact: ${result.checked} events checked.\n`);
  } else {
    process.stdout.write(
      `Audit trail BROKEN at event ${result.firstBroken!.seq}: ${result.firstBroken!.reason} ` +
        `(${result.checked} events before it are intact).\n`,
    );
    process.exit(1);
  }
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(2);
}
