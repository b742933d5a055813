/**
 * The local stack killed the way the OOM killer does it (SIGKILL to the server alone) must not
 * leave its children running; when even the reaper was killed, the next start must end them,
 * say so, and start normally; after that run stops, no process of any run is left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, expect, test } from 'vitest';

import { findFreePort } from '@mlspace/local';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = mkdtempSync(path.join(os.tmpdir(), 'mlspace-stack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// The server needs a portal build only to answer page requests, which this test never makes.
const portalBuild = path.join(root, 'portal');
mkdirSync(path.join(portalBuild, 'server'), { recursive: true });
writeFileSync(path.join(portalBuild, 'server/index.js'), 'export const routes = {};\n');

interface RunningServer {
  child: ChildProcess;
  output: () => string;
}

/** Starts local mode's server as `npm start` does (one Node process), and waits until it is ready. */
async function startServer(env: Record<string, string>): Promise<RunningServer> {
  // tsx as a loader, not its CLI: the CLI would run the server as a grandchild that SIGKILL misses.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: { ...process.env, ...env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes('MLSpace is ready')) done(resolve);
      else if (
        child.exitCode !== null &&
        child.stdout!.readableEnded &&
        child.stderr!.readableEnded
      )
        done(() => reject(new Error(`server exited: ${output}`)));
    }, 100);
    const done = (then: () => void) => {
      clearInterval(check);
      then();
    };
  });
  return { child, output: () => output };
}

function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function parentOf(pid: number): number {
  return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 200));
  return condition();
}

async function killed(server: RunningServer): Promise<void> {
  server.child.kill('SIGKILL');
  await new Promise((resolve) => server.child.once('exit', resolve));
}

test(
  'a server killed with SIGKILL takes its children with it, and a start after everything was killed ends and names the leftovers',
  { timeout: 900_000 },
  async () => {
    const dataDir = path.join(root, 'data');
    const env = {
      PORT: String(await findFreePort()),
      DYNAMODB_PORT: String(await findFreePort()),
      S3_PORT: String(await findFreePort()),
      MLSPACE_DATA_DIR: dataDir,
      MLSPACE_PORTAL_BUILD_DIR: portalBuild,
    };

    // The OOM killer's way: the server alone. Its reaper ends DynamoDB Local and S3.
    const first = await startServer(env);
    expect(processesMentioning(path.join(dataDir, 'dynamodb'))).toHaveLength(1);
    await killed(first);
    expect(await until(() => processesMentioning(dataDir).length === 0, 30_000)).toBe(true);

    // Everything killed at once (the reaper too): the next start ends what is left and says so.
    const second = await startServer(env);
    const dynamoPid = processesMentioning(path.join(dataDir, 'dynamodb'))[0];
    for (const reaper of processesMentioning('reaper-runner.mjs'))
      if (parentOf(reaper) === second.child.pid) process.kill(reaper, 'SIGKILL');
    await killed(second);
    const third = await startServer(env);
    third.child.kill('SIGTERM');
    await new Promise((resolve) => third.child.once('exit', resolve));

    expect(third.output()).toMatch(
      new RegExp(
        `Ended \\d+ process(es)? left by an earlier MLSpace run: .*DynamoDB Local \\(pid ${dynamoPid}\\)`,
      ),
    );
    expect(await until(() => processesMentioning(dataDir).length === 0, 10_000)).toBe(true);
  },
);
