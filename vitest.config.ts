import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // Electron cannot run here: the shell's tests (test/unit/shell) get a fake of the few
        // Electron APIs it calls, so electron/main is imported unchanged.
        resolve: {
          alias: [{ find: /^electron$/, replacement: resolve(import.meta.dirname, 'test/fakes/electron.ts') }],
        },
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Files share a worker and the modules it has loaded: a fresh worker per file, importing zod
          // and the store again, cost more than every unit test together (about 0.3 s to start and
          // 0.5 s to import, per file, on this 2-core machine). Safe because no unit test keeps state
          // between files: each store test opens its own in-memory case, and each shell test loads a
          // fresh copy of the shell (vi.resetModules) and restores the environment it stubbed.
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
