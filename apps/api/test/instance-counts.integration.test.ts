/**
 * Every job records how many instances it runs on, as it records their type: the list rows, the
 * audit events and the admin reports multiply the two for cost. The defect it guards against:
 * training.create left instanceCount out, so a ten-instance training job was recorded with none.
 */
import { beforeAll, expect, test } from 'vitest';

import { createComputeEventBus, type ComputeBackend, type UserView } from '@mlspace/core';

import type { ApiServices } from '../src/services';
import { callerFor, createTestServices, signedUpUser } from './harness';

/** What each create sent to the backend, by resource name. */
const sent = new Map<string, unknown>();

function acceptingCompute(): ComputeBackend {
  const accept = async (request: { name: string }): Promise<never> => {
    sent.set(request.name, request);
    return { name: request.name, status: 'InProgress', metadata: {} } as never;
  };
  return {
    name: 'local',
    events: createComputeEventBus(),
    notebooks: {} as ComputeBackend['notebooks'],
    trainingJobs: { create: accept } as never,
    tuningJobs: { create: accept } as never,
    transformJobs: { create: accept } as never,
    models: {} as ComputeBackend['models'],
    endpointConfigs: {} as ComputeBackend['endpointConfigs'],
    shutdown: async () => {},
  };
}

let services: ApiServices;
let alice: UserView;
const project = 'counts';

const definition = (bucket: string, instanceCount: number) => ({
  algorithm: { kind: 'builtin' as const, name: 'sklearn-linear-learner' },
  inputs: [{ name: 'train', s3Uri: `s3://${bucket}/project/${project}/data/` }],
  outputS3Uri: `s3://${bucket}/project/${project}/training-output`,
  instanceType: 'ml.m5.large',
  instanceCount,
  maxRuntimeSeconds: 600,
});

beforeAll(async () => {
  services = await createTestServices({ compute: acceptingCompute() });
  alice = await signedUpUser(services.db);
  await services.db.projects.create({ name: project, description: '', createdBy: alice.username });
});

test('a training job records the instance count it was created with', async () => {
  const bucket = services.settings.s3.dataBucket;
  const created = await callerFor(services, alice).training.create({
    project,
    name: 'count-train',
    ...definition(bucket, 3),
  });
  expect(created.instanceCount).toBe(3);
  expect((await services.db.resources.get('trainingJob', 'count-train'))?.instanceCount).toBe(3);
  expect(sent.get('count-train')).toMatchObject({ resources: { instanceCount: 3 } });
});

test('a tuning job records the instance count of its training jobs', async () => {
  const bucket = services.settings.s3.dataBucket;
  const created = await callerFor(services, alice).tuning.create({
    project,
    name: 'count-tune',
    strategy: 'Random',
    objective: { metricName: 'validation:accuracy', type: 'Maximize' },
    ranges: [{ name: 'epochs', type: 'Integer', min: '1', max: '3' }],
    maxJobs: 2,
    maxParallelJobs: 1,
    training: definition(bucket, 2),
  });
  expect(created.instanceCount).toBe(2);
  expect(sent.get('count-tune')).toMatchObject({
    trainingJob: { resources: { instanceCount: 2 } },
  });
});

test('a transform job records its instance count', async () => {
  const bucket = services.settings.s3.dataBucket;
  await services.db.resources.register(
    {
      kind: 'model',
      name: 'count-model',
      project,
      owner: alice.username,
      status: 'Created',
      instanceType: null,
      instanceCount: null,
      spec: {},
    },
    alice.username,
  );
  const created = await callerFor(services, alice).transform.create({
    project,
    name: 'count-transform',
    modelName: 'count-model',
    inputS3Uri: `s3://${bucket}/project/${project}/data/`,
    outputS3Uri: `s3://${bucket}/project/${project}/transform-output/`,
    instanceType: 'ml.m5.large',
    instanceCount: 4,
  });
  expect(created.instanceCount).toBe(4);
  expect(sent.get('count-transform')).toMatchObject({ resources: { instanceCount: 4 } });
});
