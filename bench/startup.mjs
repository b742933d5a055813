// Time from starting the local server on a built tree to "ready", first start (empty data) and
// restart (existing data). What `npm start` adds on top is a turbo cache check (printed too).
// Target: 15 s or less on 2 cores.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { repoRoot, startServer } from './lib/stack.mjs';

const buildStarted = performance.now();
spawnSync(
  path.join(repoRoot, 'node_modules/.bin/turbo'),
  ['run', 'build', '--filter=@mlspace/portal', '--filter=@mlspace/api', '--output-logs=none'],
  {
    cwd: repoRoot,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  },
);
const buildCheckMs = performance.now() - buildStarted;

const dataDir = mkdtempSync(path.join(tmpdir(), 'mlspace-bench-start-'));
const runs = [];
for (let run = 0; run < 3; run += 1) {
  const server = await startServer({ dataDir });
  runs.push(server.readyMs);
  await server.stop(true);
}
rmSync(dataDir, { recursive: true, force: true });
const restarts = runs.slice(1).sort((a, b) => a - b);
console.log('npm start to ready on a built tree:');
console.log(`  build check (turbo, cached) ${(buildCheckMs / 1000).toFixed(2)} s`);
console.log(`  first start (fresh data)    ${(runs[0] / 1000).toFixed(2)} s`);
console.log(
  `  restart (existing data)     ${(restarts[0] / 1000).toFixed(2)} s .. ${(restarts[restarts.length - 1] / 1000).toFixed(2)} s`,
);
console.log(
  `  total, first start          ${((buildCheckMs + runs[0]) / 1000).toFixed(2)} s   target <= 15 s`,
);
