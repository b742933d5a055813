import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import path from 'node:path';

import { createS3Client } from '@mlspace/aws';
import {
  createDocumentClient,
  createDynamoDbClient,
  createTableIfMissing,
  localDynamoDbConfig,
} from '@mlspace/db';
import {
  assertPortFree,
  createDevIdentityProvider,
  endLeftoverProcesses,
  localS3ClientConfig,
  recordProcessesIn,
  seededDevUsers,
  startDynamoDbLocal,
  startLocalS3,
  type ManagedProcess,
} from '@mlspace/local';

import type { Env } from '../env';
import { healthCheckTimeoutMs } from '../http/health';
import type { ApiSettings } from '../settings';

/** Starts every embedded dependency of local mode, in order, and returns how to reach and stop them. */
export async function startLocalStack(env: Env, settings: ApiSettings) {
  // A run killed without a chance to stop its children (kill -9, the OOM killer) left them
  // holding ports and data; end them first, and keep a record of this run's children.
  const recordsDir = path.join(settings.dataDir, 'processes');
  const ended = await endLeftoverProcesses(recordsDir);
  if (ended.length > 0)
    console.log(
      `Ended ${ended.length} ${ended.length === 1 ? 'process' : 'processes'} left by an earlier MLSpace run: ${ended.join(', ')}`,
    );
  recordProcessesIn(recordsDir);
  await assertPortFree(env.PORT, 'MLSpace', 'PORT');
  await assertPortFree(env.DYNAMODB_PORT, 'DynamoDB Local', 'DYNAMODB_PORT');
  await assertPortFree(env.S3_PORT, 'local S3', 'S3_PORT');

  const processes: ManagedProcess[] = [];
  const stop = async () => {
    await Promise.allSettled(processes.reverse().map((process) => process.stop()));
  };
  try {
    const dynamo = await startDynamoDbLocal({
      port: env.DYNAMODB_PORT,
      dataDir: path.join(settings.dataDir, 'dynamodb'),
    });
    processes.push(dynamo);
    const dynamoConfig = localDynamoDbConfig(dynamo.endpoint);
    const dynamoClient = createDynamoDbClient(dynamoConfig);
    // Not a user's request: a JVM that has just started may take a while to create the table.
    await createTableIfMissing(
      createDynamoDbClient({ ...dynamoConfig, requestHandler: { requestTimeout: 60_000 } }),
      settings.dynamoDb.tableName,
    );

    const s3 = await startLocalS3({
      port: env.S3_PORT,
      dataDir: path.join(settings.dataDir, 's3'),
      buckets: [settings.s3.dataBucket],
      corsOrigins: [new URL(settings.publicUrl).origin],
    });
    processes.push(s3);
    const s3Client = createS3Client(localS3ClientConfig(s3.endpoint));

    const idp = await createDevIdentityProvider({
      issuer: settings.oidc.issuer,
      dataDir: path.join(settings.dataDir, 'idp'),
      clients: [
        {
          clientId: settings.oidc.clientId,
          clientSecret: settings.oidc.clientSecret,
          redirectUris: [`${settings.publicUrl}/api/auth/callback`],
          postLogoutRedirectUris: [`${settings.publicUrl}/signin?signedOut=1`],
        },
      ],
      users: seededDevUsers,
    });

    return {
      documentClient: createDocumentClient(dynamoConfig),
      s3Client,
      idp,
      users: seededDevUsers,
      healthChecks: {
        dynamodb: async () => {
          await dynamoClient.send(new ListTablesCommand({ Limit: 1 }));
        },
        s3: async () => {
          await s3Client.send(new HeadBucketCommand({ Bucket: settings.s3.dataBucket }));
        },
        identityProvider: async () => {
          const response = await fetch(`${settings.oidc.issuer}/.well-known/openid-configuration`, {
            signal: AbortSignal.timeout(healthCheckTimeoutMs),
          });
          if (!response.ok) throw new Error(`discovery returned ${response.status}`);
        },
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
