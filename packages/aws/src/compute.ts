import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient } from '@aws-sdk/client-iam';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';

import { createComputeEventBus, type ComputeBackend } from '@mlspace/core';

import { controlPlaneCallLimits } from './client-limits';
import type { createSageMakerJobs } from './jobs';
import { deleteProjectUserRoles } from './notebooks/project-user-role-deletion';
import { deleteUserRoles } from './user-role-deletion';
import {
  createSageMakerNotebookBackend,
  type SageMakerNotebookClients,
  type SageMakerNotebookSettings,
} from './notebooks/backend';

/** The AWS implementation of the compute-backend port. Clients are injected; nothing reads the environment. */
export function createAwsComputeBackend(
  clients: SageMakerNotebookClients,
  settings: SageMakerNotebookSettings,
  /** Training, tuning, transform, models and endpoints (createSageMakerJobs in ./jobs). */
  jobs?: ReturnType<typeof createSageMakerJobs>,
): ComputeBackend {
  const events = createComputeEventBus((error) =>
    console.error('A compute status listener failed:', error),
  );
  const roles = settings.userScopedRoles;
  return {
    name: 'aws',
    events,
    notebooks: createSageMakerNotebookBackend(clients, settings, events),
    ...jobs,
    ...(roles
      ? {
          deleteProjectRoles: (project: string) =>
            deleteProjectUserRoles(clients.iam, roles, project),
          deleteUserRoles: (username: string, projects: readonly string[]) =>
            deleteUserRoles(clients.iam, roles, username, projects),
        }
      : {}),
    shutdown: async () => {},
  };
}

/** Default clients for a region (the Lambda's role provides credentials). */
export function awsComputeClients(region: string): SageMakerNotebookClients {
  return {
    sagemaker: new SageMakerClient({ region, ...controlPlaneCallLimits }),
    iam: new IAMClient({ region, ...controlPlaneCallLimits }),
    logs: new CloudWatchLogsClient({ region, ...controlPlaneCallLimits }),
  };
}
