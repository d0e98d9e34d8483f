import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** "…/node_modules/@mantine/core/esm/…" → "mantine-core" */
function packageOf(id: string): string | null {
  const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  return m?.[1] ? m[1].replace('@', '').replace(/[\\/]/, '-') : null;
}

const api = 'http://localhost:3000';

export default defineConfig({
  root: '.',
  publicDir: 'src/web/public',
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // The server's CSP allows scripts from 'self' only; keep every asset a file, never inlined script.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Shared chunks are named after the library they hold, not after whichever export Rolldown picked.
        chunkFileNames: (chunk) => {
          const packages = new Set(chunk.moduleIds.map(packageOf));
          const only = packages.size === 1 ? [...packages][0] : null;
          return only && chunk.name !== 'vendor' ? `assets/${only}-[hash].js` : 'assets/[name]-[hash].js';
        },
        // React and the router/query libraries load on every page: one long-cached, clearly named chunk.
        codeSplitting: {
          groups: [
            {
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|@tanstack)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': api,
      '/healthz': api,
      '/readyz': api,
    },
  },
  preview: {
    proxy: {
      '/api': api,
      '/healthz': api,
      '/readyz': api,
    },
  },
});
