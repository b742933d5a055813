import { expect, test } from 'vitest';

import type { ComputeKind, ComputeStatus } from '@mlspace/core';

import { aName, createTestDb } from '../test/factories';

function aResource(kind: ComputeKind, status: ComputeStatus) {
  return { kind, name: aName(kind.toLowerCase()), project: aName('proj'), owner: 'alice', status };
}

async function unsettledNames(db: Awaited<ReturnType<typeof createTestDb>>, cutoff: string) {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await db.unsettled.listSince(cutoff, { cursor, limit: 100 });
    names.push(...page.items.map((item) => item.name));
    cursor = page.cursor;
  } while (cursor);
  return names;
}

const farFuture = '2999-01-01T00:00:00.000Z';

test('a resource is listed as unsettled from the status that starts a transition until it settles', async () => {
  const db = await createTestDb();
  const notebook = await db.resources.register(aResource('notebook', 'Pending'), 'alice');
  expect(await unsettledNames(db, farFuture)).toContain(notebook.name);

  await db.resources.applyStatus({
    kind: 'notebook',
    name: notebook.name,
    status: 'InService',
    at: new Date().toISOString(),
  });
  expect(await unsettledNames(db, farFuture)).not.toContain(notebook.name);

  await db.resources.update('notebook', notebook.name, { status: 'Stopping' }, 'alice', 'stop');
  expect(await unsettledNames(db, farFuture)).toContain(notebook.name);

  await db.resources.remove('notebook', notebook.name, 'alice');
  expect(await unsettledNames(db, farFuture)).not.toContain(notebook.name);
});

test('a resource that settles and is deleted by a report leaves no unsettled marker', async () => {
  const db = await createTestDb();
  const job = await db.resources.register(aResource('trainingJob', 'InProgress'), 'alice');
  const endpoint = await db.resources.register(aResource('endpoint', 'Creating'), 'alice');
  const model = await db.resources.register(aResource('model', 'Created'), 'alice');
  expect(await unsettledNames(db, farFuture)).toEqual(
    expect.arrayContaining([job.name, endpoint.name]),
  );
  expect(await unsettledNames(db, farFuture)).not.toContain(model.name);

  const at = new Date().toISOString();
  await db.resources.applyStatus({ kind: 'trainingJob', name: job.name, status: 'Completed', at });
  await db.resources.applyStatus({ kind: 'endpoint', name: endpoint.name, status: 'Deleted', at });
  const names = await unsettledNames(db, farFuture);
  expect(names).not.toContain(job.name);
  expect(names).not.toContain(endpoint.name);
});

test('only resources unsettled since the cutoff or earlier are listed', async () => {
  const db = await createTestDb();
  const before = new Date(Date.now() - 1000).toISOString();
  const job = await db.resources.register(aResource('transformJob', 'InProgress'), 'alice');

  expect(await unsettledNames(db, before)).not.toContain(job.name);
  expect(await unsettledNames(db, farFuture)).toContain(job.name);
});
