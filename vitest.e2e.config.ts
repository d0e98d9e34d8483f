import { defineConfig } from 'vitest/config';

/** Browser journeys: real Chromium against a real server on loopback. Run after `vite build`. */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
