import {
  awsComputeClients,
  awsJobsClients,
  createAwsComputeBackend,
  createSageMakerJobs,
} from '@mlspace/aws';
import type { ComputeBackend } from '@mlspace/core';

import type { ApiSettings } from './settings';

/** The AWS compute backend for the deployment's region (Lambda, or a local server with `MLSPACE_BACKEND=aws`). */
export function awsComputeBackend(settings: ApiSettings): ComputeBackend {
  const { userScopedRoles, ...compute } = settings.compute;
  const roles = userScopedRoles
    ? { ...userScopedRoles, dataBucket: settings.s3.dataBucket }
    : undefined;
  // Jobs, models and endpoints run as the same role as notebooks (the reference's pSMSRoleARN).
  const jobs = createSageMakerJobs(awsJobsClients(settings.dynamoDb.region), {
    region: settings.dynamoDb.region,
    systemTag: compute.systemTag,
    kmsKeyId: compute.kmsKeyId,
    subnetIds: compute.subnetIds,
    securityGroupIds: compute.securityGroupIds,
    executionRoleArn: compute.notebookRoleArn,
    userScopedRoles: roles,
  });
  return createAwsComputeBackend(
    awsComputeClients(settings.dynamoDb.region),
    { ...compute, userScopedRoles: roles },
    jobs,
  );
}
