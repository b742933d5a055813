/**
 * Which algorithms and images each backend runs, and the administrator's image repositories,
 * through the real router on DynamoDB Local with an in-memory backend that records its requests.
 */
import { expect, test } from 'vitest';

import type {
  BackendName,
  ComputeBackend,
  ContainerSpec,
  CreateModelRequest,
  CreateTrainingJobRequest,
  UserView,
} from '@mlspace/core';

import type { ApiServices } from '../src/services';
import { createFakeCompute } from './fake-compute';
import { callerFor, createTestServices, signedUpUser } from './harness';

const allowedRepository = '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/trainer';

async function world(backend: BackendName) {
  const fake = createFakeCompute();
  const trainingRequests: CreateTrainingJobRequest[] = [];
  const modelContainers: ContainerSpec[] = [];
  const compute: ComputeBackend = {
    ...fake.compute,
    name: backend,
    trainingJobs: {
      ...fake.compute.trainingJobs!,
      create: async (request: CreateTrainingJobRequest) => {
        trainingRequests.push(request);
        return {
          name: request.name,
          status: 'InProgress' as const,
          instanceType: request.resources.instanceType,
          metrics: [],
          metadata: {},
        };
      },
    },
    tuningJobs: {
      ...fake.compute.tuningJobs!,
      create: async (request) => ({
        name: request.name,
        status: 'InProgress' as const,
        counters: { completed: 0, inProgress: 0, failed: 0, stopped: 0 },
        metadata: {},
      }),
    },
    models: {
      ...fake.compute.models!,
      create: async (request: CreateModelRequest) => {
        modelContainers.push(request.container);
        return {
          name: request.name,
          status: 'Created' as const,
          container: request.container,
          metadata: {},
        };
      },
    },
  };
  const services: ApiServices = await createTestServices({ compute });
  bucket = services.settings.s3.dataBucket;
  const admin = await signedUpUser(services.db, { admin: true });
  const member = await signedUpUser(services.db);
  const project = `algo${Math.random().toString(36).slice(2, 8)}`;
  await callerFor(services, member).projects.create({ name: project, description: '' });
  const api = callerFor(services, admin);
  const { config, version } = await api.config.get();
  await api.config.update({
    expectedVersion: version,
    reason: 'Team images',
    config: { ...config, allowedImageRepositories: [allowedRepository] },
  });
  return { services, member, project, trainingRequests, modelContainers };
}

let bucket = '';

function training(project: string, name: string, algorithm: Record<string, string>) {
  return {
    project,
    name,
    algorithm: algorithm as { kind: 'image'; imageUri: string },
    hyperParameters: {},
    inputs: [{ name: 'train', s3Uri: `s3://${bucket}/project/${project}/iris/` }],
    outputS3Uri: `s3://${bucket}/project/${project}/training-output`,
    instanceType: 'ml.m5.large',
    instanceCount: 1,
    maxRuntimeSeconds: 600,
  };
}

const create = (services: ApiServices, user: UserView) => callerFor(services, user).training;

test('local mode lists only the algorithms it runs, and says that container images need AWS', async () => {
  const { services, member } = await world('local');
  const catalogue = await create(services, member).algorithms();
  expect(catalogue.algorithms.map((algorithm) => algorithm.name).sort()).toEqual([
    'sklearn-linear-learner',
    'sklearn-random-forest',
    'xgboost',
  ]);
  expect(catalogue.support).toMatchObject({ containerImages: false, allowedImageRepositories: [] });
  expect(catalogue.support.summary).toMatch(/container images .* run on AWS only/);
});

test('on AWS every built-in algorithm the reference offers is listed, and the allowed repositories', async () => {
  const { services, member } = await world('aws');
  const catalogue = await create(services, member).algorithms();
  expect(catalogue.algorithms.map((algorithm) => algorithm.name)).toEqual(
    expect.arrayContaining(['blazingtext', 'forecasting-deepar', 'kmeans', 'object-detection']),
  );
  expect(catalogue.algorithms.map((algorithm) => algorithm.name)).not.toContain(
    'sklearn-random-forest',
  );
  expect(catalogue.support).toMatchObject({
    containerImages: true,
    allowedImageRepositories: [allowedRepository],
  });
});

test('local mode refuses a container image, naming the field and what it can run', async () => {
  const { services, member, project, trainingRequests } = await world('local');
  await expect(
    create(services, member).create(
      training(project, 'byo-local', { kind: 'image', imageUri: `${allowedRepository}:1.0` }),
    ),
  ).rejects.toThrow(/^algorithm\.imageUri: Local mode runs .* container images .* run on AWS only/);
  await expect(
    create(services, member).create(
      training(project, 'km-local', { kind: 'builtin', name: 'kmeans' }),
    ),
  ).rejects.toThrow(/^algorithm\.name: k-means does not run here\. Local mode runs/);
  expect(trainingRequests).toEqual([]);
});

