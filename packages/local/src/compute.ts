import path from 'node:path';

import type { S3Client } from '@aws-sdk/client-s3';
import { createComputeEventBus, type ComputeBackend } from '@mlspace/core';

import { createLocalClusters, type LocalClusters } from './clusters';
import { createLocalJobs } from './jobs/local-jobs';
import { createLocalTranslation } from './translation/backend';

import { createLocalNotebookBackend, type LocalNotebookBackend } from './notebooks/backend';
import type { JupyterCommands } from './notebooks/requirements';

export interface LocalComputeBackend extends ComputeBackend {
  readonly notebooks: LocalNotebookBackend;
  readonly clusters: LocalClusters;
}

/** The local implementation of the compute-backend port: processes on this machine under `dataDir`. */
export function createLocalComputeBackend(options: {
  dataDir: string;
  jupyter?: JupyterCommands;
  /** Local S3 (s3rver): with it, jobs, models and endpoints run here too. */
  s3?: S3Client;
}): LocalComputeBackend {
  const events = createComputeEventBus((error) =>
    console.error('A compute status listener failed:', error),
  );
  const notebooks = createLocalNotebookBackend({
    notebooksDir: path.join(options.dataDir, 'notebooks'),
    events,
    commands: options.jupyter,
  });
  const clusters = createLocalClusters({
    rootDir: path.join(options.dataDir, '.mlspace', 'clusters'),
    events,
  });
  const translation = createLocalTranslation({
    rootDir: path.join(options.dataDir, '.mlspace'),
    events,
    s3: options.s3,
  });
  const jobs = options.s3
    ? createLocalJobs({ s3: options.s3, rootDir: path.join(options.dataDir, '.mlspace'), events })
    : undefined;
  return {
    name: 'local',
    events,
    notebooks,
    ...(jobs ?? {}),
    translation: translation.translation,
    terminologies: translation.terminologies,
    translationJobs: translation.translationJobs,
    clusters,
    shutdown: async () => {
      await Promise.all([
        notebooks.shutdown(),
        jobs?.shutdown(),
        translation.shutdown(),
        clusters.shutdown(),
      ]);
    },
  };
}
