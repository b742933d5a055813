/**
 * A stalled or dead dependency (DynamoDB, S3) must be answered with 503 naming it, within 5 s,
 * with none of its internals (addresses, socket errors, library wording) in the answer.
 */
import net from 'node:net';

import { afterEach, beforeAll, expect, test } from 'vitest';

import { createDatasetStorage, createS3Client } from '@mlspace/aws';
import { DependencyUnavailableError } from '@mlspace/core';
import { createDb, createDocumentClient, localDynamoDbConfig } from '@mlspace/db';
import { findFreePort, localS3ClientConfig } from '@mlspace/local';

import { toTRPCError } from '../src/errors';
import { createApiHandler } from '../src/http/api-handler';
import { withEveryRouterLoaded } from '../src/root';
import { createConfigService } from '../src/services/config-service';
import { createTestServices } from './harness';

// The 5 s are the dependency's: a router's first load (compiled from TypeScript by the test
// runner, under a busy CI) is no part of them.
beforeAll(() => withEveryRouterLoaded(), 60_000);

const stalledServers: net.Server[] = [];
afterEach(() => {
  for (const server of stalledServers.splice(0)) server.close();
});

/** Accepts connections and never answers: what a paused (SIGSTOP) or wedged dependency looks like. */
async function stalledEndpoint(): Promise<string> {
  const held: net.Socket[] = [];
  const server = net.createServer((socket) => held.push(socket));
  server.on('close', () => held.forEach((socket) => socket.destroy()));
  stalledServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

async function servicesOnDatabase(endpoint: string) {
  const db = createDb({
    client: createDocumentClient(localDynamoDbConfig(endpoint)),
    tableName: 'mlspace',
  });
  return createTestServices({
    db,
    configService: createConfigService({ db, mode: 'local', cacheMs: 0 }),
  });
}

const internals = /127\.0\.0\.1|ECONN|electrodb|socket|Timeout/i;

test.each([
  ['stalled', stalledEndpoint],
  ['gone (connection refused)', async () => `http://127.0.0.1:${await findFreePort()}`],
])('a %s database gets 503 naming the database within 5 s', async (_state, endpoint) => {
  const handleApi = createApiHandler(await servicesOnDatabase(await endpoint()));
  const started = performance.now();

  const response = await handleApi(new Request('http://localhost:3999/api/trpc/config.public'));
  const elapsedMs = performance.now() - started;

  const body = await response.text();
  expect(response.status).toBe(503);
  expect(JSON.parse(body).error.message).toBe('The database is not answering; try again shortly');
  expect(body).not.toMatch(internals);
  expect(elapsedMs).toBeLessThan(5_000);
});

test('a stalled database while resolving the caller (context creation) gets 503, not 500', async () => {
  const services = await servicesOnDatabase(await stalledEndpoint());
  const handleApi = createApiHandler({
    ...services,
    oidc: {
      ...services.oidc,
      verifyBearerToken: async () => ({
        subject: 'dora',
        preferredUsername: 'dora',
        email: 'dora@example.com',
        displayName: 'Dora',
      }),
    },
  });

  const response = await handleApi(
    new Request('http://localhost:3999/api/trpc/me.get', {
      headers: { authorization: 'Bearer token' },
    }),
  );

  const body = await response.text();
  expect(response.status).toBe(503);
  expect(JSON.parse(body).error.data.code).toBe('SERVICE_UNAVAILABLE');
  expect(body).not.toMatch(internals);
});

test('a stalled S3 fails within 5 s as storage being unavailable, which the API answers with 503', async () => {
  const storage = createDatasetStorage({
    client: createS3Client(localS3ClientConfig(await stalledEndpoint())),
    bucket: 'mlspace-data',
  });
  const started = performance.now();

  const error = await storage
    .listObjects('datasets/x/', { limit: 10 })
    .catch((caught: unknown) => caught);

  expect(performance.now() - started).toBeLessThan(5_000);
  expect(error).toBeInstanceOf(DependencyUnavailableError);
  expect((error as Error).message).toBe('Storage (S3) is not answering; try again shortly');
  expect(toTRPCError(error)?.code).toBe('SERVICE_UNAVAILABLE');
});

test('health answers within its own timeout when a probe never returns', async () => {
  const services = await createTestServices({
    healthChecks: { dynamodb: () => new Promise<void>(() => {}), s3: async () => {} },
  });
  const started = performance.now();

  const response = await createApiHandler(services)(
    new Request('http://localhost:3999/api/health'),
  );

  expect(performance.now() - started).toBeLessThan(3_000);
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({
    dependencies: { dynamodb: { ok: false, error: 'did not answer within 2 s' }, s3: { ok: true } },
  });
});
