import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { createLocalEndpoints, type LocalEndpoints } from './endpoints';
import { prepareModel, startInferenceServer } from './inference-server';
import { createLocalEndpointConfigs, createLocalModels } from './models';
import { getObjectBytes, listKeys, parseS3Uri } from './s3-objects';
import {
  classificationCsv,
  startJobsTestEnv,
  testBucket,
  trainingRequest,
  type JobsTestEnv,
} from './test-support';
import { createLocalTrainingJobs, type LocalTrainingJobs } from './training-runner';
import { createLocalTransformJobs, type LocalTransformJobs } from './transform-runner';
import { createLocalTuningJobs, type LocalTuningJobs } from './tuning-runner';

let env: JobsTestEnv;
let training: LocalTrainingJobs;
let tuning: LocalTuningJobs;
let transform: LocalTransformJobs;
let endpoints: LocalEndpoints;
const models = () => createLocalModels(path.join(env.dir, 'models'));
let artefact: string;
const owner = { project: 'proj', username: 'alice' };

beforeAll(async () => {
  env = await startJobsTestEnv();
  const root = (name: string) => path.join(env.dir, name);
  training = createLocalTrainingJobs({ s3: env.s3, rootDir: root('jobs'), events: env.events });
  tuning = createLocalTuningJobs({ rootDir: root('tuning'), events: env.events, training });
  transform = createLocalTransformJobs({
    s3: env.s3,
    rootDir: root('transform'),
    events: env.events,
    models: models(),
  });
  endpoints = createLocalEndpoints({
    s3: env.s3,
    rootDir: root('endpoints'),
    events: env.events,
    models: models(),
    endpointConfigs: createLocalEndpointConfigs(root('endpoint-configs'), models()),
  });
  await env.put('datasets/train/train.csv', classificationCsv(200, 1));
  await env.put('datasets/validation/valid.csv', classificationCsv(60, 3));
  await training.create(
    trainingRequest('base-model', {
      algorithm: { image: 'sklearn-random-forest' },
      hyperParameters: { n_estimators: '10' },
    }),
  );
  const done = await training.settled('base-model');
  expect(done.status).toBe('Completed');
  artefact = done.modelArtifactsS3Uri!;
  await models().create({
    name: 'forest',
    owner,
    container: { image: 'sklearn', modelDataS3Uri: artefact },
  });
});

afterAll(async () => {
  await endpoints?.shutdown();
  await transform?.shutdown();
  await tuning?.shutdown();
  await training?.shutdown();
  await env?.stop();
});

test('the inference server answers /ping and predicts CSV and JSON rows, and a bad payload gets 400 with the reason', async () => {
  const modelDir = await prepareModel(
    env.s3,
    { image: 'sklearn', modelDataS3Uri: artefact },
    path.join(env.dir, 'direct'),
  );
  const server = await startInferenceServer({
    modelDir,
    logFile: path.join(env.dir, 'direct', 'log.jsonl'),
  });
  try {
    expect((await fetch(`${server.url}/ping`)).status).toBe(200);
    const csv = await server.invoke('0.9,0.9\n0.05,0.1\n', 'text/csv', 'text/csv');
    expect(csv.status).toBe(200);
    expect(new TextDecoder().decode(csv.body)).toBe('1.0\n0.0\n');
    const json = await server.invoke(
      JSON.stringify({ instances: [[0.9, 0.8]] }),
      'application/json',
    );
    expect(JSON.parse(new TextDecoder().decode(json.body))).toEqual({ predictions: [1] });
    const wrongWidth = await server.invoke('1,2,3', 'text/csv');
    expect(wrongWidth.status).toBe(400);
    expect(new TextDecoder().decode(wrongWidth.body)).toMatch(/ValueError: X has 3 features/);
    const notNumbers = await server.invoke('a,b', 'text/csv');
    expect(notNumbers.status).toBe(400);
    expect(new TextDecoder().decode(notNumbers.body)).toContain('numbers only');
    expect((await server.invoke('x', 'image/png')).status).toBe(415);
  } finally {
    await server.stop();
  }
});

