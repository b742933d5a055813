import http from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, expect, test } from 'vitest';

import type { UserView } from '@mlspace/core';
import { createLocalComputeBackend, type LocalComputeBackend } from '@mlspace/local';

import { createNotebookProxy } from '../src/local/notebook-proxy';
import { applyComputeEvents } from '../src/services/compute';
import { startSession } from '../src/services/sessions';
import type { ApiServices } from '../src/services';
import { callerFor, createTestServices, signedUpUser } from './harness';

const backends: LocalComputeBackend[] = [];
afterAll(async () => {
  await Promise.all(backends.map((backend) => backend.shutdown()));
});

let sequence = 0;

/** Services with a local compute backend in a temp dir, alice owning a project bob belongs to. */
async function aWorld() {
  const compute = createLocalComputeBackend({
    dataDir: await mkdtemp(path.join(tmpdir(), 'mlspace-api-nb-')),
  });
  backends.push(compute);
  const services = await createTestServices({ compute });
  applyComputeEvents(services.db, compute, (error) => {
    throw error;
  });
  const alice = await signedUpUser(services.db);
  const bob = await signedUpUser(services.db);
  const admin = await signedUpUser(services.db, { admin: true });
  sequence += 1;
  const project = `nbproj${sequence}${Math.random().toString(36).slice(2, 6)}`;
  await services.db.projects.create({
    name: project,
    description: 'Notebooks',
    createdBy: alice.username,
  });
  await services.db.membership.addUsers(project, [bob.username], 'member', alice.username);
  return { services, compute, alice, bob, admin, project };
}

