import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // One synth per file is shared by its tests; the provider bindings load once per worker.
    pool: 'threads',
    testTimeout: 20_000,
  },
});