test('the user inference.py overrides input_fn and output_fn', async () => {
  const code = await env.put(
    'code/inference.py',
    [
      'import json',
      'import numpy as np',
      'def input_fn(body, content_type):',
      '    return np.array([json.loads(body)["row"]])',
      'def output_fn(prediction, accept):',
      '    return json.dumps({"label": int(prediction[0])}), "application/json"',
    ].join('\n'),
  );
  const modelDir = await prepareModel(
    env.s3,
    {
      image: 'sklearn',
      modelDataS3Uri: artefact,
      environment: { SAGEMAKER_SUBMIT_DIRECTORY: code, SAGEMAKER_PROGRAM: 'inference.py' },
    },
    path.join(env.dir, 'custom'),
  );
  const server = await startInferenceServer({
    modelDir,
    logFile: path.join(env.dir, 'custom', 'log.jsonl'),
  });
  try {
    const response = await server.invoke('{"row": [0.95, 0.9]}', 'application/json');
    expect(JSON.parse(new TextDecoder().decode(response.body))).toEqual({ label: 1 });
  } finally {
    await server.stop();
  }
});

test('an endpoint goes Creating then InService, is invoked, updated to another config and deleted', async () => {
  const configs = createLocalEndpointConfigs(path.join(env.dir, 'endpoint-configs'), models());
  const variant = {
    variantName: 'AllTraffic',
    modelName: 'forest',
    instanceType: 'ml.m5.large',
    initialInstanceCount: 1,
  };
  await configs.create({ name: 'forest-config', owner, variants: [variant] });
  await configs.create({ name: 'forest-config-2', owner, variants: [variant] });
  await expect(
    configs.create({ name: 'bad-config', owner, variants: [{ ...variant, modelName: 'nope' }] }),
  ).rejects.toThrow(/variants\.0\.modelName/);

  const created = await endpoints.create({
    name: 'forest-endpoint',
    owner,
    endpointConfigName: 'forest-config',
  });
  expect(created.status).toBe('Creating');
  expect((await endpoints.settled('forest-endpoint')).status).toBe('InService');
  const result = await endpoints.invoke({
    name: 'forest-endpoint',
    contentType: 'text/csv',
    accept: 'text/csv',
    body: new TextEncoder().encode('0.9,0.95'),
  });
  expect(new TextDecoder().decode(result.body)).toBe('1.0\n');
  await expect(
    endpoints.invoke({
      name: 'forest-endpoint',
      contentType: 'text/csv',
      body: new TextEncoder().encode('1'),
    }),
  ).rejects.toThrow(/^body: ValueError: X has 1 features/);

  // An inference server that dies (the OOM killer) is started again.
  const serverPid = readdirSync('/proc').find((pid) => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return (
        cmdline.includes('inference_server.py') &&
        cmdline.includes(path.join(env.dir, 'endpoints', 'forest-endpoint'))
      );
    } catch {
      return false;
    }
  });
  process.kill(Number(serverPid), 'SIGKILL');
  await expect
    .poll(async () => (await endpoints.describe('forest-endpoint'))!.status, { timeout: 120_000 })
    .toBe('Updating');
  expect((await endpoints.settled('forest-endpoint')).status).toBe('InService');
  expect(
    new TextDecoder().decode(
      (
        await endpoints.invoke({
          name: 'forest-endpoint',
          contentType: 'text/csv',
          accept: 'text/csv',
          body: new TextEncoder().encode('0.9,0.95'),
        })
      ).body,
    ),
  ).toBe('1.0\n');

  // A restart of MLSpace starts the endpoint again.
  await endpoints.shutdown();
  const restarted = createLocalEndpoints({
    s3: env.s3,
    rootDir: path.join(env.dir, 'endpoints'),
    events: env.events,
    models: models(),
    endpointConfigs: createLocalEndpointConfigs(path.join(env.dir, 'endpoint-configs'), models()),
  });
  expect((await restarted.settled('forest-endpoint')).status).toBe('InService');
  await restarted.shutdown();
  const again = createLocalEndpoints({
    s3: env.s3,
    rootDir: path.join(env.dir, 'endpoints'),
    events: env.events,
    models: models(),
    endpointConfigs: createLocalEndpointConfigs(path.join(env.dir, 'endpoint-configs'), models()),
  });
  expect((await again.settled('forest-endpoint')).status).toBe('InService');
  endpoints = again;

  await endpoints.update('forest-endpoint', 'forest-config-2');
  expect((await endpoints.describe('forest-endpoint'))!.status).toBe('Updating');
  const updated = await endpoints.settled('forest-endpoint');
  expect(updated.status).toBe('InService');
  expect(updated.endpointConfigName).toBe('forest-config-2');
  const logs = await endpoints.logs({ name: 'forest-endpoint' });
  expect(logs.lines.some((line) => line.message.includes('invocation'))).toBe(true);

  await endpoints.delete('forest-endpoint');
  expect(await endpoints.describe('forest-endpoint')).toBeNull();
  const statuses = env.seen
    .filter((event) => event.name === 'forest-endpoint')
    .map((event) => event.status);
  // Created, started again after its server died, twice by restarts, updated, deleted.
  expect(statuses).toEqual([
    'Creating',
    'InService',
    'Updating',
    'InService',
    'Creating',
    'InService',
    'Creating',
    'InService',
    'Updating',
    'InService',
    'Deleting',
  ]);
});

