import { expect, test } from 'vitest';

import type { ComputeKind, ComputeStatus } from '@mlspace/core';

import { aName, createTestDb } from '../test/factories';

function aResource(kind: ComputeKind, status: ComputeStatus, project: string, owner: string) {
  return {
    kind,
    name: aName(kind.toLowerCase()),
    project,
    owner,
    status,
    instanceType: kind === 'notebook' ? 'ml.t3.medium' : 'ml.m5.large',
  };
}

const event = (kind: ComputeKind, name: string, status: ComputeStatus | 'Deleted') => ({
  kind,
  name,
  status,
  at: new Date().toISOString(),
});

test('a resource is listed as running from the status that starts it until the status that ends it', async () => {
  const db = await createTestDb();
  const project = aName('proj');
  const notebook = await db.resources.register(
    aResource('notebook', 'Pending', project, 'alice'),
    'alice',
  );
  const names = async () =>
    (await db.running.listByProject(project, { limit: 10 })).items.map((item) => item.name);
  expect(await names()).toEqual([notebook.name]);

  await db.resources.applyStatus(event('notebook', notebook.name, 'InService'));
  const running = await db.running.listByProject(project, { limit: 10 });
  expect(running.items.map((item) => [item.name, item.status])).toEqual([
    [notebook.name, 'InService'],
  ]);

  await db.resources.applyStatus(event('notebook', notebook.name, 'Stopped'));
  expect(await names()).toEqual([]);
  await db.resources.applyStatus(event('notebook', notebook.name, 'Pending'));
  expect(await names()).toEqual([notebook.name]);
});

test('models, endpoint configurations and finished jobs are never listed as running', async () => {
  const db = await createTestDb();
  const project = aName('proj');
  await db.resources.register(aResource('model', 'Created', project, 'alice'), 'alice');
  await db.resources.register(aResource('endpointConfig', 'Created', project, 'alice'), 'alice');
  const job = await db.resources.register(
    aResource('trainingJob', 'InProgress', project, 'alice'),
    'alice',
  );
  await db.resources.applyStatus(event('trainingJob', job.name, 'Completed'));
  expect((await db.running.listByProject(project, { limit: 10 })).items).toEqual([]);
});

test('a user lists their own running resources across projects and no one else’s', async () => {
  const db = await createTestDb();
  const owner = aName('user');
  const [first, second] = [aName('proj'), aName('proj')];
  const notebook = await db.resources.register(
    aResource('notebook', 'InService', first, owner),
    owner,
  );
  const endpoint = await db.resources.register(
    aResource('endpoint', 'Creating', second, owner),
    owner,
  );
  await db.resources.register(aResource('notebook', 'InService', first, aName('user')), 'someone');

  const mine = await db.running.listByOwner(owner, { limit: 10 });
  expect(mine.items.map((item) => item.name).sort()).toEqual([notebook.name, endpoint.name].sort());
});

test('a deleted resource leaves no running marker, whether removed by a user or by a Deleted event', async () => {
  const db = await createTestDb();
  const project = aName('proj');
  const removed = await db.resources.register(
    aResource('endpoint', 'InService', project, 'alice'),
    'alice',
  );
  const vanished = await db.resources.register(
    aResource('notebook', 'InService', project, 'alice'),
    'alice',
  );
  await db.resources.remove('endpoint', removed.name, 'alice');
  await db.resources.applyStatus(event('notebook', vanished.name, 'Deleted'));
  expect((await db.running.listByProject(project, { limit: 10 })).items).toEqual([]);
  expect(
    (await db.running.listByOwner('alice', { limit: 10 })).items.filter(
      (item) => item.project === project,
    ),
  ).toEqual([]);
});

test('a user’s stop request keeps the resource running until the backend says it stopped', async () => {
  const db = await createTestDb();
  const project = aName('proj');
  const job = await db.resources.register(
    aResource('transformJob', 'InProgress', project, 'alice'),
    'alice',
  );
  await db.resources.update(
    'transformJob',
    job.name,
    { status: 'Stopping' },
    'alice',
    'transformJob.stopped',
  );
  expect((await db.running.listByProject(project, { limit: 10 })).items).toHaveLength(1);
  await db.resources.applyStatus(event('transformJob', job.name, 'Stopped'));
  expect((await db.running.listByProject(project, { limit: 10 })).items).toHaveLength(0);
});

test('a running list pages with a cursor and misses nothing', async () => {
  const db = await createTestDb();
  const project = aName('proj');
  const created = [];
  for (let index = 0; index < 5; index += 1)
    created.push(
      await db.resources.register(aResource('notebook', 'InService', project, 'alice'), 'alice'),
    );
  const first = await db.running.listByProject(project, { limit: 3 });
  const second = await db.running.listByProject(project, { limit: 3, cursor: first.cursor });
  expect(first.items).toHaveLength(3);
  expect(second.cursor).toBeNull();
  expect([...first.items, ...second.items].map((item) => item.name).sort()).toEqual(
    created.map((item) => item.name).sort(),
  );
});

test('a project counts its resources per kind, including those that no longer run', async () => {
  const db = await createTestDb();
  const project = aName('proj');
  const job = await db.resources.register(
    aResource('trainingJob', 'InProgress', project, 'alice'),
    'alice',
  );
  await db.resources.applyStatus(event('trainingJob', job.name, 'Completed'));
  await db.resources.register(aResource('trainingJob', 'InProgress', project, 'bob'), 'bob');
  await db.resources.register(aResource('notebook', 'Stopped', project, 'bob'), 'bob');
  await db.resources.register(aResource('notebook', 'Stopped', aName('proj'), 'bob'), 'bob');
  const counts = await db.running.countByProject(project);
  expect(counts).toMatchObject({ trainingJob: 2, notebook: 1, endpoint: 0, model: 0 });
});
