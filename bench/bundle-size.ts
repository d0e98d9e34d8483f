// Initial JavaScript of the web interface: what index.html loads before any route code, gzip-compressed.
// Target: <= 250 KB gzip. Run after `vite build` (npm run bench:bundle does both).
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { printTable } from './lib.js';

const dist = path.resolve(import.meta.dirname, '../dist/web');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = new Set<string>();
for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) initial.add(m[1]!);
for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) initial.add(m[1]!);

const rows = [...initial].map((src) => {
  const buf = fs.readFileSync(path.join(dist, src.replace(/^\//, '')));
  return {
    file: src,
    'raw KB': (buf.length / 1024).toFixed(1),
    'gzip KB': (gzipSync(buf, { level: 9 }).length / 1024).toFixed(1),
  };
});
const total = rows.reduce((s, r) => s + Number(r['gzip KB']), 0);
const allJs = fs
  .readdirSync(path.join(dist, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .reduce(
    (s, f) => s + gzipSync(fs.readFileSync(path.join(dist, 'assets', f)), { level: 9 }).length / 1024,
    0,
  );
printTable('Initial JavaScript (loaded by index.html)', rows);
process.stdout.write(
  `\nInitial JS total: ${total.toFixed(1)} KB gzip (target <= 250 KB: ${total <= 250 ? 'met' : 'NOT MET'}); all JS chunks together: ${allJs.toFixed(1)} KB gzip\n`,
);
if (total > 250) process.exitCode = 1;
