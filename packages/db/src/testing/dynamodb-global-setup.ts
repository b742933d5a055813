import type { TestProject } from 'vitest/node';

import { findFreePort, startDynamoDbLocal } from '@mlspace/local';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

/** Vitest globalSetup: one in-memory DynamoDB Local per test run; each test file makes its own table. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal({ port: await findFreePort() });
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
