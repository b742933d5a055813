import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { expect, inject, test } from 'vitest';

import { createTestTable } from './testing';

import { localDynamoDbConfig } from './client';
import { createTableIfMissing } from './create-table';

test('the table is created with every index of the layout, and creating it again is harmless', async () => {
  const { tableName } = await createTestTable();
  const client = new DynamoDBClient(localDynamoDbConfig(inject('dynamoDbEndpoint')));

  await createTableIfMissing(client, tableName);
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));

  expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([
    'gsi1',
    'gsi2',
    'gsi3',
  ]);
});
