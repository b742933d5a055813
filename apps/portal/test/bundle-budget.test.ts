import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, test } from 'vitest';

// @ts-expect-error a plain .mjs script shared with the benchmark, without type declarations
import { firstLoadJavaScript } from '../scripts/first-load.mjs';

const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../build/client');
const budgetBytes = 150 * 1024;

// The pages people land on, each with every layout above it counted.
const landingRoutes = [
  ['the dashboard', 'routes/dashboard'],
  ['a project overview', 'routes/project/overview'],
  ['a project training list', 'ml-list-training'],
  ['a training job', 'ml-detail-training'],
  ['the datasets list', 'routes/datasets'],
];

test.each(landingRoutes)('the first-load JavaScript of %s stays within 150 KB gzip', (_, id) => {
  const { gzipBytes } = firstLoadJavaScript(clientDir, id) as { gzipBytes: number };

  expect(gzipBytes).toBeLessThanOrEqual(budgetBytes);
});

test('the first-load count includes the layouts above a route', () => {
  const { files } = firstLoadJavaScript(clientDir, 'routes/project/overview') as {
    files: string[];
  };

  expect(files.some((file) => /\/layout-[\w-]+\.js$/.test(file))).toBe(true);
});
