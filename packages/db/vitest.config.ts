import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./src/testing/dynamodb-global-setup.ts'],
    // A console.error during a test fails it (shared by every workspace).
    setupFiles: ['../../tooling/vitest/console-error-fails-test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