test('on AWS an image from an allowed repository trains; any other repository is refused naming the rule', async () => {
  const { services, member, project, trainingRequests } = await world('aws');
  await expect(
    create(services, member).create(
      training(project, 'byo-other', {
        kind: 'image',
        imageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/someone-else/trainer:1.0',
      }),
    ),
  ).rejects.toThrow(
    /^algorithm\.imageUri: .*someone-else\/trainer:1\.0 is not in a repository your administrator allows \(allowedImageRepositories/,
  );
  await expect(
    create(services, member).create(
      training(project, 'byo-hub', { kind: 'image', imageUri: 'docker.io/library/python:3' }),
    ),
  ).rejects.toThrow(/must be an ECR image URI/);
  expect(trainingRequests).toEqual([]);

  await create(services, member).create(
    training(project, 'byo-ok', { kind: 'image', imageUri: `${allowedRepository}:1.0` }),
  );
  expect(trainingRequests.map((request) => request.algorithm.image)).toEqual([
    `${allowedRepository}:1.0`,
  ]);
});

test('a built-in algorithm refuses to start without the hyperparameters that depend on the data', async () => {
  const { services, member, project, trainingRequests } = await world('aws');
  await expect(
    create(services, member).create({
      ...training(project, 'km-aws', { kind: 'builtin', name: 'kmeans' }),
      hyperParameters: { feature_dim: '4' },
    }),
  ).rejects.toThrow('hyperParameters.k: is required by k-means: give the value for your data');
  await create(services, member).create({
    ...training(project, 'km-aws', { kind: 'builtin', name: 'kmeans' }),
    hyperParameters: { feature_dim: '4', k: '3' },
  });
  expect(trainingRequests.map((request) => request.algorithm.image)).toEqual(['kmeans']);
});

test("a tuning job of SageMaker's k-means optimises only a metric k-means reports, and PCA, which reports none, cannot be tuned (the form offered no objective for these algorithms)", async () => {
  const { services, member, project } = await world('aws');
  const catalogue = await create(services, member).algorithms();
  expect(catalogue.algorithms.find((algorithm) => algorithm.name === 'kmeans')).toMatchObject({
    tuningObjectives: [
      { name: 'test:msd', type: 'Minimize' },
      { name: 'test:ssd', type: 'Minimize' },
    ],
  });
  const tune = (name: string, algorithm: string, metricName: string) =>
    callerFor(services, member).tuning.create({
      project,
      name,
      strategy: 'Bayesian',
      objective: { metricName, type: 'Minimize' },
      ranges: [{ name: 'mini_batch_size', type: 'Integer', min: '100', max: '500' }],
      maxJobs: 4,
      maxParallelJobs: 2,
      training: {
        ...training(project, name, { kind: 'builtin', name: algorithm }),
        hyperParameters: { feature_dim: '4', k: '3', num_components: '2' },
      },
    });
  await expect(tune('km-tune-1', 'kmeans', 'validation:accuracy')).rejects.toThrow(
    'objective.metricName: k-means reports test:msd, test:ssd; validation:accuracy is not one of them',
  );
  expect((await tune('km-tune-2', 'kmeans', 'test:msd')).status).toBe('InProgress');
  await expect(tune('pca-tune', 'pca', 'test:msd')).rejects.toThrow(
    'objective.metricName: Principal component analysis reports no metric a tuning job can optimise',
  );
});

test('a model image outside the allowed repositories is refused, and in local mode any image is', async () => {
  const aws = await world('aws');
  const models = callerFor(aws.services, aws.member).models;
  await expect(
    models.create({
      project: aws.project,
      name: 'served-other',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/other/server:2',
    }),
  ).rejects.toThrow(/^image: .*other\/server:2 is not in a repository your administrator allows/);
  await expect(
    models.create({ project: aws.project, name: 'served-odd', image: 'my server' }),
  ).rejects.toThrow(/^image: must be sklearn, a built-in algorithm or an ECR image URI/);
  await models.create({
    project: aws.project,
    name: 'served-own',
    image: `${allowedRepository}:2`,
  });
  expect(aws.modelContainers.map((container) => container.image)).toEqual([
    `${allowedRepository}:2`,
  ]);

  const local = await world('local');
  await expect(
    callerFor(local.services, local.member).models.create({
      project: local.project,
      name: 'served-local',
      image: `${allowedRepository}:2`,
    }),
  ).rejects.toThrow(/^image: Local mode runs .* container images .* run on AWS only/);
});
