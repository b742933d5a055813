import { defineConfig } from 'vitest/config';

export default defineConfig({
  // A console.error during a test fails it (shared by every workspace).
  test: { setupFiles: ['../../tooling/vitest/console-error-fails-test.ts'] },
});
