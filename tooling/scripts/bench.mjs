#!/usr/bin/env node
// `npm run bench [name ...]`: runs the benchmarks in bench/ one after another; each prints its figures.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wanted = process.argv.slice(2);
const benches = readdirSync(path.join(root, 'bench'))
  .filter((name) => /\.(mjs|ts)$/.test(name))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)));
let failed = 0;
for (const name of benches) {
  console.log(`\n== ${name}`);
  // tsx runs both: several benchmarks import the TypeScript sources they measure.
  const runner = [path.join(root, 'node_modules/.bin/tsx'), [path.join('bench', name)]];
  const result = spawnSync(runner[0], runner[1], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
