/**
 * Runs the idle script's Python (as a SageMaker notebook's cron would) against a Jupyter and an
 * MLSpace that answer over HTTP, with the instance's files in a temporary folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, expect, test } from 'vitest';

import { idleStopLifecycleScript } from './lifecycle-script';

const hasPython = spawnSync('python3', ['--version']).status === 0;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => server.close());
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

/** A Jupyter whose only activity was `idleMinutes` ago, its kernel `state`. */
function jupyter(idleMinutes: number, state = 'idle') {
  const at = new Date(Date.now() - idleMinutes * 60_000).toISOString();
  return createServer((request, response) => {
    const answers: Record<string, unknown> = {
      '/api/status': { last_activity: at },
      '/api/kernels': [{ execution_state: state, last_activity: at }],
      '/api/terminals': [],
    };
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(answers[request.url ?? ''] ?? {}));
  });
}

interface Report {
  authorization: string | undefined;
  body: { name: string; stopsAt: string | null };
}

function mlspace(reports: Report[]) {
  return createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/api/trpc/notebooks.reportIdle')
        reports.push({
          authorization: request.headers.authorization,
          body: JSON.parse(body) as Report['body'],
        });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ result: { data: null } }));
    });
  });
}

async function runScript(options: { idleMinutes: number; kernel?: string; warned?: boolean }) {
  const folder = mkdtempSync(join(tmpdir(), 'mlspace-idle-script-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  const reports: Report[] = [];
  const jupyterUrl = await listen(jupyter(options.idleMinutes, options.kernel));
  const apiUrl = await listen(mlspace(reports));
  writeFileSync(join(folder, 'token'), 'mls_0123456789abcdef_notebooksecret\n');
  writeFileSync(
    join(folder, 'environment'),
    `MLSPACE_API_URL=${apiUrl}\nMLSPACE_TOKEN_FILE=${join(folder, 'token')}\n`,
  );
  writeFileSync(
    join(folder, 'metadata.json'),
    JSON.stringify({
      ResourceName: 'nb-idle',
      ResourceArn: 'arn:aws:sagemaker:eu-west-1:1:notebook-instance/nb-idle',
    }),
  );
  if (options.warned) writeFileSync(join(folder, 'warned'), '');
  const script = idleStopLifecycleScript(60);
  const python = script
    .slice(
      script.indexOf("<<'MLSPACE_IDLE'\n") + "<<'MLSPACE_IDLE'\n".length,
      script.indexOf('\nMLSPACE_IDLE\n'),
    )
    .replace('BASE = "https://localhost:8443"', `BASE = "${jupyterUrl}"`)
    .replace(
      'METADATA = "/opt/ml/metadata/resource-metadata.json"',
      `METADATA = "${join(folder, 'metadata.json')}"`,
    )
    .replace('ENVIRONMENT = "/etc/environment"', `ENVIRONMENT = "${join(folder, 'environment')}"`)
    .replace(
      'WARNED = "/home/ec2-user/.mlspace/idle-warned"',
      `WARNED = "${join(folder, 'warned')}"`,
    );
  // The servers answer on this event loop, so the script runs as a child without blocking it.
  const result = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn('python3', ['-c', python]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status: number | null) => resolve({ status, stderr }));
  });
  return { ...result, reports, warnedAfter: existsSync(join(folder, 'warned')) };
}

test.skipIf(!hasPython)(
  'in the last ten minutes the script tells MLSpace when it will stop the notebook, with its own token',
  async () => {
    const run = await runScript({ idleMinutes: 55 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.reports).toHaveLength(1);
    expect(run.reports[0]?.authorization).toBe('Bearer mls_0123456789abcdef_notebooksecret');
    expect(run.reports[0]?.body.name).toBe('nb-idle');
    const stopsIn = Date.parse(run.reports[0]?.body.stopsAt ?? '') - Date.now();
    expect(stopsIn).toBeGreaterThan(4 * 60_000);
    expect(stopsIn).toBeLessThanOrEqual(5 * 60_000);
    expect(run.warnedAfter).toBe(true);
  },
);

test.skipIf(!hasPython)(
  'a notebook in use again withdraws the warning once; one never warned says nothing',
  async () => {
    const withdrawn = await runScript({ idleMinutes: 2, warned: true });
    expect(withdrawn.reports.map((report) => report.body.stopsAt)).toEqual([null]);
    expect(withdrawn.warnedAfter).toBe(false);
    const busy = await runScript({ idleMinutes: 55, kernel: 'busy', warned: true });
    expect(busy.reports.map((report) => report.body.stopsAt)).toEqual([null]);
    const quiet = await runScript({ idleMinutes: 2 });
    expect(quiet.reports).toEqual([]);
  },
);
