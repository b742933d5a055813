import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { createDatasetStorage, createObjectIo } from '@mlspace/aws';
import {
  imageSizeOf,
  type Annotation,
  type CreateTrainingJobRequest,
  type UserView,
} from '@mlspace/core';
import { findFreePort, localS3ClientConfig, startLocalS3, type LocalS3 } from '@mlspace/local';

import { unavailableComputeBackend } from '../src/services/compute';
import { withLocalLabeling } from '../src/services/labeling/local-backend';
import { encodeMaskPng } from '../src/services/labeling/png';
import type { ApiServices } from '../src/services';
import { callerFor, createTestServices, signedUpUser } from './harness';

const bucket = 'mlspace-data';
let dataDir: string;
let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'mlspace-labeling-'));
  s3 = await startLocalS3({
    port: await findFreePort(),
    dataDir,
    buckets: [bucket],
    corsOrigins: ['http://localhost:3999'],
  });
  client = new S3Client(localS3ClientConfig(s3.endpoint));
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

let sequence = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(sequence += 1)}`;

/** A real PNG of the given size (one grey colour), as a camera would not make but S3 holds. */
function png(width: number, height: number): Uint8Array {
  return encodeMaskPng(new Uint8Array(width * height), width, height, () => '#808080');
}

async function put(key: string, body: Uint8Array | string) {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

async function read(key: string): Promise<string> {
  const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return result.Body!.transformToString();
}

async function setup() {
  const objects = createObjectIo({ client, bucket });
  const trainingRequests: CreateTrainingJobRequest[] = [];
  const base = await createTestServices({
    datasetStorage: createDatasetStorage({ client, bucket }),
    objects,
  });
  const compute = withLocalLabeling(
    {
      ...unavailableComputeBackend(),
      // Records what training receives: the labeling output as an augmented-manifest channel.
      trainingJobs: {
        create: async (request) => {
          trainingRequests.push(request);
          return {
            name: request.name,
            status: 'InProgress',
            instanceType: 'ml.m5.large',
            metrics: [],
            metadata: {},
          };
        },
        describe: async () => null,
        stop: async () => {},
        logs: async () => ({ lines: [], cursor: '' }),
      },
    },
    { db: base.db, objects, bucket },
  );
  const services: ApiServices = { ...base, compute };
  const [alice, bob, carol, dave] = await Promise.all([
    signedUpUser(services.db),
    signedUpUser(services.db),
    signedUpUser(services.db),
    signedUpUser(services.db),
  ]);
  const project = unique('lab');
  await services.db.projects.create({
    name: project,
    description: 'labels',
    createdBy: alice.username,
  });
  await services.db.membership.addUsers(
    project,
    [bob.username, carol.username],
    'member',
    alice.username,
  );
  const as = (user: UserView) => callerFor(services, user);
  for (const name of ['images', 'labels'])
    await as(alice).datasets.create({
      scope: 'project',
      project,
      name,
      description: '',
      type: 'image',
      groups: [],
    });
  const imagePrefix = `project/${project}/datasets/images/`;
  await put(`${imagePrefix}a.png`, png(64, 48));
  await put(`${imagePrefix}b.png`, png(32, 32));
  await put(`${imagePrefix}notes.pdf`, '%PDF-1.7');
  await put(`${imagePrefix}fake.png`, 'not really a png');
  return { services, project, alice, bob, carol, dave, as, trainingRequests };
}

type Setup = Awaited<ReturnType<typeof setup>>;

const boxJob = (project: string, workers: string[], name = unique('boxes')) => ({
  project,
  name,
  taskType: 'BoundingBox' as const,
  input: { kind: 'files' as const, dataset: 'images', files: ['a.png', 'b.png'] },
  outputDataset: 'labels',
  labels: ['cat', 'dog'],
  shortInstruction: 'Draw a box around every animal',
  workers,
  workersPerObject: workers.length,
  taskTimeLimitSeconds: 300,
});

async function label(
  { as }: Setup,
  worker: UserView,
  job: string,
  boxes: Record<
    number,
    { classId: number; left: number; top: number; width: number; height: number }[]
  >,
) {
  const queue = await as(worker).labeling.queue({ name: job });
  for (const index of queue.open) {
    await as(worker).labeling.task({ name: job, index });
    await as(worker).labeling.submit({
      name: job,
      index,
      annotation: { kind: 'boxes', boxes: boxes[index] ?? [] },
    });
  }
}

test('two workers box the same objects; the job completes with fused boxes in Ground Truth format, and training takes the manifest', async () => {
  const context = await setup();
  const { as, alice, bob, carol, project } = context;
  const created = await as(alice).labeling.create(boxJob(project, [bob.username, carol.username]));
  expect(created.status).toBe('InProgress');

  await label(context, bob, created.name, {
    0: [{ classId: 0, left: 10, top: 10, width: 20, height: 20 }],
    1: [{ classId: 1, left: 0, top: 0, width: 16, height: 16 }],
  });
  const halfway = await as(alice).labeling.get({ name: created.name });
  expect(halfway.counters).toMatchObject({ total: 2, labeled: 0 });
  expect(halfway.workerCounts).toEqual(
    [
      { worker: bob.username, assigned: 2, answered: 2 },
      { worker: carol.username, assigned: 2, answered: 0 },
    ].sort((a, b) => a.worker.localeCompare(b.worker)),
  );

  await label(context, carol, created.name, {
    0: [
      { classId: 0, left: 12, top: 10, width: 20, height: 22 },
      { classId: 1, left: 40, top: 30, width: 10, height: 10 },
    ],
    1: [{ classId: 1, left: 2, top: 0, width: 16, height: 16 }],
  });
  const done = await as(alice).labeling.get({ name: created.name });
  expect(done.job.status).toBe('Completed');
  expect(done.counters).toEqual({ total: 2, labeled: 2, failed: 0, unlabeled: 0 });

  const manifest = (
    await read(
      `project/${project}/datasets/labels/${created.name}/manifests/output/output.manifest`,
    )
  )
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(manifest).toHaveLength(2);
  expect(manifest[0]).toMatchObject({
    'source-ref': `s3://${bucket}/project/${project}/datasets/images/a.png`,
    [created.name]: {
      // carol's lone dog box has no majority and is dropped
      annotations: [{ class_id: 0, left: 11, top: 10, width: 20, height: 21 }],
      image_size: [{ width: 64, height: 48, depth: 3 }],
    },
    [`${created.name}-metadata`]: {
      objects: [{ confidence: 1 }],
      'class-map': { '0': 'cat' },
      type: 'groundtruth/object-detection',
      'human-annotated': 'yes',
      'job-name': `labeling-job/${created.name}`,
    },
  });

  await as(alice).training.create({
    project,
    name: unique('train'),
    algorithm: { kind: 'builtin', name: 'sklearn-linear-learner' },
    hyperParameters: { epochs: '4' },
    inputs: [
      {
        name: 'train',
        s3Uri: done.outputManifestUri,
        s3DataType: 'AugmentedManifestFile',
        attributeNames: ['source-ref', created.name],
      },
    ],
    outputS3Uri: `s3://${bucket}/project/${project}/training-output`,
    instanceType: 'ml.m5.large',
    instanceCount: 1,
    maxRuntimeSeconds: 600,
  });
  expect(context.trainingRequests[0]?.inputs).toEqual([
    {
      name: 'train',
      s3Uri: done.outputManifestUri,
      s3DataType: 'AugmentedManifestFile',
      attributeNames: ['source-ref', created.name],
    },
  ]);
}, 120_000);

