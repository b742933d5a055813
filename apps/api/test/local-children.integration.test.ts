/**
 * Local mode's children under faults: DynamoDB Local and s3rver are restarted when they die, and
 * a paused one is answered with 503 naming it within 5 s; the API recovers by itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, expect, test, vi } from 'vitest';

import { createS3Client } from '@mlspace/aws';
import {
  createDb,
  createDocumentClient,
  createDynamoDbClient,
  createTableIfMissing,
  localDynamoDbConfig,
} from '@mlspace/db';
import {
  findFreePort,
  localS3ClientConfig,
  startDynamoDbLocal,
  startLocalS3,
  type ManagedProcess,
} from '@mlspace/local';

import { createApiHandler } from '../src/http/api-handler';
import { createConfigService } from '../src/services/config-service';
import { createTestServices } from './harness';

// Each test starts a JVM (DynamoDB Local) at least twice: seconds on an idle machine, far more on a busy one.
vi.setConfig({ testTimeout: 240_000 });

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlspace-children-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function keep<T extends ManagedProcess>(child: T): T {
  cleanups.push(() => child.stop());
  return child;
}

async function eventually<T>(attempt: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

test('a killed DynamoDB Local is restarted on its data and requests succeed again', async () => {
  const logged: string[] = [];
  const dynamo = keep(
    await startDynamoDbLocal({
      port: await findFreePort(),
      dataDir: tempDir(),
      log: (line) => logged.push(line),
    }),
  );
  const config = localDynamoDbConfig(dynamo.endpoint);
  await createTableIfMissing(
    createDynamoDbClient({ ...config, requestHandler: { requestTimeout: 60_000 } }),
    'mlspace',
  );
  const client = createDocumentClient(config);
  await client.send(new PutCommand({ TableName: 'mlspace', Item: { pk: 'a', sk: 'b', n: 1 } }));
  const firstPid = dynamo.pid!;

  process.kill(firstPid, 'SIGKILL');
  await eventually(async () => expect(dynamo.restarts).toBe(1));
  const item = await eventually(async () => {
    const result = await client.send(
      new GetCommand({ TableName: 'mlspace', Key: { pk: 'a', sk: 'b' } }),
    );
    return result.Item;
  });

  expect(item).toMatchObject({ n: 1 });
  expect(dynamo.restarts).toBe(1);
  expect(dynamo.pid).not.toBe(firstPid);
  expect(logged).toEqual([
    expect.stringMatching(/^DynamoDB Local stopped unexpectedly \(SIGKILL\); restarting it in/),
  ]);
});

test('a killed local S3 is restarted and answers again', async () => {
  const s3 = keep(
    await startLocalS3({
      port: await findFreePort(),
      dataDir: tempDir(),
      buckets: ['mlspace-data'],
      corsOrigins: [],
      log: () => {},
    }),
  );
  const client = createS3Client(localS3ClientConfig(s3.endpoint));

  process.kill(s3.pid!, 'SIGKILL');
  // A request sent before the kernel has torn the old process down can still be answered by it,
  // so wait for the supervisor to notice the death before asking the new one.
  await eventually(async () => expect(s3.restarts).toBe(1));
  await eventually(() => client.send(new HeadBucketCommand({ Bucket: 'mlspace-data' })));

  expect(s3.restarts).toBe(1);
});

test('a paused DynamoDB Local gets 503 naming the database within 5 s, and the API recovers when it resumes', async () => {
  const dynamo = keep(await startDynamoDbLocal({ port: await findFreePort(), log: () => {} }));
  const config = localDynamoDbConfig(dynamo.endpoint);
  await createTableIfMissing(
    createDynamoDbClient({ ...config, requestHandler: { requestTimeout: 60_000 } }),
    'mlspace',
  );
  const db = createDb({ client: createDocumentClient(config), tableName: 'mlspace' });
  const handleApi = createApiHandler(
    await createTestServices({
      db,
      configService: createConfigService({ db, mode: 'local', cacheMs: 0 }),
    }),
  );
  const ask = () => handleApi(new Request('http://localhost:3999/api/trpc/config.public'));
  expect((await ask()).status).toBe(200);

  process.kill(dynamo.pid!, 'SIGSTOP');
  cleanups.push(() => void process.kill(dynamo.pid!, 'SIGCONT'));
  const started = performance.now();
  const paused = await ask();
  const elapsedMs = performance.now() - started;
  process.kill(dynamo.pid!, 'SIGCONT');
  const resumed = await eventually(async () => {
    const response = await ask();
    if (response.status !== 200) throw new Error(`still ${response.status}`);
    return response;
  });

  expect(paused.status).toBe(503);
  expect(((await paused.json()) as { error: { message: string } }).error.message).toBe(
    'The database is not answering; try again shortly',
  );
  expect(elapsedMs).toBeLessThan(5_000);
  expect(resumed.status).toBe(200);
});
