import { awsComputeClients, createAwsComputeBackend } from '@mlspace/aws';
import type { ComputeBackend } from '@mlspace/core';

import type { ApiSettings } from './settings';

/** The AWS compute backend for the deployment's region (Lambda, or a local server with `MLSPACE_BACKEND=aws`). */
export function awsComputeBackend(settings: ApiSettings): ComputeBackend {
  const { userScopedRoles, ...compute } = settings.compute;
  return createAwsComputeBackend(awsComputeClients(settings.dynamoDb.region), {
    ...compute,
    userScopedRoles: userScopedRoles
      ? { ...userScopedRoles, dataBucket: settings.s3.dataBucket }
      : undefined,
  });
}