test('a PDF for an image task, an empty label set and more workers per object than workers are refused by field', async () => {
  const { as, alice, bob, project } = await setup();
  const job = boxJob(project, [bob.username]);
  await expect(
    as(alice).labeling.create({ ...job, input: { ...job.input, files: ['a.png', 'notes.pdf'] } }),
  ).rejects.toThrow(/input\.files\.1: "notes\.pdf" is not an image/);
  await expect(as(alice).labeling.create({ ...job, labels: [] })).rejects.toThrow(/labels/);
  await expect(as(alice).labeling.create({ ...job, workersPerObject: 2 })).rejects.toThrow(
    /workersPerObject[\s\S]*must not be more than the 1 worker chosen/,
  );
  await expect(
    as(alice).labeling.create({ ...job, input: { ...job.input, files: ['fake.png'] } }),
  ).rejects.toThrow(/fake\.png is not a PNG or JPEG image/);
  // A refused creation leaves no job behind, so its name can be used again.
  expect((await as(alice).labeling.list({ project })).items).toEqual([]);
});

test('keys that try to leave the dataset and workers outside the project are refused', async () => {
  const { as, alice, bob, dave, project } = await setup();
  const job = boxJob(project, [bob.username]);
  await expect(
    as(alice).labeling.create({ ...job, input: { ...job.input, files: ['../../other/x.png'] } }),
  ).rejects.toThrow(/input\.files\.0/);
  await expect(
    as(alice).labeling.create({
      ...job,
      input: { kind: 'manifest', dataset: 'images', file: '..%2F..%2Fsecret.manifest' },
    }),
  ).rejects.toThrow(/input\.file/);
  await expect(as(alice).labeling.create({ ...job, workers: [dave.username] })).rejects.toThrow(
    new RegExp(`workers\\.0: ${dave.username} is not a member`),
  );
});

