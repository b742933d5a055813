/**
 * The local stack killed the way the OOM killer does it (SIGKILL to the server alone): its
 * children outlive it, and the next start must end them, say so, and start normally; after that
 * run stops, no process of either run is left.
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

test(
  'a server killed with SIGKILL leaves nothing running after the next start and stop, which names what it ended',
  { timeout: 600_000 },
  async () => {
    const dataDir = path.join(root, 'data');
    const env = {
      PORT: String(await findFreePort()),
      DYNAMODB_PORT: String(await findFreePort()),
      S3_PORT: String(await findFreePort()),
      MLSPACE_DATA_DIR: dataDir,
      MLSPACE_PORTAL_BUILD_DIR: portalBuild,
    };
    const first = await startServer(env);
    const dynamoPid = processesMentioning(path.join(dataDir, 'dynamodb'))[0];
    expect(dynamoPid).toBeDefined();

    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const second = await startServer(env);
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));

    expect(second.output()).toMatch(
      new RegExp(
        `Ended \\d+ process(es)? left by an earlier MLSpace run: .*DynamoDB Local \\(pid ${dynamoPid}\\)`,
      ),
    );
    expect(processesMentioning(dataDir)).toEqual([]);
  },
);
