import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';

import type { UserView } from '@mlspace/core';
import {
  createLocalComputeBackend,
  findFreePort,
  localS3ClientConfig,
  startLocalS3,
  type LocalComputeBackend,
  type LocalS3,
} from '@mlspace/local';

import { applyComputeEvents } from '../src/services/compute';
import type { ApiServices } from '../src/services';
import { callerFor, createTestServices, signedUpUser } from './harness';

let dir: string;
let s3server: LocalS3;
let s3: S3Client;
let compute: LocalComputeBackend;
let services: ApiServices;
let alice: UserView;
let bob: UserView;
let outsider: UserView;
let admin: UserView;
const project = `mlproj${Math.random().toString(36).slice(2, 7)}`;
let bucket: string;

function csv(rows: number, seed: number): string {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: rows }, () => {
    const a = random();
    const b = random();
    return `${a + b > 1 ? 1 : 0},${a.toFixed(3)},${b.toFixed(3)}`;
  }).join('\n');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mlspace-api-ml-'));
  services = await createTestServices();
  bucket = services.settings.s3.dataBucket;
  s3server = await startLocalS3({
    port: await findFreePort(),
    dataDir: path.join(dir, 's3'),
    buckets: [bucket],
    corsOrigins: [],
  });
  s3 = new S3Client(localS3ClientConfig(s3server.endpoint));
  compute = createLocalComputeBackend({ dataDir: dir, s3 });
  services = { ...services, compute };
  applyComputeEvents(services.db, compute, (error) => {
    throw error;
  });
  [alice, bob, outsider, admin] = await Promise.all([
    signedUpUser(services.db),
    signedUpUser(services.db),
    signedUpUser(services.db),
    signedUpUser(services.db, { admin: true }),
  ]);
  await services.db.projects.create({
    name: project,
    description: 'ML',
    createdBy: alice.username,
  });
  await services.db.membership.addUsers(project, [bob.username], 'member', alice.username);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `project/${project}/iris/train.csv`,
      Body: csv(200, 1),
    }),
  );
});

