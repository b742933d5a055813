import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { setupFiles: ['./console-error-fails-test.ts'] },
});