test('a transform job predicts two files line by line into <file>.out', async () => {
  await env.put('batch/in/a.csv', '0.9,0.9\n0.1,0.1\n');
  await env.put('batch/in/b.csv', '0.8,0.7\n');
  await transform.create({
    name: 'batch-1',
    owner,
    modelName: 'forest',
    input: { s3Uri: `s3://${testBucket}/batch/in/`, contentType: 'text/csv', splitType: 'Line' },
    outputS3Uri: `s3://${testBucket}/batch/out`,
    resources: { instanceType: 'ml.m5.large', instanceCount: 1 },
  });
  const done = await transform.settled('batch-1');
  expect(done.failureReason).toBeUndefined();
  expect(done.status).toBe('Completed');
  const read = async (key: string) =>
    new TextDecoder().decode(await getObjectBytes(env.s3, parseS3Uri(`s3://${testBucket}/${key}`)));
  expect(await read('batch/out/a.csv.out')).toBe('1.0\n0.0\n');
  expect(await read('batch/out/b.csv.out')).toBe('1.0\n');
});

test('a transform job over a file the model rejects ends Failed with the model message', async () => {
  await env.put('batch/bad/c.csv', '1,2,3\n');
  await transform.create({
    name: 'batch-bad',
    owner,
    modelName: 'forest',
    input: { s3Uri: `s3://${testBucket}/batch/bad/c.csv`, splitType: 'None' },
    outputS3Uri: `s3://${testBucket}/batch/out-bad`,
    resources: { instanceType: 'ml.m5.large', instanceCount: 1 },
  });
  const done = await transform.settled('batch-bad');
  expect(done.status).toBe('Failed');
  expect(done.failureReason).toContain('X has 3 features');
});

test('a grid tuning job of 4 trainings, 2 at a time, names the best', async () => {
  await tuning.create({
    name: 'grid-1',
    owner,
    strategy: 'Grid',
    objective: { metricName: 'validation:accuracy', type: 'Maximize' },
    ranges: [
      { name: 'n_estimators', type: 'Categorical', values: ['1', '20'] },
      { name: 'max_depth', type: 'Integer', min: '1', max: '2' },
    ],
    maxJobs: 4,
    maxParallelJobs: 2,
    trainingJob: {
      ...trainingRequest('template', {
        algorithm: { image: 'sklearn-random-forest' },
        inputs: [
          { name: 'train', s3Uri: `s3://${testBucket}/datasets/train/` },
          { name: 'validation', s3Uri: `s3://${testBucket}/datasets/validation/` },
        ],
      }),
      hyperParameters: { predictor_type: 'classifier' },
    },
  });
  let maxRunning = 0;
  const watcher = setInterval(() => {
    void tuning
      .describe('grid-1')
      .then((d) => (maxRunning = Math.max(maxRunning, d?.counters.inProgress ?? 0)));
  }, 50);
  const done = await tuning.settled('grid-1');
  clearInterval(watcher);
  expect(done.status).toBe('Completed');
  expect(done.counters).toEqual({ completed: 4, inProgress: 0, failed: 0, stopped: 0 });
  expect(maxRunning).toBeLessThanOrEqual(2);
  const children = await tuning.listTrainingJobs('grid-1');
  expect(children.map((child) => child.name)).toEqual([
    'grid-1-004',
    'grid-1-003',
    'grid-1-002',
    'grid-1-001',
  ]);
  const values = children.map((child) => Number(child.metadata.objectiveValue));
  expect(done.bestTrainingJob!.objectiveValue).toBe(Math.max(...values));
  expect(children.find((child) => child.metadata.best === 'true')!.name).toBe(
    done.bestTrainingJob!.name,
  );
  expect(JSON.parse(children[0]!.metadata.tunedHyperParameters!)).toEqual({
    n_estimators: '20',
    max_depth: '2',
  });
});

