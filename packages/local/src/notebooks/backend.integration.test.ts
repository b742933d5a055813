import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, expect, test } from 'vitest';

import {
  UnavailableError,
  createComputeEventBus,
  type ComputeStatusEvent,
  type NotebookStatus,
} from '@mlspace/core';

import { createLocalNotebookBackend, type LocalNotebookBackend } from './backend';
import { notebookPaths, writeStored, type StoredNotebook } from './store';

const backends: LocalNotebookBackend[] = [];
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.shutdown()));
});

async function aBackend() {
  const notebooksDir = await mkdtemp(path.join(tmpdir(), 'mlspace-notebooks-'));
  const events = createComputeEventBus();
  const seen: ComputeStatusEvent[] = [];
  events.subscribe((event) => void seen.push(event));
  const backend = createLocalNotebookBackend({ notebooksDir, events });
  backends.push(backend);
  return { backend, notebooksDir, seen };
}

async function waitForStatus(backend: LocalNotebookBackend, name: string, status: NotebookStatus) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const description = await backend.describe(name);
    if (description?.status === status) return description;
    if (description?.status === 'Failed' && status !== 'Failed')
      throw new Error(description.failureReason);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} did not reach ${status}`);
}

const owner = { project: 'proj', username: 'alice' };

test('a notebook runs its lifecycle scripts, serves Jupyter with a token, and keeps its files across stop and start', async () => {
  const { backend, notebooksDir, seen } = await aBackend();
  await backend.create({
    name: 'nb1',
    owner,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: { onCreate: 'echo created > created.txt', onStart: 'echo hello from on-start' },
  });
  await waitForStatus(backend, 'nb1', 'InService');
  const target = backend.proxyTarget('nb1');
  expect(target).not.toBeNull();
  const base = `http://127.0.0.1:${target!.port}/notebooks/nb1`;
  expect((await fetch(`${base}/api/status`)).status).toBe(403);
  const contents = await fetch(`${base}/api/contents`, {
    headers: { authorization: `token ${target!.token}` },
  });
  expect(
    ((await contents.json()) as { content: { name: string }[] }).content.map((item) => item.name),
  ).toContain('created.txt');

  await backend.stop('nb1');
  expect((await backend.describe('nb1'))?.status).toBe('Stopped');
  expect(backend.proxyTarget('nb1')).toBeNull();
  await backend.start('nb1', owner, { onStart: 'echo started again' });
  await waitForStatus(backend, 'nb1', 'InService');
  expect(existsSync(path.join(notebooksDir, 'nb1', 'files', 'created.txt'))).toBe(true);

  const log = await backend.logs({ name: 'nb1' });
  const messages = log.lines.map((line) => line.message).join('\n');
  expect(messages).toContain('[on-start] hello from on-start');
  expect(messages).toContain('[on-start] started again');
  expect(messages).toContain('Jupyter Notebook is ready');
  expect(await backend.logs({ name: 'nb1', cursor: log.cursor })).toEqual({
    lines: [],
    cursor: log.cursor,
  });

  await backend.delete('nb1');
  expect(await backend.describe('nb1')).toBeNull();
  expect(existsSync(path.join(notebooksDir, 'nb1'))).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(seen.map((event) => event.status)).toEqual([
    'InService',
    'Stopping',
    'Stopped',
    'Pending',
    'InService',
    'Deleted',
  ]);
}, 60_000);

test('a failing on-create script fails the notebook with a reason', async () => {
  const { backend } = await aBackend();
  await backend.create({
    name: 'nb2',
    owner,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: { onCreate: 'exit 3' },
  });
  const failed = await waitForStatus(backend, 'nb2', 'Failed');
  expect(failed.failureReason).toBe(
    "The on-create script failed (exit code 3); see the notebook's log",
  );
});

test('missing Jupyter fails the create with the package to install', async () => {
  const notebooksDir = await mkdtemp(path.join(tmpdir(), 'mlspace-notebooks-'));
  const backend = createLocalNotebookBackend({
    notebooksDir,
    events: createComputeEventBus(),
    commands: { jupyter: '/nonexistent/jupyter-notebook', python: '/usr/bin/python3' },
  });
  const create = backend.create({
    name: 'nb3',
    owner,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
  await expect(create).rejects.toThrow(UnavailableError);
  await expect(create).rejects.toThrow('apt-get install jupyter-notebook python3-sklearn');
});

test('after a restart, notebooks that were running are recorded as stopped', async () => {
  const { backend, notebooksDir } = await aBackend();
  await backend.create({
    name: 'nb4',
    owner,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
  await waitForStatus(backend, 'nb4', 'InService');
  // Simulates a crash: the state file still says InService.
  const state = JSON.parse(
    await readFile(path.join(notebooksDir, 'nb4', 'notebook.json'), 'utf8'),
  ) as StoredNotebook;
  expect(state.status).toBe('InService');
  await backend.shutdown();
  const restarted = createLocalNotebookBackend({ notebooksDir, events: createComputeEventBus() });
  await writeStored(notebookPaths(notebooksDir, 'nb4'), { ...state, status: 'InService' });
  expect(await restarted.recover()).toEqual(['nb4']);
  expect((await restarted.describe('nb4'))?.status).toBe('Stopped');
}, 60_000);
