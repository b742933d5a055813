import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, expect, test } from 'vitest';

import type { UserView } from '@mlspace/core';
import { createLocalComputeBackend, debianJupyter, type LocalComputeBackend } from '@mlspace/local';

import { createSweep } from '../src/jobs/sweep';
import { applyComputeEvents } from '../src/services/compute';
import type { ApiServices } from '../src/services';
import { callerFor, createTestServices, signedUpUser } from './harness';

const backends: LocalComputeBackend[] = [];
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.shutdown()));
});

async function waitForStatus(services: ApiServices, user: UserView, name: string, status: string) {
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    const { notebook } = await callerFor(services, user).notebooks.get({ name });
    last = notebook.status;
    if (last === status) return notebook;
    if (last === 'Failed') throw new Error(notebook.failureReason ?? 'Failed');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} stayed ${last}, expected ${status}`);
}

/**
 * Starts a kernel in the notebook's Jupyter and keeps it computing: a Python client (Tornado, which
 * Jupyter itself runs on) sends an execute_request for a long sleep over the kernel's channels.
 */
async function busyKernel(baseUrl: string, token: string): Promise<void> {
  const started = await fetch(`${baseUrl}api/kernels`, {
    method: 'POST',
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'python3' }),
  });
  if (!started.ok) throw new Error(`Jupyter refused a kernel: ${started.status}`);
  const { id } = (await started.json()) as { id: string };
  const channels = `${baseUrl.replace('http', 'ws')}api/kernels/${id}/channels?token=${token}`;
  const client = `
import json, sys, uuid
from tornado import ioloop, websocket
async def main():
    connection = await websocket.websocket_connect(sys.argv[1])
    header = {"msg_id": uuid.uuid4().hex, "username": "test", "session": uuid.uuid4().hex,
              "msg_type": "execute_request", "version": "5.3", "date": ""}
    content = {"code": "import time\\ntime.sleep(600)", "silent": False, "store_history": False,
               "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
    await connection.write_message(json.dumps({"header": header, "parent_header": {}, "metadata": {},
                                               "content": content, "channel": "shell"}))
    while True:
        message = json.loads(await connection.read_message())
        if message.get("msg_type") == "status" and message["content"]["execution_state"] == "busy":
            return
ioloop.IOLoop.current().run_sync(main, timeout=60)
`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(debianJupyter.python, ['-c', client, channels], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the kernel client failed: ${stderr}`)),
    );
  });
}

test('a notebook idle for its timeout is stopped with the reason, after a warning; one whose kernel computes keeps running', async () => {
  const compute = createLocalComputeBackend({
    dataDir: await mkdtemp(path.join(tmpdir(), 'mlspace-api-idle-')),
  });
  backends.push(compute);
  const services = await createTestServices({ compute });
  applyComputeEvents(services.db, compute, (error) => {
    throw error;
  });
  const owner = await signedUpUser(services.db);
  const project = `idle${Math.random().toString(36).slice(2, 8)}`;
  await callerFor(services, owner).projects.create({ name: project, description: '' });
  const controls = await callerFor(services, owner).projects.costControls({ project });
  await callerFor(services, owner).projects.updateCostControls({
    project,
    notebook: { ...controls.notebook, idleTimeoutMinutes: 60 },
    endpoint: controls.endpoint,
    emrCluster: controls.emrCluster,
  });
  for (const name of ['left-idle', 'computing'])
    await callerFor(services, owner).notebooks.create({
      project,
      name,
      instanceType: 'ml.t3.medium',
      volumeSizeGb: 5,
      lifecycle: {},
    });
  await waitForStatus(services, owner, 'left-idle', 'InService');
  await waitForStatus(services, owner, 'computing', 'InService');
  const target = compute.notebooks.proxyTarget('computing');
  if (!target) throw new Error('the computing notebook has no Jupyter');
  await busyKernel(`http://127.0.0.1:${target.port}/notebooks/computing/`, target.token);

  // The clock the sweep reads is moved; Jupyter's own activity times stay real.
  const later = (minutes: number) => () => new Date(Date.now() + minutes * 60_000);
  const warned = await createSweep({ db: services.db, compute, now: later(55) }).run();
  expect(warned.idleWarned).toEqual(['left-idle']);
  const warning = (await callerFor(services, owner).notebooks.get({ name: 'left-idle' })).notebook;
  expect(warning.idleStopAt).not.toBeNull();
  expect(new Date(warning.idleStopAt!).getTime()).toBeGreaterThan(Date.now() + 4 * 60_000);

  const swept = await createSweep({ db: services.db, compute, now: later(61) }).run();

  expect(swept.idleStopped).toEqual(['left-idle']);
  expect(swept.failed).toEqual([]);
  const stopped = await waitForStatus(services, owner, 'left-idle', 'Stopped');
  expect(stopped.stopReason).toBe('Stopped after 60 minutes idle');
  expect(stopped.idleStopAt).toBeNull();
  const computing = (await callerFor(services, owner).notebooks.get({ name: 'computing' }))
    .notebook;
  expect(computing.status).toBe('InService');
  expect(computing.stopReason).toBeNull();

  // Started again, the notebook no longer shows why it was stopped.
  await callerFor(services, owner).notebooks.start({ name: 'left-idle' });
  expect(
    (await callerFor(services, owner).notebooks.get({ name: 'left-idle' })).notebook.stopReason,
  ).toBeNull();
}, 240_000);
