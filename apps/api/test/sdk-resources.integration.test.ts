import { expect, test } from 'vitest';

import {
  endpointStateChange,
  modelStateChange,
  notebookInstanceStateChange,
  trainingJobStateChange,
  transformJobStateChange,
  tuningJobStateChange,
} from '@mlspace/testing';

import { processComputeEvent } from '../src/jobs/compute-events';
import { createTestServices, signedUpUser } from './harness';

type Db = Awaited<ReturnType<typeof createTestServices>>['db'];

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

/** A project with alice as owner and bob as a mere user of the deployment. */
async function aProject(db: Db) {
  const alice = await signedUpUser(db);
  const bob = await signedUpUser(db);
  const project = `vision${Math.random().toString(36).slice(2, 8)}`;
  await db.projects.create({ name: project, description: '', createdBy: alice.username });
  const tags = { system: 'MLSpace', project, user: alice.username };
  return { project, alice: alice.username, bob: bob.username, tags };
}

const apply = (db: Db, event: Parameters<typeof processComputeEvent>[1]) =>
  processComputeEvent(db, event, 'MLSpace');

test("a training job started from a notebook with the SDK appears in its project's list, attributed to its user (events for resources without a record were dropped)", async () => {
  const { db } = await createTestServices();
  const { project, alice, tags } = await aProject(db);
  const name = unique('sdk-train');

  expect(await apply(db, trainingJobStateChange(name, 'InProgress', { tags }))).toEqual({
    outcome: 'registered',
  });

  const listed = await db.resources.listByProject(project, 'trainingJob', { limit: 10 });
  expect(listed.items.map((item) => item.name)).toEqual([name]);
  expect(await db.resources.get('trainingJob', name)).toMatchObject({
    project,
    owner: alice,
    status: 'InProgress',
    instanceType: 'ml.m5.xlarge',
    instanceCount: 1,
  });
  // Later events update the record as for any other.
  const later = new Date(Date.now() + 1000).toISOString();
  expect(await apply(db, trainingJobStateChange(name, 'Completed', { tags, time: later }))).toEqual(
    { outcome: 'applied' },
  );
  expect((await db.resources.get('trainingJob', name))?.status).toBe('Completed');
  const audit = await db.audit.list({ targetType: 'trainingJob', targetId: name, limit: 5 });
  expect(audit.items.map((item) => [item.action, item.actor])).toEqual([
    ['trainingJob.created', alice],
  ]);
});

test('every kind the events job follows is registered from its own event, with the size its detail gives', async () => {
  const { db } = await createTestServices();
  const { tags } = await aProject(db);
  const events = [
    ['notebook', notebookInstanceStateChange(unique('nb'), 'Pending', { tags })],
    ['hpoJob', tuningJobStateChange(unique('hpo'), 'InProgress', { tags })],
    ['transformJob', transformJobStateChange(unique('tr'), 'InProgress', { tags })],
    ['endpoint', endpointStateChange(unique('ep'), 'CREATING', { tags })],
  ] as const;
  for (const [kind, event] of events) {
    expect(await apply(db, event), kind).toEqual({ outcome: 'registered' });
    const name = Object.entries(event.detail).find(
      ([key]) => key.endsWith('Name') && !key.startsWith('EndpointConfig'),
    )?.[1] as string;
    expect(await db.resources.get(kind, name), kind).toMatchObject({ project: tags.project });
  }
});

test('a resource tagged for a user who is not a member, or for a project that does not exist, is not registered', async () => {
  const { db } = await createTestServices();
  const { tags, bob } = await aProject(db);

  expect(
    await apply(
      db,
      trainingJobStateChange(unique('t'), 'InProgress', { tags: { ...tags, user: bob } }),
    ),
  ).toMatchObject({
    outcome: 'ignored',
    reason: expect.stringContaining('not a member') as string,
  });
  expect(
    await apply(
      db,
      trainingJobStateChange(unique('t'), 'InProgress', { tags: { ...tags, project: 'nowhere' } }),
    ),
  ).toMatchObject({
    outcome: 'ignored',
    reason: expect.stringContaining('does not exist') as string,
  });
});

test('a late event for a resource deleted in MLSpace does not bring its record back', async () => {
  const { db } = await createTestServices();
  const { project, alice, tags } = await aProject(db);
  const name = unique('made-in-portal');
  await db.resources.register(
    { kind: 'trainingJob', name, project, owner: alice, status: 'Completed' },
    alice,
  );
  await db.resources.remove('trainingJob', name, alice);

  expect(await apply(db, trainingJobStateChange(name, 'InProgress', { tags }))).toMatchObject({
    outcome: 'ignored',
  });
  expect(await db.resources.get('trainingJob', name)).toBeNull();
});

test('a model and an endpoint configuration made with the SDK are registered from their events, with the configuration’s instances, and a model deleted with the SDK goes (their events were ignored)', async () => {
  const { db } = await createTestServices();
  const { project, alice, tags } = await aProject(db);
  const model = unique('sdk-model');
  const config = unique('sdk-config');

  expect(await apply(db, modelStateChange(model, { tags }))).toEqual({ outcome: 'registered' });
  const configEvent = {
    ...modelStateChange(config, { tags }),
    'detail-type': 'SageMaker Endpoint Config State Change',
    detail: {
      EndpointConfigName: config,
      EndpointConfigArn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/${config}`,
      ProductionVariants: [
        {
          VariantName: 'all',
          ModelName: model,
          InstanceType: 'ml.m5.large',
          InitialInstanceCount: 2,
        },
      ],
      CreationTime: 1_764_500_000_000,
      Tags: tags,
    },
  };
  expect(await apply(db, configEvent)).toEqual({ outcome: 'registered' });

  expect(await db.resources.get('model', model)).toMatchObject({
    project,
    owner: alice,
    status: 'Created',
  });
  expect(await db.resources.get('endpointConfig', config)).toMatchObject({
    project,
    owner: alice,
    instanceType: 'ml.m5.large',
    instanceCount: 2,
  });
  const later = new Date(Date.now() + 1000).toISOString();
  await apply(db, modelStateChange(model, { tags: {}, time: later }));
  expect(await db.resources.get('model', model)).toBeNull();
});