test('tuning refuses an objective the training job does not report, and Bayesian locally', async () => {
  const base = {
    name: 'bad-tuning',
    owner,
    strategy: 'Random' as const,
    objective: { metricName: 'nope', type: 'Minimize' as const },
    ranges: [],
    maxJobs: 1,
    maxParallelJobs: 1,
    trainingJob: trainingRequest('t'),
  };
  await expect(tuning.create(base)).rejects.toThrow(/objective\.metricName/);
  await expect(
    tuning.create({
      ...base,
      strategy: 'Bayesian',
      objective: { metricName: 'train:accuracy', type: 'Maximize' },
    }),
  ).rejects.toThrow(/strategy: Bayesian runs on AWS only/);
});

test("an endpoint whose configuration captures data writes the sampled invocations' requests and responses as SageMaker's JSON lines", async () => {
  const configs = createLocalEndpointConfigs(path.join(env.dir, 'endpoint-configs'), models());
  const destination = `s3://${testBucket}/project/proj/capture`;
  await configs.create({
    name: 'capture-config',
    owner,
    variants: [
      {
        variantName: 'Primary',
        modelName: 'forest',
        instanceType: 'ml.m5.large',
        initialInstanceCount: 1,
      },
    ],
    dataCapture: { s3Uri: destination, samplingPercentage: 50 },
  });
  expect((await configs.describe('capture-config'))!.dataCapture).toEqual({
    s3Uri: destination,
    samplingPercentage: 50,
  });
  // The sample takes an invocation when the draw falls below 50 %.
  const draws = [0.1, 0.9];
  const capturing = createLocalEndpoints({
    s3: env.s3,
    rootDir: path.join(env.dir, 'capturing-endpoints'),
    events: env.events,
    models: models(),
    endpointConfigs: configs,
    random: () => draws.shift() ?? 0,
  });
  try {
    await capturing.create({
      name: 'capture-endpoint',
      owner,
      endpointConfigName: 'capture-config',
    });
    expect((await capturing.settled('capture-endpoint')).status).toBe('InService');
    for (const row of ['0.9,0.95', '0.1,0.05']) {
      await capturing.invoke({
        name: 'capture-endpoint',
        contentType: 'text/csv',
        accept: 'text/csv',
        body: new TextEncoder().encode(row),
      });
    }

    const keys = await listKeys(env.s3, parseS3Uri(`${destination}/capture-endpoint/Primary/`));
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(
      /^project\/proj\/capture\/capture-endpoint\/Primary\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/[\w-]+\.jsonl$/,
    );
    const text = new TextDecoder().decode(
      await getObjectBytes(env.s3, { bucket: testBucket, key: keys[0]! }),
    );
    const record = JSON.parse(text.trim()) as Record<string, unknown>;
    expect(record).toMatchObject({
      captureData: {
        endpointInput: {
          observedContentType: 'text/csv',
          mode: 'INPUT',
          data: '0.9,0.95',
          encoding: 'CSV',
        },
        endpointOutput: { mode: 'OUTPUT', data: '1.0\n' },
      },
      eventMetadata: {
        eventId: expect.any(String) as unknown,
        inferenceTime: expect.any(String) as unknown,
      },
      eventVersion: '0',
    });
  } finally {
    await capturing.shutdown();
  }
});
