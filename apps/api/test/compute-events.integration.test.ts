import { expect, test } from 'vitest';

import type { ComputeKind, ComputeStatus } from '@mlspace/core';
import {
  endpointStateChange,
  modelStateChange,
  notebookInstanceStateChange,
  trainingJobStateChange,
  transformJobStateChange,
  tuningJobStateChange,
  type SageMakerStateChange,
  type StateChangeOptions,
} from '@mlspace/testing';

import { processComputeEvent } from '../src/jobs/compute-events';
import { createTestServices } from './harness';

type Db = Awaited<ReturnType<typeof createTestServices>>['db'];

async function registered(db: Db, kind: ComputeKind, status: ComputeStatus) {
  const name = `${kind.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
  await db.resources.register(
    { kind, name, project: 'vision', owner: 'alice', status, instanceType: 'ml.m5.xlarge' },
    'alice',
  );
  return name;
}

const apply = (db: Db, event: SageMakerStateChange) => processComputeEvent(db, event, 'MLSpace');
const inASecond = () => new Date(Date.now() + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Each event type the rule subscribes that carries a status, from a registered status to the next. */
const kinds: {
  kind: ComputeKind;
  from: ComputeStatus;
  to: ComputeStatus;
  event: (name: string, options?: StateChangeOptions) => SageMakerStateChange;
}[] = [
  {
    kind: 'notebook',
    from: 'Pending',
    to: 'InService',
    event: (name, options) => notebookInstanceStateChange(name, 'InService', options),
  },
  {
    kind: 'trainingJob',
    from: 'InProgress',
    to: 'Completed',
    event: (name, options) => trainingJobStateChange(name, 'Completed', options),
  },
  {
    kind: 'hpoJob',
    from: 'InProgress',
    to: 'Completed',
    event: (name, options) => tuningJobStateChange(name, 'Completed', options),
  },
  {
    kind: 'transformJob',
    from: 'InProgress',
    to: 'Failed',
    event: (name, options) =>
      transformJobStateChange(name, 'Failed', { failureReason: 'ClientError', ...options }),
  },
  {
    kind: 'endpoint',
    from: 'Creating',
    to: 'InService',
    event: (name, options) => endpointStateChange(name, 'IN_SERVICE', options),
  },
];

test.each(kinds)('a $kind state change updates the record it names', async (kind) => {
  const { db } = await createTestServices();
  const name = await registered(db, kind.kind, kind.from);
  const bystander = await registered(db, kind.kind, kind.from);

  expect(await apply(db, kind.event(name))).toEqual({ outcome: 'applied' });

  const record = await db.resources.get(kind.kind, name);
  expect(record?.status).toBe(kind.to);
  expect(record?.metadata.arn).toMatch(new RegExp(`/${name.toLowerCase()}$`));
  expect((await db.resources.get(kind.kind, bystander))?.status).toBe(kind.from);
});

test.each(kinds)(
  'a duplicate $kind state change, and an older one arriving late, change nothing',
  async (kind) => {
    const { db } = await createTestServices();
    const name = await registered(db, kind.kind, kind.from);
    await apply(db, kind.event(name, { time: '2026-11-30T10:05:00Z' }));
    const applied = await db.resources.get(kind.kind, name);

    expect(await apply(db, kind.event(name, { time: '2026-11-30T10:05:00Z' }))).toEqual({
      outcome: 'unchanged',
    });
    expect(await db.resources.get(kind.kind, name)).toEqual(applied);

    // The status the resource had before, reported at an earlier time, is delivered last.
    const late = kind.event(name, { time: '2026-11-30T10:00:00Z' });
    const statusField = Object.keys(late.detail).find((field) => field.endsWith('Status'))!;
    late.detail[statusField] = kind.kind === 'endpoint' ? 'CREATING' : kind.from;
    expect(await apply(db, late)).toEqual({ outcome: 'unchanged' });
    expect(await db.resources.get(kind.kind, name)).toEqual(applied);
  },
);

test('a training job keeps its model artefact and a failed transform job its reason', async () => {
  const { db } = await createTestServices();
  const training = await registered(db, 'trainingJob', 'InProgress');
  const transform = await registered(db, 'transformJob', 'InProgress');

  await apply(db, trainingJobStateChange(training, 'Completed'));
  await apply(db, transformJobStateChange(transform, 'Failed', { failureReason: 'ClientError' }));

  expect((await db.resources.get('trainingJob', training))?.metadata).toMatchObject({
    modelArtifactsS3Uri: `s3://mlspace-data/project/vision/training/${training}/output/model.tar.gz`,
    secondaryStatus: 'Completed',
  });
  expect(await db.resources.get('transformJob', transform)).toMatchObject({
    status: 'Failed',
    failureReason: 'ClientError',
  });
});

test('an endpoint reported DELETED, without tags as SageMaker sends it, loses its record', async () => {
  const { db } = await createTestServices();
  const name = await registered(db, 'endpoint', 'Deleting');
  // After the record was made: a removal from before it is about an earlier namesake.
  const gone = endpointStateChange(name, 'DELETED', { time: inASecond() });
  delete gone.detail.Tags;

  expect(await apply(db, gone)).toEqual({ outcome: 'applied' });
  expect(await db.resources.get('endpoint', name)).toBeNull();
  expect(
    await apply(db, endpointStateChange(name, 'DELETING', { time: inASecond() })),
  ).toMatchObject({
    outcome: 'ignored',
  });
  expect(await db.resources.get('endpoint', name)).toBeNull();
});

test('other systems, unknown resources and stateless events change no record', async () => {
  const { db } = await createTestServices();
  const name = await registered(db, 'trainingJob', 'InProgress');
  const other = { system: 'SomeoneElse', project: 'vision', user: 'alice' };

  expect(await apply(db, trainingJobStateChange(name, 'Failed', { tags: other }))).toEqual({
    outcome: 'ignored',
    reason: 'the resource belongs to another system (SomeoneElse)',
  });
  expect(await apply(db, trainingJobStateChange('never-registered', 'Completed'))).toEqual({
    outcome: 'ignored',
    reason: 'the trainingJob never-registered is tagged with project vision, which does not exist',
  });
  // A model event now registers an SDK-made model, but only for an existing project's member.
  expect(await apply(db, modelStateChange(name))).toEqual({
    outcome: 'ignored',
    reason: `the model ${name} is tagged with project vision, which does not exist`,
  });
  expect((await db.resources.get('trainingJob', name))?.status).toBe('InProgress');
});
