import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'app/**/*.test.ts?(x)'],
    // A console.error during a test fails it (shared by every workspace).
    setupFiles: ['../../tooling/vitest/console-error-fails-test.ts'],
  },
});
