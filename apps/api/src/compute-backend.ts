import {
  awsClusterBackend,
  bedrockClients,
  createBedrockFoundationModels,
  awsComputeClients,
  awsJobsClients,
  awsTranslationBackend,
  createAwsComputeBackend,
  createSageMakerJobs,
} from '@mlspace/aws';
import { effectiveAllowedModels, type ComputeBackend } from '@mlspace/core';
import { createDb } from '@mlspace/db';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

import { currentConfig } from './services/config-service';
import { groupDatasetPrefixes } from './services/group-dataset-prefixes';
import type { ApiSettings } from './settings';

/**
 * The AWS compute backend for the deployment's region (Lambda, or a local server with
 * `MLSPACE_BACKEND=aws`). Project-user roles read the table for the group datasets their user
 * reaches and the configuration's instance types and image repositories, so IAM grants what the dataset policy and the
 * configuration grant.
 */
export function awsComputeBackend(
  settings: ApiSettings,
  documentClient: DynamoDBDocumentClient,
): ComputeBackend {
  const { userScopedRoles, emr, ...compute } = settings.compute;
  // Built on first use: constructing the model is a measurable part of the Lambda's cold start,
  // and only a project-user role's first use needs it here.
  let db: ReturnType<typeof createDb> | undefined;
  const table = () =>
    (db ??= createDb({ client: documentClient, tableName: settings.dynamoDb.tableName }));
  const roles = userScopedRoles
    ? {
        ...userScopedRoles,
        dataBucket: settings.s3.dataBucket,
        groupDatasetPrefixes: (username: string) => groupDatasetPrefixes(table(), username),
        configuredLimits: async () => {
          const config = await currentConfig(table(), settings.mode);
          return {
            instanceTypes: config.instanceTypes,
            allowedImageRepositories: config.allowedImageRepositories,
            allowedFoundationModels: {
              region: settings.dynamoDb.region,
              modelIds: effectiveAllowedModels(config, settings.mode),
            },
          };
        },
      }
    : undefined;
  // Jobs, models and endpoints run as the same role as notebooks (the reference's pSMSRoleARN).
  const jobsClients = awsJobsClients(settings.dynamoDb.region);
  const jobs = createSageMakerJobs(jobsClients, {
    region: settings.dynamoDb.region,
    systemTag: compute.systemTag,
    kmsKeyId: compute.kmsKeyId,
    subnetIds: compute.subnetIds,
    securityGroupIds: compute.securityGroupIds,
    executionRoleArn: compute.notebookRoleArn,
    userScopedRoles: roles,
  });
  const clusters = awsClusterBackend(settings.dynamoDb.region, {
    ...emr,
    systemTag: compute.systemTag,
    subnetIds: compute.subnetIds,
  });
  return {
    ...createAwsComputeBackend(
      awsComputeClients(settings.dynamoDb.region),
      { ...compute, userScopedRoles: roles },
      jobs,
    ),
    clusters,
    foundationModels: createBedrockFoundationModels(bedrockClients(settings.dynamoDb.region)),
    // Batch jobs read and write as the project's role, as the SageMaker jobs do.
    ...awsTranslationBackend(
      { iam: jobsClients.iam, s3: new S3Client({ region: settings.dynamoDb.region }) },
      {
        region: settings.dynamoDb.region,
        systemTag: compute.systemTag,
        kmsKeyId: compute.kmsKeyId,
        executionRoleArn: compute.notebookRoleArn,
        userScopedRoles: roles,
      },
    ),
  };
}
