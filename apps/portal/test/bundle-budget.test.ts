import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from 'vitest';

// @ts-expect-error a plain .mjs script shared with the benchmark, without type declarations
import { firstLoadJavaScript } from '../scripts/first-load.mjs';

const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../build/client');
const budgetBytes = 150 * 1024;

test('the dashboard first-load JavaScript stays within 150 KB gzip', () => {
  const { gzipBytes } = firstLoadJavaScript(clientDir, 'routes/dashboard') as { gzipBytes: number };

  expect(gzipBytes).toBeLessThanOrEqual(budgetBytes);
});