async function waitForStatus(services: ApiServices, user: UserView, name: string, status: string) {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    const { notebook } = await callerFor(services, user).notebooks.get({ name });
    last = notebook.status;
    if (last === status) return notebook;
    if (last === 'Failed') throw new Error(notebook.failureReason ?? 'Failed');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} stayed ${last}, expected ${status}`);
}

const aName = () => `nb-${Math.random().toString(36).slice(2, 8)}`;

test('a member creates a notebook that goes InService, is listed, stops, starts and is deleted', async () => {
  const { services, alice, bob, project } = await aWorld();
  const name = aName();
  const created = await callerFor(services, bob).notebooks.create({
    project,
    name,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: { onStart: 'echo on-start ran' },
  });
  expect(created).toMatchObject({ name, project, owner: bob.username, status: 'Pending' });
  await waitForStatus(services, bob, name, 'InService');

  expect(
    (await callerFor(services, bob).notebooks.mine({})).items.map((item) => item.name),
  ).toEqual([name]);
  expect(
    (await callerFor(services, alice).notebooks.list({ project })).items.map((item) => item.name),
  ).toEqual([name]);
  expect((await callerFor(services, bob).notebooks.list({ project })).items).toHaveLength(1);

  const bobs = callerFor(services, bob);
  expect(await bobs.notebooks.open({ name })).toEqual({ url: `/notebooks/${name}/tree` });
  await expect(bobs.notebooks.delete({ name })).rejects.toThrow(
    `Notebook ${name} is InService; it can be deleted only when Stopped or Failed`,
  );
  await bobs.notebooks.stop({ name });
  expect((await bobs.notebooks.get({ name })).notebook.status).toBe('Stopped');
  await bobs.notebooks.update({ name, instanceType: 'ml.t3.large', volumeSizeGb: 10 });
  expect((await bobs.notebooks.get({ name })).notebook).toMatchObject({
    instanceType: 'ml.t3.large',
    volumeSizeGb: 10,
  });
  await bobs.notebooks.start({ name });
  await waitForStatus(services, bob, name, 'InService');
  const logs = await bobs.notebooks.logs({ name });
  expect(logs.lines.filter((line) => line.message === '[on-start] on-start ran')).toHaveLength(2);

  await bobs.notebooks.stop({ name });
  await bobs.notebooks.delete({ name });
  await expect(bobs.notebooks.get({ name })).rejects.toThrow(
    `There is no notebook named ${name} that you may see`,
  );
  expect((await bobs.notebooks.mine({})).items).toEqual([]);
});

test('only the creator starts or opens a notebook, admins included; owners may stop it', async () => {
  const { services, alice, bob, admin, project } = await aWorld();
  const name = aName();
  await callerFor(services, bob).notebooks.create({
    project,
    name,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
  await waitForStatus(services, bob, name, 'InService');
  await expect(callerFor(services, alice).notebooks.open({ name })).rejects.toThrow(
    "Only the notebook's creator may open it",
  );
  await expect(callerFor(services, admin).notebooks.open({ name })).rejects.toThrow(
    "Only the notebook's creator may open it",
  );
  const detail = await callerFor(services, alice).notebooks.get({ name });
  expect(detail.permissions).toEqual({ start: false, open: false, manage: true });
  await callerFor(services, alice).notebooks.stop({ name });
  await expect(callerFor(services, alice).notebooks.start({ name })).rejects.toThrow(
    "Only the notebook's creator may start it",
  );
  // Members see only their own notebooks in the project list.
  expect((await callerFor(services, bob).notebooks.list({ project })).items).toHaveLength(1);
  const other = aName();
  await callerFor(services, alice).notebooks.create({
    project,
    name: other,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
  expect(
    (await callerFor(services, bob).notebooks.list({ project })).items.map((item) => item.name),
  ).toEqual([name]);
  expect((await callerFor(services, alice).notebooks.list({ project })).items).toHaveLength(2);
});

test('a suspended project lets nobody start or open its notebooks, but they can still be stopped', async () => {
  const { services, alice, project } = await aWorld();
  const name = aName();
  await callerFor(services, alice).notebooks.create({
    project,
    name,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
  await waitForStatus(services, alice, name, 'InService');
  await services.db.projects.suspend(project, alice.username);
  await expect(callerFor(services, alice).notebooks.open({ name })).rejects.toThrow('suspended');
  await callerFor(services, alice).notebooks.stop({ name });
  await expect(callerFor(services, alice).notebooks.start({ name })).rejects.toThrow('suspended');
  await expect(
    callerFor(services, alice).notebooks.create({
      project,
      name: aName(),
      instanceType: 'ml.t3.medium',
      volumeSizeGb: 5,
      lifecycle: {},
    }),
  ).rejects.toThrow('suspended');
});

test('names follow SageMaker rules, are unique, and instance types come from the allowed list', async () => {
  const { services, alice, bob, project } = await aWorld();
  const caller = callerFor(services, alice);
  const base = { project, instanceType: 'ml.t3.medium', volumeSizeGb: 5, lifecycle: {} };
  await expect(caller.notebooks.create({ ...base, name: '-bad' })).rejects.toThrow(
    'must be 1 to 63 characters, letters, digits and hyphens, not starting or ending with a hyphen',
  );
  await expect(caller.notebooks.create({ ...base, name: 'a'.repeat(64) })).rejects.toThrow(
    'must be 1 to 63',
  );
  await expect(
    caller.notebooks.create({ ...base, name: aName(), instanceType: 'ml.p5.48xlarge' }),
  ).rejects.toThrow('instanceType: ml.p5.48xlarge is not allowed');
  const name = aName();
  await caller.notebooks.create({ ...base, name });
  await expect(callerFor(services, bob).notebooks.create({ ...base, name })).rejects.toThrow(
    `A notebook named ${name} already exists`,
  );
  const options = await caller.notebooks.options({ project });
  expect(options.instanceTypes).toContain('ml.t3.medium');
  expect(options.mayCreate).toBe(true);
});

test('the proxy serves Jupyter to the creator only, with the token added and never shown', async () => {
  const { services, compute, alice, bob, project } = await aWorld();
  const name = aName();
  await callerFor(services, alice).notebooks.create({
    project,
    name,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
  await waitForStatus(services, alice, name, 'InService');
  const proxy = createNotebookProxy(services, compute.notebooks);
  const server = http.createServer((req, res) => {
    void proxy.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const cookieFor = async (user: UserView) =>
    (await startSession(services, user, 'test')).map((cookie) => cookie.split(';')[0]).join('; ');
  try {
    const url = `http://127.0.0.1:${port}/notebooks/${name}/api/contents`;
    expect((await fetch(url)).status).toBe(401);
    const forBob = await fetch(url, { headers: { cookie: await cookieFor(bob) } });
    expect(forBob.status).toBe(403);
    expect(await forBob.text()).toContain('Only the notebook&#39;s creator may open it');
    const forAlice = await fetch(url, { headers: { cookie: await cookieFor(alice) } });
    expect(forAlice.status).toBe(200);
    const tree = await fetch(`http://127.0.0.1:${port}/notebooks/${name}/tree`, {
      headers: { cookie: await cookieFor(alice) },
    });
    expect(tree.status).toBe(200);
    const target = compute.notebooks.proxyTarget(name)!;
    expect(await tree.text()).not.toContain(target.token);
    const crossSite = await fetch(url, {
      headers: { cookie: await cookieFor(alice), origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
  } finally {
    server.close();
  }
});
