// Builds what `npm start` runs: the web interface (Vite -> dist/web) and the server (esbuild -> dist/server),
// each only when missing or older than its sources. `--force` rebuilds both.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const force = process.argv.includes('--force');

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}
const builtAt = (file) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
const src = (...parts) => parts.map((p) => path.join(root, p));

const webOut = path.join(root, 'dist/web/index.html');
const webSources = src('src/web', 'src/contracts', 'index.html', 'vite.config.ts', 'package-lock.json');
if (force || builtAt(webOut) < Math.max(...webSources.map(newestMtime))) {
  process.stdout.write('Building the web interface…\n');
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
}

const serverOut = path.join(root, 'dist/server/main.js');
const serverSources = src('src/server', 'src/contracts', 'package-lock.json');
if (force || builtAt(serverOut) < Math.max(...serverSources.map(newestMtime))) {
  process.stdout.write('Building the server…\n');
  await build({
    entryPoints: [path.join(root, 'src/server/main.ts')],
    outdir: path.dirname(serverOut),
    bundle: true,
    // main.ts loads the app with import() while PGlite compiles its WebAssembly: keep that a separate chunk.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}