afterAll(async () => {
  await compute?.shutdown();
  s3?.destroy();
  await s3server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(last).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

const training = (name: string) => ({
  project,
  name,
  algorithm: { kind: 'builtin' as const, name: 'sklearn-linear-learner' },
  hyperParameters: { epochs: '4' },
  inputs: [{ name: 'train', s3Uri: `s3://${bucket}/project/${project}/iris/` }],
  outputS3Uri: `s3://${bucket}/project/${project}/training-output`,
  instanceType: 'ml.m5.large',
  instanceCount: 1,
  maxRuntimeSeconds: 600,
});

function definitionOnly({
  project: _project,
  name: _name,
  ...definition
}: ReturnType<typeof training>) {
  return definition;
}

test('a member trains a model, deploys it behind an endpoint and invokes it; a bad row gets the model message', async () => {
  const bobCalls = callerFor(services, bob);
  const created = await bobCalls.training.create(training('api-train-1'));
  expect(created).toMatchObject({
    name: 'api-train-1',
    project,
    owner: bob.username,
    status: 'InProgress',
  });
  const done = await until(
    () => bobCalls.training.get({ name: 'api-train-1' }),
    (d) => d.job.status !== 'InProgress',
    'training',
  );
  expect(done.job.status).toBe('Completed');
  expect(done.metrics.filter((m) => m.name === 'train:accuracy')).toHaveLength(4);
  expect(done.job.spec.hyperParameters).toMatchObject({
    epochs: '4',
    predictor_type: 'binary_classifier',
  });
  expect((await bobCalls.training.logs({ name: 'api-train-1' })).lines.length).toBeGreaterThan(3);
  expect(
    (await callerFor(services, alice).training.list({ project, limit: 10 })).items.map(
      (i) => i.name,
    ),
  ).toContain('api-train-1');
  expect((await bobCalls.training.mine({ limit: 10 })).items.map((i) => i.name)).toEqual([
    'api-train-1',
  ]);

  await bobCalls.models.create({ project, name: 'api-model-1', trainingJobName: 'api-train-1' });
  await bobCalls.endpointConfigs.create({
    project,
    name: 'api-config-1',
    variants: [
      {
        variantName: 'AllTraffic',
        modelName: 'api-model-1',
        instanceType: 'ml.m5.large',
        initialInstanceCount: 1,
      },
    ],
  });
  await bobCalls.endpoints.create({
    project,
    name: 'api-endpoint-1',
    endpointConfigName: 'api-config-1',
  });
  const ready = await until(
    () => bobCalls.endpoints.get({ name: 'api-endpoint-1' }),
    (d) => d.endpoint.status !== 'Creating',
    'endpoint',
  );
  expect(ready.endpoint.status).toBe('InService');
  expect(ready.permissions).toEqual({ manage: true, invoke: true });

  const answer = await callerFor(services, alice).endpoints.invoke({
    name: 'api-endpoint-1',
    contentType: 'text/csv',
    body: '0.9,0.9',
  });
  expect(answer.body.trim()).toBe('1.0');
  await expect(
    bobCalls.endpoints.invoke({ name: 'api-endpoint-1', contentType: 'text/csv', body: '1,2,3,4' }),
  ).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: expect.stringContaining('X has 4 features'),
  });
  await expect(
    callerFor(services, outsider).endpoints.invoke({
      name: 'api-endpoint-1',
      contentType: 'text/csv',
      body: '1,2',
    }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });

  // An update keeps serving on the old configuration until the new one is in service; the new
  // one captures its invocations into the project's output folder.
  await bobCalls.endpointConfigs.create({
    project,
    name: 'api-config-2',
    variants: [
      {
        variantName: 'AllTraffic',
        modelName: 'api-model-1',
        instanceType: 'ml.m5.large',
        initialInstanceCount: 2,
      },
    ],
    dataCapture: { s3Uri: `s3://${bucket}/project/${project}/capture`, samplingPercentage: 100 },
  });
  const updating = await bobCalls.endpoints.update({
    project,
    name: 'api-endpoint-1',
    endpointConfigName: 'api-config-2',
  });
  expect(updating).toMatchObject({ instanceType: 'ml.m5.large', instanceCount: 2 });
  const updated = await until(
    () => bobCalls.endpoints.get({ name: 'api-endpoint-1' }),
    (d) => d.endpoint.status === 'InService' && d.endpointConfigName === 'api-config-2',
    'endpoint update',
  );
  expect(updated.updatingToConfigName).toBeNull();
  expect((await services.db.resources.get('endpoint', 'api-endpoint-1'))!.status).toBe('InService');
  await bobCalls.endpoints.invoke({
    name: 'api-endpoint-1',
    contentType: 'text/csv',
    body: '0.1,0.1',
  });
  const captured = await s3.send(
    new ListObjectsV2Command({
      Bucket: bucket,
      Prefix: `project/${project}/capture/api-endpoint-1/`,
    }),
  );
  expect(captured.Contents ?? []).toHaveLength(1);

  await bobCalls.endpoints.delete({ name: 'api-endpoint-1' });
  await bobCalls.endpointConfigs.delete({ name: 'api-config-2' });
  await expect(bobCalls.endpoints.get({ name: 'api-endpoint-1' })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  await bobCalls.endpointConfigs.delete({ name: 'api-config-1' });
  await bobCalls.models.delete({ name: 'api-model-1' });
  expect((await bobCalls.models.list({ project, limit: 10 })).items).toEqual([]);
});

test('a transform job over a file and a tuning job that names the best', async () => {
  const aliceCalls = callerFor(services, alice);
  await aliceCalls.training.create(training('api-train-2'));
  await until(
    () => aliceCalls.training.get({ name: 'api-train-2' }),
    (d) => d.job.status === 'Completed',
    'training',
  );
  await aliceCalls.models.create({ project, name: 'api-model-2', trainingJobName: 'api-train-2' });
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `project/${project}/batch/rows.csv`,
      Body: '0.9,0.9\n0.1,0.1\n',
    }),
  );
  await aliceCalls.transform.create({
    project,
    name: 'api-transform-1',
    modelName: 'api-model-2',
    inputS3Uri: `s3://${bucket}/project/${project}/batch/`,
    outputS3Uri: `s3://${bucket}/project/${project}/batch-out`,
    instanceType: 'ml.m5.large',
  });
  const transformed = await until(
    () => aliceCalls.transform.get({ name: 'api-transform-1' }),
    (d) => d.job.status !== 'InProgress',
    'transform',
  );
  expect(transformed.job.status).toBe('Completed');

  await aliceCalls.tuning.create({
    project,
    name: 'api-tune-1',
    strategy: 'Grid',
    objective: { metricName: 'train:accuracy', type: 'Maximize' },
    ranges: [
      { name: 'learning_rate', type: 'Categorical', values: ['0.001', '0.01', '0.1', '0.5'] },
    ],
    maxJobs: 4,
    maxParallelJobs: 2,
    training: definitionOnly(training('unused')),
  });
  const tuned = await until(
    () => aliceCalls.tuning.get({ name: 'api-tune-1' }),
    (d) => d.job.status !== 'InProgress',
    'tuning',
  );
  expect(tuned.job.status).toBe('Completed');
  expect(tuned.children).toHaveLength(4);
  expect(tuned.children.filter((child) => child.best)).toHaveLength(1);
  expect(tuned.bestTrainingJob!.objectiveValue).toBe(
    Math.max(...tuned.children.map((c) => c.objectiveValue!)),
  );

  // The tuner's own log says what it launched; each training job's log is its own process's.
  const child = tuned.children[0]!.name;
  const tunerLog = await aliceCalls.tuning.logs({ name: 'api-tune-1' });
  const childLog = await aliceCalls.tuning.logs({ name: 'api-tune-1', trainingJob: child });
  expect(tuned.tunerLog).toBe(true);
  expect(tunerLog.lines.some((line) => line.message.startsWith(`Launched ${child}`))).toBe(true);
  expect(childLog.lines.length).toBeGreaterThan(0);
  expect(childLog.lines.some((line) => line.message.startsWith('Launched'))).toBe(false);
});

