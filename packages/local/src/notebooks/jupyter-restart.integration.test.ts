import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, expect, test } from 'vitest';

import { createComputeEventBus, type NotebookStatus } from '@mlspace/core';

import { createLocalNotebookBackend, type LocalNotebookBackend } from './backend';
import { notebookPaths } from './store';

const backends: LocalNotebookBackend[] = [];
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.shutdown()));
});

async function waitForStatus(backend: LocalNotebookBackend, name: string, status: NotebookStatus) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const description = await backend.describe(name);
    if (description?.status === status) return description;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not reach ${status}`);
}

/** The Jupyter server process serving `name` from `notebooksDir`, found by its command line. */
async function jupyterPid(notebooksDir: string, name: string): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (
        cmdline.includes(`--NotebookApp.base_url=/notebooks/${name}/`) &&
        cmdline.includes(notebooksDir)
      )
        return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  throw new Error(`no Jupyter serves ${name}`);
}

test(
  'Jupyter killed while a notebook is in service is started again and serves on a new port',
  { timeout: 300_000 },
  async () => {
    const notebooksDir = await mkdtemp(path.join(tmpdir(), 'mlspace-notebooks-'));
    const backend = createLocalNotebookBackend({
      notebooksDir,
      events: createComputeEventBus(),
      readyTimeoutMs: 120_000,
    });
    backends.push(backend);
    await backend.create({
      name: 'nb1',
      owner: { project: 'proj', username: 'alice' },
      instanceType: 'ml.t3.medium',
      volumeSizeGb: 5,
      lifecycle: {},
    });
    await waitForStatus(backend, 'nb1', 'InService');
    const before = backend.proxyTarget('nb1')!;

    process.kill(await jupyterPid(notebooksDir, 'nb1'), 'SIGKILL');
    await waitForStatus(backend, 'nb1', 'Pending');
    await waitForStatus(backend, 'nb1', 'InService');

    const after = backend.proxyTarget('nb1')!;
    const status = await fetch(`http://127.0.0.1:${after.port}/notebooks/nb1/api/status`, {
      headers: { authorization: `token ${after.token}` },
    });
    expect(status.status).toBe(200);
    expect(after.port).not.toBe(before.port);
    expect(await readFile(notebookPaths(notebooksDir, 'nb1').log, 'utf8')).toMatch(
      /Jupyter exited unexpectedly \(SIGKILL\); restarting it \(1 of 3\)/,
    );
  },
);
