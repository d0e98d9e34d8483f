import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A file of the real data nobody here wrote (`../shared/data` next to the checkout). A clone elsewhere — CI
 * may clone to any folder on this machine — finds it at /work/shared/data, or where VERITY_SHARED_DATA says.
 * A missing file is an error, never a skipped test.
 */
export function sharedDataFile(name: string, source: NodeJS.ProcessEnv = process.env): string {
  const places = [
    source.VERITY_SHARED_DATA,
    path.resolve(repoRoot, '../shared/data'),
    '/work/shared/data',
  ].filter((p): p is string => !!p);
  for (const dir of places) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`${name} is not in any of: ${places.join(', ')} (set VERITY_SHARED_DATA to its folder)`);
}
