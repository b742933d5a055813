import { expect, test } from 'vitest';

import type { ComputeStatus } from '@mlspace/core';

import { aName, createTestDb } from '../test/factories';

async function aTrainingJob(db: Awaited<ReturnType<typeof createTestDb>>) {
  return db.resources.register(
    {
      kind: 'trainingJob',
      name: aName('train'),
      project: aName('proj'),
      owner: 'alice',
      status: 'InProgress',
      instanceType: 'ml.m5.xlarge',
    },
    'alice',
  );
}

const report = (name: string, status: ComputeStatus | 'Deleted', at: string) => ({
  kind: 'trainingJob' as const,
  name,
  status,
  at,
});

test('the same status report applied twice changes nothing the second time', async () => {
  const db = await createTestDb();
  const job = await aTrainingJob(db);
  await db.resources.applyStatus({
    ...report(job.name, 'Completed', '2030-01-01T10:00:00.000Z'),
    metadata: { arn: 'arn:first' },
  });
  const first = await db.resources.get('trainingJob', job.name);

  const again = await db.resources.applyStatus({
    ...report(job.name, 'Completed', '2030-01-01T10:00:00.000Z'),
    metadata: { arn: 'arn:second' },
  });

  expect(again).toEqual(first);
  expect(await db.resources.get('trainingJob', job.name)).toEqual(first);
});

test('a status report older than the applied one does not move the status back', async () => {
  const db = await createTestDb();
  const job = await aTrainingJob(db);
  await db.resources.applyStatus(report(job.name, 'Failed', '2030-01-01T10:05:00.000Z'));

  await db.resources.applyStatus(report(job.name, 'InProgress', '2030-01-01T10:00:00.000Z'));

  expect(await db.resources.get('trainingJob', job.name)).toMatchObject({
    status: 'Failed',
    stoppedAt: '2030-01-01T10:05:00.000Z',
  });
});

test('reports are ordered by their instant whatever precision they are written in', async () => {
  const db = await createTestDb();
  const job = await aTrainingJob(db);
  // EventBridge writes whole seconds ("…:05Z"), MLSpace milliseconds ("…:05.000Z").
  await db.resources.applyStatus(report(job.name, 'Stopped', '2030-01-01T10:00:05Z'));
  await db.resources.applyStatus(report(job.name, 'Stopping', '2030-01-01T10:00:04.900Z'));

  expect((await db.resources.get('trainingJob', job.name))?.status).toBe('Stopped');
});

test('two different statuses reported at the same instant are both applied, in arrival order', async () => {
  const db = await createTestDb();
  const job = await aTrainingJob(db);
  await db.resources.applyStatus(report(job.name, 'Stopping', '2030-01-01T10:00:00.000Z'));
  await db.resources.applyStatus(report(job.name, 'Stopped', '2030-01-01T10:00:00.000Z'));

  expect((await db.resources.get('trainingJob', job.name))?.status).toBe('Stopped');
});

test('a Deleted report from before the record was made (an earlier namesake) keeps the record', async () => {
  const db = await createTestDb();
  const job = await aTrainingJob(db);

  expect(
    await db.resources.applyStatus(report(job.name, 'Deleted', '2020-01-01T00:00:00.000Z')),
  ).toMatchObject({ name: job.name });
  expect(await db.resources.get('trainingJob', job.name)).not.toBeNull();
});

test('a Deleted report older than the applied status keeps the record; a newer one removes it', async () => {
  const db = await createTestDb();
  const job = await aTrainingJob(db);
  await db.resources.applyStatus(report(job.name, 'Completed', '2030-01-01T10:05:00.000Z'));

  await db.resources.applyStatus(report(job.name, 'Deleted', '2030-01-01T10:00:00.000Z'));
  expect(await db.resources.get('trainingJob', job.name)).not.toBeNull();

  await db.resources.applyStatus(report(job.name, 'Deleted', '2030-01-01T10:06:00.000Z'));
  expect(await db.resources.get('trainingJob', job.name)).toBeNull();
});

test('an event observed before a status the user caused does not overwrite it (update set no statusAt, so an older Stopping event could win)', async () => {
  const db = await createTestDb();
  const job = await aTrainingJob(db);
  const before = new Date(Date.now() - 60_000).toISOString();
  await db.resources.applyStatus(report(job.name, 'InProgress', before));

  await db.resources.update(
    'trainingJob',
    job.name,
    { status: 'Stopping' },
    'alice',
    'trainingJob.stop',
  );
  await db.resources.applyStatus(
    report(job.name, 'InProgress', new Date(Date.now() - 30_000).toISOString()),
  );

  expect(await db.resources.get('trainingJob', job.name)).toMatchObject({ status: 'Stopping' });
  await db.resources.applyStatus(
    report(job.name, 'Stopped', new Date(Date.now() + 1000).toISOString()),
  );
  expect(await db.resources.get('trainingJob', job.name)).toMatchObject({ status: 'Stopped' });
});
