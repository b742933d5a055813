import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // A console.error during a test fails it (shared by every workspace).
    setupFiles: ['../tooling/vitest/console-error-fails-test.ts'],
    // One synth per file is shared by its tests; the provider bindings load once per worker.
    pool: 'threads',
    testTimeout: 20_000,
  },
});
