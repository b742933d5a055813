import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { unreachableAsUnavailable } from '@mlspace/core';

/**
 * Every call to the database is bounded: a stalled or dead DynamoDB (Local) answers within
 * 5 s as a DependencyUnavailableError, never a hang. Two attempts of at most 2 s each (plus the
 * SDK's short backoff) stay under that. (Without throwOnRequestTimeout the SDK only warns.)
 */
export const databaseCallLimits = {
  maxAttempts: 2,
  requestHandler: {
    connectionTimeout: 1_000,
    socketTimeout: 2_000,
    requestTimeout: 2_000,
    throwOnRequestTimeout: true,
  },
} satisfies DynamoDBClientConfig;

export const databaseUnavailableMessage = 'The database is not answering; try again shortly';

/** A DynamoDB client with the call limits above; `config` may override them. */
export function createDynamoDbClient(config: DynamoDBClientConfig = {}): DynamoDBClient {
  const client = new DynamoDBClient({ ...databaseCallLimits, ...config });
  client.middlewareStack.add(unreachableAsUnavailable('database', databaseUnavailableMessage), {
    step: 'initialize',
    priority: 'high',
    name: 'databaseUnavailable',
  });
  return client;
}

/** Builds the document client the entities use. In local mode pass DynamoDB Local's endpoint. */
export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoDbClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** DynamoDB Local accepts any credentials; fixed ones keep every client on one shared database. */
export function localDynamoDbConfig(endpoint: string): DynamoDBClientConfig {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}
