#!/usr/bin/env node
// `npm run reset`: deletes local mode's data (DynamoDB Local, S3, IdP keys, notebooks) after asking.
import { rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(
  process.argv.includes('--data-dir')
    ? process.argv[process.argv.indexOf('--data-dir') + 1]
    : path.join(root, '.mlspace'),
);

if (!existsSync(dataDir)) {
  console.log(`Nothing to reset: ${dataDir} does not exist.`);
  process.exit(0);
}
const yes = process.argv.includes('--yes');
if (!yes) {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question(
    `Delete all local MLSpace data in ${dataDir}? Stop MLSpace first. [y/N] `,
  );
  prompt.close();
  if (!/^y(es)?$/i.test(answer.trim())) {
    console.log('Nothing deleted.');
    process.exit(0);
  }
}
rmSync(dataDir, { recursive: true, force: true });
console.log(`Deleted ${dataDir}. The next npm start begins with fresh data.`);
