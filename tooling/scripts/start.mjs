#!/usr/bin/env node
// `npm start`: installs dependencies when missing, builds what changed (turbo cache), then runs
// local mode's single server. Flags and env (PORT, MLSPACE_DATA_DIR, ...) pass straight through.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!existsSync(path.join(root, 'node_modules/.package-lock.json'))) {
  console.log('Installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

console.log('Building MLSpace…');
run(path.join(root, 'node_modules/.bin/turbo'), [
  'run',
  'build',
  '--filter=@mlspace/portal',
  '--filter=@mlspace/api',
  '--output-logs=errors-only',
  '--log-prefix=none',
]);

// Node itself is the child: it receives Ctrl-C with us and stops DynamoDB Local, S3 and Jupyter.
const server = spawn(
  process.execPath,
  ['--enable-source-maps', path.join(root, 'apps/api/dist/server.js')],
  {
    cwd: root,
    stdio: 'inherit',
    // The SDK's Node 20 end-of-support notice is known (see README); keep the console for MLSpace's own lines.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env },
  },
);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
