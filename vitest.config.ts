import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'db/**/*.test.ts',
            'apps/server/src/**/*.test.ts',
            'apps/bot/src/**/*.test.ts',
            'apps/desk/src/**/*.test.ts',
            'apps/web/src/**/*.test.ts',
            'scripts/clock/*.test.ts',
          ],
          exclude: ['**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['scripts/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A browser step waits for what a person would wait for: 1 s (the default) is too short on a
          // loaded 2-core CI machine. A poll still passes as soon as its condition holds.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
