import {
  DynamoDBClient,
  GetItemCommand,
  type DynamoDBClientConfig,
  type TransactWriteItemsInput,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { unreachableAsUnavailable } from '@mlspace/core';

import { tableLayout } from './table';

/**
 * Every call to the database is bounded: a stalled or dead DynamoDB answers within 5 s as a
 * DependencyUnavailableError, never a hang. On AWS, two attempts of at most 2 s each (plus the
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

/**
 * DynamoDB Local never throttles, so the only failures a retry could help with are timeouts, and
 * retrying those is harmful: the first attempt may still be applied (a slow JVM, a busy disk),
 * and its retry then fails ("already exists") for a write that succeeded. One attempt, given
 * the whole 4 s.
 */
export const localDatabaseCallLimits = {
  maxAttempts: 1,
  requestHandler: {
    connectionTimeout: 1_000,
    socketTimeout: 4_000,
    requestTimeout: 4_000,
    throwOnRequestTimeout: true,
  },
} satisfies DynamoDBClientConfig;

export const databaseUnavailableMessage = 'The database is not answering; try again shortly';

/**
 * A DynamoDB client with the call limits above; `config` may override them. With an endpoint
 * (DynamoDB Local) a transaction returns only once it is committed to disk: see below.
 */
export function createDynamoDbClient(config: DynamoDBClientConfig = {}): DynamoDBClient {
  const local = config.endpoint !== undefined;
  const client = new DynamoDBClient({
    ...(local ? localDatabaseCallLimits : databaseCallLimits),
    ...config,
  });
  client.middlewareStack.add(unreachableAsUnavailable('database', databaseUnavailableMessage), {
    step: 'initialize',
    priority: 'high',
    name: 'databaseUnavailable',
  });
  if (local) awaitLocalCommits(client);
  return client;
}

/**
 * DynamoDB Local answers TransactWriteItems as soon as it has queued the SQLite COMMIT, without
 * waiting for it (its commitTransaction hands the COMMIT to sqlite4java's single job queue and
 * returns). A kill in that window rolls back a transaction the caller was told had succeeded.
 * Every later read runs on the same queue after that COMMIT, so waiting for one read before
 * returning makes each acknowledged transaction durable (docs/decisions/009). Single-item
 * writes already wait for their own commit.
 */
function awaitLocalCommits(client: DynamoDBClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'TransactWriteItemsCommand') {
        const input = args.input as TransactWriteItemsInput;
        const first = input.TransactItems?.[0];
        const tableName =
          first?.Put?.TableName ??
          first?.Update?.TableName ??
          first?.Delete?.TableName ??
          first?.ConditionCheck?.TableName;
        if (tableName) {
          await client.send(
            new GetItemCommand({
              TableName: tableName,
              Key: {
                [tableLayout.partitionKey]: { S: '#commit-barrier' },
                [tableLayout.sortKey]: { S: '#commit-barrier' },
              },
            }),
          );
        }
      }
      return result;
    },
    { step: 'initialize', name: 'awaitLocalCommit' },
  );
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
