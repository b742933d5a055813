import { randomUUID } from 'node:crypto';

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';

import type {} from './dynamodb-global-setup';

import { createDocumentClient, localDynamoDbConfig } from '../client';
import { createTableIfMissing } from '../create-table';

/** A fresh table on the run's DynamoDB Local, so test files never see each other's data. */
export async function createTestTable() {
  const endpoint = inject('dynamoDbEndpoint');
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(endpoint)) {
    throw new Error(`Integration tests run only against a local DynamoDB, not ${endpoint}`);
  }
  const config = localDynamoDbConfig(endpoint);
  const tableName = `test-${randomUUID()}`;
  await createTableIfMissing(new DynamoDBClient(config), tableName);
  return { tableName, client: createDocumentClient(config), endpoint };
}