test('a deactivated labeling service refuses new jobs and answers', async () => {
  const { as, services, alice, bob, project } = await setup();
  const created = await as(alice).labeling.create(boxJob(project, [bob.username]));
  await as(bob).labeling.task({ name: created.name, index: 0 });
  const admin = await signedUpUser(services.db, { admin: true });
  const current = await as(admin).config.get();
  await as(admin).config.update({
    expectedVersion: current.version,
    config: { ...current.config, services: { ...current.config.services, labeling: false } },
    reason: 'labeling off',
  });
  await expect(as(alice).labeling.create(boxJob(project, [bob.username]))).rejects.toThrow(
    /Ground Truth labeling/,
  );
  await expect(
    as(bob).labeling.submit({
      name: created.name,
      index: 0,
      annotation: { kind: 'boxes', boxes: [] },
    }),
  ).rejects.toThrow(/Ground Truth labeling/);
});

test('only the chosen workers label, an answer must fit the task, and stopping keeps what was labeled', async () => {
  const { as, alice, bob, carol, project } = await setup();
  const created = await as(alice).labeling.create(boxJob(project, [bob.username]));
  await expect(as(carol).labeling.queue({ name: created.name })).rejects.toThrow(
    /not one of the workers/,
  );
  await as(bob).labeling.task({ name: created.name, index: 0 });
  await expect(
    as(bob).labeling.submit({
      name: created.name,
      index: 0,
      annotation: { kind: 'class', label: 0 },
    }),
  ).rejects.toThrow(/annotation\.kind: must be "boxes"/);
  await expect(
    as(bob).labeling.submit({
      name: created.name,
      index: 0,
      annotation: {
        kind: 'boxes',
        boxes: [{ classId: 0, left: 60, top: 0, width: 10, height: 10 }],
      },
    }),
  ).rejects.toThrow(/annotation\.boxes\.0: reaches outside the 64×48 image/);
  await as(bob).labeling.submit({
    name: created.name,
    index: 0,
    annotation: { kind: 'boxes', boxes: [{ classId: 1, left: 1, top: 2, width: 3, height: 4 }] },
  });
  await as(alice).labeling.stop({ name: created.name });
  const stopped = await as(alice).labeling.get({ name: created.name });
  expect(stopped.job.status).toBe('Stopped');
  expect(stopped.counters).toEqual({ total: 2, labeled: 1, failed: 0, unlabeled: 1 });
  const manifest = await read(
    `project/${project}/datasets/labels/${created.name}/manifests/output/output.manifest`,
  );
  expect(manifest.trim().split('\n')).toHaveLength(1);
  await expect(as(bob).labeling.task({ name: created.name, index: 1 })).rejects.toThrow(
    /is Stopped/,
  );
});

async function answerAll(
  { as }: Setup,
  worker: UserView,
  job: string,
  annotation: (index: number) => Annotation,
) {
  for (const index of (await as(worker).labeling.queue({ name: job })).open) {
    await as(worker).labeling.task({ name: job, index });
    await as(worker).labeling.submit({ name: job, index, annotation: annotation(index) });
  }
}

