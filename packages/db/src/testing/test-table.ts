import { randomUUID } from 'node:crypto';

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';

import type {} from './dynamodb-global-setup';

import { createDocumentClient, localDynamoDbConfig } from '../client';
import { createTableIfMissing } from '../create-table';

/**
 * Ordinary integration tests share two cores with a JVM and several test files; the product's
 * 4 s database limit is for users waiting on a page, not for a test's setup. Tests of the limit
 * itself build their own clients with the product's settings.
 */
const patientTestLimits = {
  requestHandler: {
    connectionTimeout: 5_000,
    socketTimeout: 30_000,
    requestTimeout: 30_000,
    throwOnRequestTimeout: true,
  },
};

/** A fresh table on the run's DynamoDB Local, so test files never see each other's data. */
export async function createTestTable() {
  const endpoint = inject('dynamoDbEndpoint');
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(endpoint)) {
    throw new Error(`Integration tests run only against a local DynamoDB, not ${endpoint}`);
  }
  const config = localDynamoDbConfig(endpoint);
  const tableName = `test-${randomUUID()}`;
  await createTableIfMissing(new DynamoDBClient(config), tableName);
  return {
    tableName,
    client: createDocumentClient({ ...config, ...patientTestLimits }),
    endpoint,
  };
}
