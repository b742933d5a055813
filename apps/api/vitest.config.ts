import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@mlspace/db/dynamodb-global-setup'],
    // A console.error during a test fails it (shared by every workspace).
    setupFiles: ['../../tooling/vitest/console-error-fails-test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
