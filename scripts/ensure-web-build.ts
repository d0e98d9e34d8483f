// Builds the web interface when dist/web is missing or older than its sources, so `npm start` works
// on a fresh clone without a separate build step.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const index = path.join(root, 'dist/web/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = [path.join(root, 'src/web'), path.join(root, 'src/contracts')];
const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime), fs.statSync(path.join(root, 'index.html')).mtimeMs);
if (builtAt < changedAt) {
  process.stdout.write('Building the web interface (first start or sources changed)…\n');
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
}
