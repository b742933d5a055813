import { expect, test } from 'vitest';

import { ConflictError } from '@mlspace/core';

import { aName, createTestDb } from '../test/factories';

function aNotebook(project: string, owner: string, name = aName('nb')) {
  return {
    kind: 'notebook' as const,
    name,
    project,
    owner,
    status: 'Pending' as const,
    instanceType: 'ml.t3.medium',
  };
}

test('a registered resource is listed by project and by owner, newest first', async () => {
  const db = await createTestDb();
  const project = aName('proj');
  const first = await db.resources.register(aNotebook(project, 'alice'), 'alice');
  const second = await db.resources.register(aNotebook(project, 'bob'), 'bob');
  await db.resources.register(aNotebook(aName('other'), 'alice'), 'alice');

  const byProject = await db.resources.listByProject(project, 'notebook', { limit: 10 });
  expect(byProject.items.map((item) => item.name)).toEqual([second.name, first.name]);

  const alicesInProject = await db.resources.listByProject(project, 'notebook', {
    limit: 10,
    owner: 'alice',
  });
  expect(alicesInProject.items.map((item) => item.name)).toEqual([first.name]);

  const alices = await db.resources.listByOwner('alice', 'notebook', { limit: 10 });
  expect(alices.items).toHaveLength(2);
  expect(await db.resources.listByProject(project, 'endpoint', { limit: 10 })).toEqual({
    items: [],
    cursor: null,
  });
});

test('a project list pages oldest first and keeps only names containing the text, across pages', async () => {
  const db = await createTestDb();
  const project = aName('proj');
  const names = ['keep-a', 'drop-b', 'keep-c', 'keep-d'].map(
    (suffix) => `${aName('nb')}-${suffix}`,
  );
  for (const name of names) await db.resources.register(aNotebook(project, 'alice', name), 'alice');

  const oldest = await db.resources.listByProject(project, 'notebook', {
    limit: 10,
    order: 'oldest',
  });
  expect(oldest.items.map((item) => item.name)).toEqual(names);

  const first = await db.resources.listByProject(project, 'notebook', {
    limit: 2,
    order: 'oldest',
    nameContains: 'keep',
  });
  expect(first.items.map((item) => item.name)).toEqual([names[0], names[2]]);
  const second = await db.resources.listByProject(project, 'notebook', {
    limit: 2,
    order: 'oldest',
    nameContains: 'keep',
    cursor: first.cursor,
  });
  expect(second).toEqual({ items: [expect.objectContaining({ name: names[3] })], cursor: null });

  const mine = await db.resources.listByOwner('alice', 'notebook', {
    limit: 10,
    nameContains: 'drop',
  });
  expect(mine.items.map((item) => item.name)).toEqual([names[1]]);
});

test('a second resource of the same kind and name is a conflict', async () => {
  const db = await createTestDb();
  const notebook = aNotebook(aName('proj'), 'alice');
  await db.resources.register(notebook, 'alice');
  await expect(db.resources.register(notebook, 'alice')).rejects.toThrow(ConflictError);
});

test('status events update the record and its times, and never resurrect a deleted one', async () => {
  const db = await createTestDb();
  const notebook = await db.resources.register(aNotebook(aName('proj'), 'alice'), 'alice');
  const inService = await db.resources.applyStatus({
    kind: 'notebook',
    name: notebook.name,
    status: 'InService',
    at: '2030-01-01T10:00:00.000Z',
    metadata: { port: '9000' },
  });
  expect(inService).toMatchObject({
    status: 'InService',
    startedAt: '2030-01-01T10:00:00.000Z',
    metadata: { port: '9000' },
  });

  await db.resources.applyStatus({
    kind: 'notebook',
    name: notebook.name,
    status: 'Failed',
    at: '2030-01-01T11:00:00.000Z',
    failureReason: 'boom',
  });
  expect(await db.resources.get('notebook', notebook.name)).toMatchObject({
    status: 'Failed',
    failureReason: 'boom',
    stoppedAt: '2030-01-01T11:00:00.000Z',
  });

  await db.resources.applyStatus({
    kind: 'notebook',
    name: notebook.name,
    status: 'Stopped',
    at: '2030-01-01T12:00:00.000Z',
  });
  expect(await db.resources.get('notebook', notebook.name)).toMatchObject({
    status: 'Stopped',
    failureReason: null,
  });

  await db.resources.remove('notebook', notebook.name, 'alice');
  expect(
    await db.resources.applyStatus({
      kind: 'notebook',
      name: notebook.name,
      status: 'Deleting',
      at: '2030-01-01T13:00:00.000Z',
    }),
  ).toBeNull();
  expect(await db.resources.get('notebook', notebook.name)).toBeNull();
});

test('the schedule index holds only resources with a due time, and returns only those due', async () => {
  const db = await createTestDb();
  const project = aName('proj');
  const soon = await db.resources.register(
    { ...aNotebook(project, 'alice'), stopAt: '2030-01-01T10:00:00.000Z' },
    'alice',
  );
  const later = await db.resources.register(aNotebook(project, 'alice'), 'alice');
  await db.resources.setSchedule(
    'notebook',
    later.name,
    { stopAt: '2030-01-02T10:00:00.000Z' },
    'alice',
  );
  const never = await db.resources.register(aNotebook(project, 'alice'), 'alice');

  const dueFirstDay = await db.resources.listDue('2030-01-01T12:00:00.000Z', { limit: 100 });
  const names = dueFirstDay.items.map((item) => item.name);
  expect(names).toContain(soon.name);
  expect(names).not.toContain(later.name);
  expect(names).not.toContain(never.name);

  await db.resources.setSchedule('notebook', soon.name, { stopAt: null }, 'alice');
  const dueSecondDay = await db.resources.listDue('2030-01-02T12:00:00.000Z', { limit: 100 });
  expect(dueSecondDay.items.map((item) => item.name)).toContain(later.name);
  expect(dueSecondDay.items.map((item) => item.name)).not.toContain(soon.name);
  expect(await db.resources.get('notebook', soon.name)).toMatchObject({ stopAt: null });
});

test('an update changes settings and status and is audited', async () => {
  const db = await createTestDb();
  const notebook = await db.resources.register(aNotebook(aName('proj'), 'alice'), 'alice');
  const updated = await db.resources.update(
    'notebook',
    notebook.name,
    { instanceType: 'ml.t3.large', spec: { volumeSizeGb: 10 } },
    'alice',
    'notebook.updated',
  );
  expect(updated).toMatchObject({ instanceType: 'ml.t3.large', spec: { volumeSizeGb: 10 } });
  const audit = await db.audit.list({ targetType: 'notebook', targetId: notebook.name, limit: 10 });
  expect(audit.items.map((event) => event.action)).toEqual([
    'notebook.updated',
    'notebook.created',
  ]);
});