test("the policy decides: outsiders cannot read, members cannot stop others' jobs, admins must be members to create", async () => {
  await expect(
    callerFor(services, outsider).training.get({ name: 'api-train-2' }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(
    callerFor(services, outsider).training.list({ project, limit: 10 }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(
    callerFor(services, bob).training.stop({ name: 'api-train-2' }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(
    callerFor(services, admin).training.create(training('api-admin')),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect(
    (await callerFor(services, admin).training.get({ name: 'api-train-2' })).permissions.manage,
  ).toBe(true);
  await expect(
    callerFor(services, bob).training.create({
      ...training('api-bad'),
      instanceType: 'ml.p5.48xlarge',
    }),
  ).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: expect.stringContaining('instanceType'),
  });
  await expect(
    callerFor(services, bob).models.create({
      project,
      name: 'api-model-x',
      trainingJobName: 'nope',
    }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
});

test('a crashing script fails with its error, and a duplicate name is a conflict', async () => {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `project/${project}/code/crash.py`,
      Body: 'raise RuntimeError("no data here")\n',
    }),
  );
  const bobCalls = callerFor(services, bob);
  await bobCalls.training.create({
    ...training('api-crash'),
    algorithm: {
      kind: 'script',
      entryPointS3Uri: `s3://${bucket}/project/${project}/code/crash.py`,
    },
  });
  const failed = await until(
    () => bobCalls.training.get({ name: 'api-crash' }),
    (d) => d.job.status !== 'InProgress',
    'crash',
  );
  expect(failed.job.status).toBe('Failed');
  expect(failed.job.failureReason).toContain('RuntimeError: no data here');
  const completed = await bobCalls.training.list({ project, limit: 10, status: 'Completed' });
  expect(completed.items.map((item) => item.status)).not.toContain('Failed');
  expect(
    (await bobCalls.training.list({ project, limit: 10, status: 'Failed' })).items.map(
      (item) => item.name,
    ),
  ).toEqual(['api-crash']);
  // The list kit's name filter and creation order reach the Query, across the caller's projects too.
  expect(
    (await bobCalls.training.list({ project, limit: 10, search: 'crash' })).items.map(
      (item) => item.name,
    ),
  ).toEqual(['api-crash']);
  const newest = await bobCalls.training.list({ project, limit: 10 });
  const oldest = await bobCalls.training.list({ project, limit: 10, order: 'oldest' });
  expect(oldest.items.map((item) => item.name)).toEqual(
    newest.items.map((item) => item.name).reverse(),
  );
  expect(
    (await bobCalls.training.mine({ limit: 10, search: 'crash' })).items.map((item) => item.name),
  ).toEqual(['api-crash']);
  await expect(bobCalls.training.create(training('api-crash'))).rejects.toMatchObject({
    code: 'CONFLICT',
  });
});

test('a suspended project accepts no new job, but its jobs can still be stopped and read', async () => {
  const aliceCalls = callerFor(services, alice);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `project/${project}/code/slow.py`,
      Body: 'import time\ntime.sleep(60)\n',
    }),
  );
  await aliceCalls.training.create({
    ...training('api-slow'),
    algorithm: {
      kind: 'script',
      entryPointS3Uri: `s3://${bucket}/project/${project}/code/slow.py`,
    },
  });
  await services.db.projects.suspend(project, alice.username);
  try {
    await expect(
      callerFor(services, bob).training.create(training('api-suspended')),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('suspended') });
    await aliceCalls.training.stop({ name: 'api-slow' });
    const stopped = await until(
      () => aliceCalls.training.get({ name: 'api-slow' }),
      (d) => d.job.status === 'Stopped',
      'stop',
    );
    expect(stopped.job.status).toBe('Stopped');
  } finally {
    await services.db.projects.reinstate(project, alice.username);
  }
});
