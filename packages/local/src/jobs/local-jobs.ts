import path from 'node:path';

import type { S3Client } from '@aws-sdk/client-s3';
import type { ComputeEventBus } from '@mlspace/core';

import { createLocalEndpoints } from './endpoints';
import { createLocalEndpointConfigs, createLocalModels } from './models';
import { createLocalTrainingJobs } from './training-runner';
import { createLocalTransformJobs } from './transform-runner';
import { createLocalTuningJobs } from './tuning-runner';

export interface LocalJobsOptions {
  s3: S3Client;
  /** `<data dir>/.mlspace`; each kind gets a folder below it (`jobs/<name>/`, `endpoints/<name>/`...). */
  rootDir: string;
  events: ComputeEventBus;
  python?: string;
}

/** Training, tuning and transform jobs, models, endpoint configs and endpoints on this machine. */
export function createLocalJobs(options: LocalJobsOptions) {
  const dir = (name: string) => path.join(options.rootDir, name);
  const { s3, events, python } = options;
  const trainingJobs = createLocalTrainingJobs({ s3, rootDir: dir('jobs'), events, python });
  const tuningJobs = createLocalTuningJobs({
    rootDir: dir('tuning'),
    events,
    training: trainingJobs,
  });
  const models = createLocalModels(dir('models'));
  const endpointConfigs = createLocalEndpointConfigs(dir('endpoint-configs'), models);
  const transformJobs = createLocalTransformJobs({
    s3,
    rootDir: dir('transform'),
    events,
    models,
    python,
  });
  const endpoints = createLocalEndpoints({
    s3,
    rootDir: dir('endpoints'),
    events,
    models,
    endpointConfigs,
    python,
  });
  return {
    trainingJobs,
    tuningJobs,
    transformJobs,
    models,
    endpointConfigs,
    endpoints,
    async shutdown() {
      await Promise.all([tuningJobs.shutdown(), transformJobs.shutdown(), endpoints.shutdown()]);
      await trainingJobs.shutdown();
    },
  };
}
