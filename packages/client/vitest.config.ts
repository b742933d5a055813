import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A console.error during a test fails it (shared by every workspace).
    setupFiles: ['../../tooling/vitest/console-error-fails-test.ts'],
    // The type tests (*.test-d.ts) are checked by tsc against the API's router.
    typecheck: { include: ['src/**/*.test-d.ts'] },
  },
});
