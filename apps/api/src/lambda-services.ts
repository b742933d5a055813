/**
 * The composition root every Lambda entry shares (API, sweep, events): settings from the
 * environment, the session secret from Secrets Manager, and the AWS clients for the region.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';

import { createDocumentClient } from '@mlspace/db';

import { composeServices } from './compose';
import { awsComputeBackend } from './compute-backend';
import type { Env } from './env';
import { resolveSessionSecret } from './session-secret';
import type { ApiServices } from './services';
import { resolveSettings } from './settings';

export async function composeLambdaServices(env: Env): Promise<ApiServices> {
  const settings = resolveSettings(env, await resolveSessionSecret(env));
  // The endpoint is only set when pointing a Lambda entry at DynamoDB Local (tests, benchmarks).
  const dynamoConfig = { region: settings.dynamoDb.region, endpoint: env.DYNAMODB_ENDPOINT };
  const dynamoClient = new DynamoDBClient(dynamoConfig);
  return composeServices(settings, {
    compute: awsComputeBackend(settings),
    documentClient: createDocumentClient(dynamoConfig),
    healthChecks: {
      dynamodb: async () => {
        await dynamoClient.send(new DescribeTableCommand({ TableName: settings.dynamoDb.tableName }));
      },
    },
  });
}
