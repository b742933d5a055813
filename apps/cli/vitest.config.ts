import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A console.error during a test fails it (shared by every workspace).
    setupFiles: ['../../tooling/vitest/console-error-fails-test.ts'],
    // The workflow test starts the built local stack once and runs a training job on it.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
