/**
 * The composition root every Lambda entry shares (API, sweep, events): settings from the
 * environment, secrets from Secrets Manager, and the AWS clients for the region.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

import type { ComputeBackend } from '@mlspace/core';
import { createDocumentClient, createDynamoDbClient } from '@mlspace/db';

import { composeServices } from './compose';
import type { Env } from './env';
import { lazyComputeBackend } from './lazy-compute-backend';
import { resolveSecret } from './secret';
import type { ApiServices } from './services';
import type { ApiSettings } from './settings';
import { resolveSettings } from './settings';

export interface LambdaEntry {
  /** Only the API talks to the IdP as its client; the jobs are not given the client secret. */
  signsUsersIn: boolean;
}

export async function composeLambdaServices(env: Env, entry: LambdaEntry): Promise<ApiServices> {
  const secretsManager = new SecretsManagerClient({ region: env.AWS_REGION });
  // The client secret first: when it is missing the cold start stops before any call is made.
  const oidcClient = entry.signsUsersIn
    ? await resolveSecret(
        {
          name: 'OIDC_CLIENT_SECRET',
          value: env.OIDC_CLIENT_SECRET,
          arn: env.OIDC_CLIENT_SECRET_ARN,
          minimumLength: 1,
        },
        secretsManager,
      )
    : '';
  const session = await resolveSecret(
    {
      name: 'MLSPACE_SESSION_SECRET',
      value: env.MLSPACE_SESSION_SECRET,
      arn: env.MLSPACE_SESSION_SECRET_ARN,
      minimumLength: 32,
    },
    secretsManager,
  );
  const settings = resolveSettings(env, { session, oidcClient });
  // The endpoint is only set when pointing a Lambda entry at DynamoDB Local (tests, benchmarks).
  const dynamoConfig = { region: settings.dynamoDb.region, endpoint: env.DYNAMODB_ENDPOINT };
  const dynamoClient = createDynamoDbClient(dynamoConfig);
  const documentClient = createDocumentClient(dynamoConfig);
  return composeServices(settings, {
    compute: lazyAwsComputeBackend(settings, documentClient),
    documentClient,
    healthChecks: {
      dynamodb: async () => {
        await dynamoClient.send(
          new DescribeTableCommand({ TableName: settings.dynamoDb.tableName }),
        );
      },
    },
  });
}

/**
 * The AWS compute backend, loaded on its first use (see lazyComputeBackend). Its kinds are those
 * awsComputeBackend gives, which a test checks.
 */
export function lazyAwsComputeBackend(
  settings: ApiSettings,
  documentClient: DynamoDBDocumentClient,
): ComputeBackend {
  return lazyComputeBackend({
    name: 'aws',
    kinds: [
      'notebooks',
      'trainingJobs',
      'tuningJobs',
      'transformJobs',
      'models',
      'endpointConfigs',
      'endpoints',
      'labelingJobs',
      'clusters',
      'translation',
      'terminologies',
      'translationJobs',
      'foundationModels',
    ],
    deletesRoles: Boolean(settings.compute.userScopedRoles),
    load: async () =>
      (await import('./compute-backend')).awsComputeBackend(settings, documentClient),
  });
}
