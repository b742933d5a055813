import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { findFreePort } from '@mlspace/local';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface RunningStack {
  url: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the built local server exactly as `npm start` does, on free ports and a fresh data folder;
 * `extraEnv` adds settings a spec needs (a faster sweep, say).
 */
export async function startStack(extraEnv: Record<string, string> = {}): Promise<RunningStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mlspace-e2e-'));
  const port = await findFreePort();
  const env = {
    ...process.env,
    PORT: String(port),
    DYNAMODB_PORT: String(await findFreePort()),
    S3_PORT: String(await findFreePort()),
    MLSPACE_DATA_DIR: dataDir,
    ...extraEnv,
  };
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(repoRoot, 'apps/api/dist/server.js')],
    {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  while (!output.includes('MLSpace is ready')) {
    if (child.exitCode !== null) throw new Error(`MLSpace exited early:\n${output}`);
    if (Date.now() > deadline) {
      // Otherwise the server and its DynamoDB Local and S3 children outlive the failed test run.
      child.kill('SIGINT');
      throw new Error(`MLSpace did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        await new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGINT');
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