test('a segmentation job votes the masks pixel by pixel and writes the result as a PNG the manifest references', async () => {
  const context = await setup();
  const { as, alice, bob, carol, project } = context;
  const created = await as(alice).labeling.create({
    ...boxJob(project, [bob.username, carol.username]),
    taskType: 'SemanticSegmentation',
    input: { kind: 'files', dataset: 'images', files: ['b.png'] },
    labels: ['road'],
  });
  // 32×32: bob paints the top half, carol the top quarter; only the top quarter has a majority.
  const half = 32 * 16;
  await answerAll(context, bob, created.name, () => ({
    kind: 'mask',
    mask: { width: 32, height: 32, runs: [1, half, 0, half] },
  }));
  await answerAll(context, carol, created.name, () => ({
    kind: 'mask',
    mask: { width: 32, height: 32, runs: [1, half / 2, 0, half * 1.5] },
  }));
  const labelsPrefix = `project/${project}/datasets/labels/${created.name}`;
  const [line] = (await read(`${labelsPrefix}/manifests/output/output.manifest`))
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text) as Record<string, unknown>);
  const maskUri = line![`${created.name}-ref`] as string;
  expect(maskUri).toBe(
    `s3://${bucket}/${labelsPrefix}/annotations/consolidated-annotation/output/0.png`,
  );
  expect(line![`${created.name}-ref-metadata`]).toMatchObject({
    'internal-color-map': {
      '0': { 'class-name': 'BACKGROUND', 'hex-color': '#ffffff' },
      '1': { 'class-name': 'road', 'hex-color': '#1f77b4', confidence: 1 },
    },
    type: 'groundtruth/semantic-segmentation',
  });
  const png = await client.send(
    new GetObjectCommand({ Bucket: bucket, Key: maskUri.slice(`s3://${bucket}/`.length) }),
  );
  expect(imageSizeOf(await png.Body!.transformToByteArray())).toEqual({
    width: 32,
    height: 32,
    depth: 3,
  });
}, 120_000);

test('a named-entity job inlines the texts and keeps the spans both workers marked', async () => {
  const context = await setup();
  const { as, alice, bob, carol, project } = context;
  await put(`project/${project}/datasets/images/note.txt`, 'Ada lives in Paris');
  const created = await as(alice).labeling.create({
    ...boxJob(project, [bob.username, carol.username]),
    taskType: 'NamedEntityRecognition',
    input: { kind: 'files', dataset: 'images', files: ['note.txt'] },
    labels: ['person', 'place'],
  });
  await answerAll(context, bob, created.name, () => ({
    kind: 'entities',
    entities: [
      { label: 0, startOffset: 0, endOffset: 3 },
      { label: 1, startOffset: 13, endOffset: 18 },
    ],
  }));
  await expect(
    answerAll(context, carol, created.name, () => ({
      kind: 'entities',
      entities: [{ label: 1, startOffset: 13, endOffset: 19 }],
    })),
  ).rejects.toThrow(/annotation\.entities\.0: ends after the text's 18 characters/);
  await answerAll(context, carol, created.name, () => ({
    kind: 'entities',
    entities: [{ label: 1, startOffset: 13, endOffset: 18 }],
  }));
  const [line] = (
    await read(
      `project/${project}/datasets/labels/${created.name}/manifests/output/output.manifest`,
    )
  )
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text) as Record<string, unknown>);
  expect(line).toMatchObject({
    source: 'Ada lives in Paris',
    [created.name]: {
      annotations: {
        entities: [{ label: 'place', startOffset: 13, endOffset: 18 }],
        labels: [{ label: 'person' }, { label: 'place' }],
      },
    },
  });
}, 120_000);

test("a verification job shows workers the earlier job's boxes and writes their verdicts", async () => {
  const context = await setup();
  const { as, alice, bob, project } = context;
  const boxes = await as(alice).labeling.create(boxJob(project, [bob.username]));
  await answerAll(context, bob, boxes.name, () => ({
    kind: 'boxes',
    boxes: [{ classId: 0, left: 1, top: 1, width: 10, height: 10 }],
  }));
  const review = await as(alice).labeling.create({
    ...boxJob(project, [bob.username]),
    taskType: 'VerificationBoundingBox',
    input: { kind: 'job', job: boxes.name },
    labels: ['Correct', 'Wrong'],
  });
  const task = await as(bob).labeling.task({ name: review.name, index: 0 });
  expect(task.reviewed).toMatchObject({
    annotations: [{ class_id: 0, left: 1, top: 1, width: 10, height: 10 }],
  });
  await as(bob).labeling.submit({
    name: review.name,
    index: 0,
    annotation: { kind: 'verdict', label: 1 },
  });
  await as(bob).labeling.task({ name: review.name, index: 1 });
  await as(bob).labeling.submit({
    name: review.name,
    index: 1,
    annotation: { kind: 'verdict', label: 0 },
  });
  const lines = (
    await read(`project/${project}/datasets/labels/${review.name}/manifests/output/output.manifest`)
  )
    .trim()
    .split('\n')
    .map((text) => JSON.parse(text) as Record<string, unknown>);
  // The reviewed label stays on each line, the verdict is added next to it.
  expect(lines[0]).toHaveProperty(boxes.name);
  expect(lines.map((line) => line[review.name])).toEqual([1, 0]);
  expect(lines[0]![`${review.name}-metadata`]).toMatchObject({
    'class-name': 'Wrong',
    type: 'groundtruth/label-verification',
  });
}, 120_000);
