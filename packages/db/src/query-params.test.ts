import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect, test } from 'vitest';

import { createModel } from './model';
import { partitionKeyOf, queryParams } from './query-params';

// Building params sends nothing, so the client never needs a reachable endpoint.
const model = createModel(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
  'mlspace-test',
);

test("a principal query's params name its index and its partition key as #pk and :pk", () => {
  const params = queryParams(
    model.entities.projectMember.query
      .byPrincipal({ principalType: 'user', principalId: 'alice' })
      .params(),
  );
  expect(params.TableName).toBe('mlspace-test');
  expect(params.IndexName).toBe('gsi2');
  const partitionKey = partitionKeyOf(params);
  expect(partitionKey.name).toBe('gsi2pk');
  expect(partitionKey.value).toEqual(expect.stringContaining('alice'));
});

test('reading params refuses a value that is not a built query', () => {
  expect(() => queryParams({ TableName: 'mlspace-test' })).toThrow(/key condition/);
  expect(() => queryParams(undefined)).toThrow(/key condition/);
});

test('reading the partition key refuses params without #pk', () => {
  const params = queryParams({
    TableName: 'mlspace-test',
    KeyConditionExpression: '#other = :other',
    ExpressionAttributeNames: { '#other': 'gsi1pk' },
    ExpressionAttributeValues: { ':other': 'x' },
  });
  expect(() => partitionKeyOf(params)).toThrow(/partition key/);
});
