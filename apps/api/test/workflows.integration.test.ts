/**
 * The procedures behind workflows without dead ends: a job's output folder to browse and download,
 * a tuning job's training jobs read as training jobs (and made into models), and what runs now per
 * project and per user. Real DynamoDB Local, s3rver and the local compute backend.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { createDatasetStorage } from '@mlspace/aws';
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
let carol: UserView;
const suffix = Math.random().toString(36).slice(2, 7);
const project = `flows${suffix}`;
const otherProject = `other${suffix}`;
let bucket: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mlspace-api-workflows-'));
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
  services = {
    ...services,
    compute,
    datasetStorage: createDatasetStorage({ client: s3, bucket }),
  };
  applyComputeEvents(services.db, compute, (error) => {
    throw error;
  });
  // alice owns the project, bob is a member; carol belongs only to another project.
  [alice, bob, carol] = await Promise.all([
    signedUpUser(services.db),
    signedUpUser(services.db),
    signedUpUser(services.db),
  ]);
  await services.db.projects.create({ name: project, description: '', createdBy: alice.username });
  await services.db.projects.create({
    name: otherProject,
    description: '',
    createdBy: carol.username,
  });
  await services.db.membership.addUsers(project, [bob.username], 'member', alice.username);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `project/${project}/data/train.csv`,
      Body: Array.from({ length: 120 }, (_, i) => `${i % 2},${(i % 7) / 7},${(i % 5) / 5}`).join(
        '\n',
      ),
    }),
  );
});

afterAll(async () => {
  await compute?.shutdown();
  s3?.destroy();
  await s3server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(JSON.stringify(last).slice(0, 500));
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

const definition = () => ({
  algorithm: { kind: 'builtin' as const, name: 'sklearn-linear-learner' },
  hyperParameters: { epochs: '2' },
  inputs: [{ name: 'train', s3Uri: `s3://${bucket}/project/${project}/data/` }],
  outputS3Uri: `s3://${bucket}/project/${project}/training-output`,
  instanceType: 'ml.m5.large',
  instanceCount: 1,
  maxRuntimeSeconds: 600,
});

async function completedTrainingJob(name: string) {
  const calls = callerFor(services, bob);
  await calls.training.create({ project, name, ...definition() });
  return until(
    () => calls.training.get({ name }),
    (detail) => detail.job.status !== 'InProgress',
  );
}

test('a member lists a training job’s own output folder and downloads its model artefact', async () => {
  const done = await completedTrainingJob('flow-train-1');
  expect(done.job.status).toBe('Completed');
  const outputs = await callerFor(services, alice).training.outputs({ name: 'flow-train-1' });
  expect(outputs.location).toBe(`s3://${bucket}/project/${project}/training-output/flow-train-1/`);
  expect(outputs.items.map((file) => file.path)).toContain('output/model.tar.gz');
  expect(done.modelArtifactsS3Uri).toBe(`${outputs.location}output/model.tar.gz`);

  const { url } = await callerFor(services, alice).training.outputUrl({
    name: 'flow-train-1',
    path: 'output/model.tar.gz',
  });
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A gzip stream starts with 1f 8b: the artefact itself, not an error page.
  expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
});

test('a job’s output folder holds only its own files, not a sibling job’s in the same output location', async () => {
  await completedTrainingJob('flow-train-2');
  const outputs = await callerFor(services, bob).training.outputs({ name: 'flow-train-2' });
  expect(outputs.items.length).toBeGreaterThan(0);
  // Listing the shared output location instead would show `flow-train-1/output/...` too.
  expect(outputs.items.filter((file) => file.path.includes('flow-train-1'))).toEqual([]);
  expect(outputs.items.every((file) => file.path.startsWith('output/'))).toBe(true);
});

test('a member of another project can neither list nor download this project’s job outputs', async () => {
  const carolCalls = callerFor(services, carol);
  await expect(carolCalls.training.outputs({ name: 'flow-train-1' })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  await expect(
    carolCalls.training.outputUrl({ name: 'flow-train-1', path: 'output/model.tar.gz' }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
});

test('a download path that tries to leave the job’s output folder is refused, however it is written', async () => {
  const calls = callerFor(services, alice);
  for (const escape of [
    '../flow-train-2/output/model.tar.gz',
    'output/../../flow-train-2/output/model.tar.gz',
    '%2e%2e/flow-train-2/output/model.tar.gz',
    '/project/other/file',
    'output//model.tar.gz',
    'output\\..\\..\\x',
  ]) {
    await expect(
      calls.training.outputUrl({ name: 'flow-train-1', path: escape }),
      escape,
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('path') });
  }
});

test('a tuning job’s training jobs open as training jobs, with their tuned values, logs and outputs', async () => {
  const calls = callerFor(services, bob);
  await calls.tuning.create({
    project,
    name: 'flow-tune',
    strategy: 'Grid',
    objective: { metricName: 'train:accuracy', type: 'Maximize' },
    ranges: [{ name: 'learning_rate', type: 'Categorical', values: ['0.01', '0.5'] }],
    maxJobs: 2,
    maxParallelJobs: 2,
    training: definition(),
  });
  const tuned = await until(
    () => calls.tuning.get({ name: 'flow-tune' }),
    (detail) => detail.job.status !== 'InProgress',
  );
  expect(tuned.job.status).toBe('Completed');
  const best = tuned.bestTrainingJob!.name;

  const child = await callerFor(services, alice).training.get({ name: best });
  expect(child.tuningJob).toBe('flow-tune');
  expect(child.job).toMatchObject({
    name: best,
    project,
    owner: bob.username,
    status: 'Completed',
  });
  expect(child.job.spec.hyperParameters).toMatchObject({
    epochs: '2',
    learning_rate: tuned.children.find((c) => c.name === best)!.hyperParameters.learning_rate,
  });
  expect(child.modelArtifactsS3Uri).toMatch(/\/output\/model\.tar\.gz$/);
  expect(child.permissions.manage).toBe(false);
  expect((await calls.training.logs({ name: best })).lines.length).toBeGreaterThan(0);
  expect((await calls.training.outputs({ name: best })).items.map((f) => f.path)).toContain(
    'output/model.tar.gz',
  );

  const model = await calls.models.create({
    project,
    name: 'flow-best-model',
    trainingJobName: best,
  });
  expect(model.name).toBe('flow-best-model');
});

test('a name shaped like a tuning job’s training job reaches nothing unless the tuner launched it', async () => {
  await expect(
    callerFor(services, alice).training.get({ name: 'flow-tune-999' }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(
    callerFor(services, carol).training.get({ name: 'flow-tune-001' }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
});

test('a running job is listed for its project and for its creator until it ends', async () => {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `project/${project}/code/slow.py`,
      Body: 'import time\ntime.sleep(60)\n',
    }),
  );
  const bobCalls = callerFor(services, bob);
  await bobCalls.training.create({
    project,
    name: 'flow-slow',
    ...definition(),
    algorithm: {
      kind: 'script',
      entryPointS3Uri: `s3://${bucket}/project/${project}/code/slow.py`,
    },
  });
  const running = await callerFor(services, alice).resources.running({ project, limit: 25 });
  expect(running.items.map((item) => [item.kind, item.name, item.instanceType])).toContainEqual([
    'trainingJob',
    'flow-slow',
    'ml.m5.large',
  ]);
  expect((await bobCalls.resources.mineRunning({ limit: 25 })).items.map((i) => i.name)).toEqual([
    'flow-slow',
  ]);
  expect((await callerFor(services, alice).resources.mineRunning({ limit: 25 })).items).toEqual([]);
  await expect(
    callerFor(services, carol).resources.running({ project, limit: 25 }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });

  const counts = await bobCalls.resources.counts({ project });
  expect(counts.trainingJob).toBeGreaterThanOrEqual(3);
  expect(counts.hpoJob).toBe(1);

  await bobCalls.training.stop({ name: 'flow-slow' });
  await until(
    () => bobCalls.resources.running({ project, limit: 25 }),
    (page) => !page.items.some((item) => item.name === 'flow-slow'),
  );
});

test('a transform job’s output location is listed and its result downloaded', async () => {
  const calls = callerFor(services, bob);
  await calls.models.create({ project, name: 'flow-model', trainingJobName: 'flow-train-1' });
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: `project/${project}/batch/rows.csv`,
      Body: '0.9,0.9\n0.1,0.1\n',
    }),
  );
  await calls.transform.create({
    project,
    name: 'flow-transform',
    modelName: 'flow-model',
    inputS3Uri: `s3://${bucket}/project/${project}/batch/`,
    outputS3Uri: `s3://${bucket}/project/${project}/transform-output/flow-transform`,
    instanceType: 'ml.m5.large',
  });
  await until(
    () => calls.transform.get({ name: 'flow-transform' }),
    (detail) => detail.job.status !== 'InProgress',
  );
  const outputs = await calls.transform.outputs({ name: 'flow-transform' });
  expect(outputs.items.map((file) => file.path)).toEqual(['rows.csv.out']);
  const { url } = await calls.transform.outputUrl({ name: 'flow-transform', path: 'rows.csv.out' });
  expect((await (await fetch(url)).text()).trim().split('\n')).toHaveLength(2);
  await expect(
    callerFor(services, carol).transform.outputs({ name: 'flow-transform' }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
});
