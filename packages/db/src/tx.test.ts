import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect, test } from 'vitest';

import { ConflictError } from '@mlspace/core';

import { createModel, type Model } from './model';
import type { TransactionOutcome } from './transaction';
import { writeTransaction, type TxOp } from './tx';

type Params = {
  TransactItems: Record<
    string,
    { Key?: Record<string, unknown>; Item?: Record<string, unknown> }
  >[];
};

/** The real model's transaction params, with outcomes played back instead of DynamoDB. */
function recordingModel(outcomes: TransactionOutcome[]) {
  const model = createModel(
    DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
    'table',
  );
  const sent: Params[] = [];
  const recording = {
    transaction: {
      write: (callback: Parameters<Model['transaction']['write']>[0]) => ({
        go: async () => {
          sent.push(model.transaction.write(callback).params());
          return outcomes.shift() ?? { canceled: false, data: [] };
        },
      }),
    },
  } as unknown as Model;
  const keysOf = (params: Params) =>
    params.TransactItems.map((item) => {
      const written = Object.values(item)[0];
      return (written?.Key ?? written?.Item)?.pk;
    });
  return { model: recording, sent, keysOf };
}

const createProject: TxOp = ({ project }) =>
  project
    .create({
      name: 'alpha',
      description: '',
      searchText: 'alpha',
      suspended: false,
      ownerCount: 1,
      createdBy: 'olivia',
      createdAt: 'now',
      updatedAt: 'now',
    })
    .commit();
const checkGroup: TxOp = ({ group }) => group.check({ name: 'team' }).commit();
const createReport: TxOp = ({ report }) =>
  report
    .create({
      name: 'r1',
      objectKey: 'k',
      rowCount: 0,
      sizeBytes: 0,
      createdBy: 'olivia',
      createdAt: 'now',
    })
    .commit();

const conflict = (items: number): TransactionOutcome => ({
  canceled: true,
  data: Array.from({ length: items }, (_, index) => ({
    rejected: index === 0,
    code: index === 0 ? 'TransactionConflict' : 'None',
  })),
});

test('a transaction that writes a project, group or membership row also moves the reach epoch on, last', async () => {
  const { model, sent, keysOf } = recordingModel([]);

  await writeTransaction(model, [createProject], () => 'taken');

  expect(keysOf(sent[0]!)).toEqual(['project#alpha', 'reach#epoch']);
});

test('a transaction that only checks reach rows or writes other rows leaves the epoch alone (defect: every dataset write emptied every cache)', async () => {
  const { model, sent, keysOf } = recordingModel([]);

  await writeTransaction(model, [checkGroup, createReport], () => 'taken');

  expect(keysOf(sent[0]!)).not.toContain('reach#epoch');
});

test('a transaction cancelled only by a conflict with another is tried again until it commits', async () => {
  const { model, sent } = recordingModel([conflict(2), conflict(2)]);

  await writeTransaction(model, [createProject], () => 'taken');

  expect(sent).toHaveLength(3);
});

test('a failed condition is an answer and is not tried again', async () => {
  const { model, sent } = recordingModel([
    {
      canceled: true,
      data: [
        { rejected: true, code: 'ConditionalCheckFailed' },
        { rejected: false, code: 'None' },
      ],
    },
  ]);

  await expect(writeTransaction(model, [createProject], () => 'taken')).rejects.toThrow(
    new ConflictError('taken'),
  );
  expect(sent).toHaveLength(1);
});
