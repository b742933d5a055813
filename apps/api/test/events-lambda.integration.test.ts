import type { EventBridgeEvent } from 'aws-lambda';
import { afterEach, expect, test, vi } from 'vitest';

import { createDb } from '@mlspace/db';
import { createTestTable } from '@mlspace/db/testing';

import { coldStart, notebookStateChange } from './lambda-events';

afterEach(() => vi.unstubAllEnvs());

async function eventsLambda() {
  const { client, tableName, endpoint } = await createTestTable();
  const { handler } = await coldStart(() => import('../src/jobs/events-lambda'), {
    DYNAMODB_TABLE: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    MLSPACE_SESSION_SECRET: 'events-job-session-secret-0123456789abcdef',
  });
  return { handler, db: createDb({ client, tableName }) };
}

async function registeredNotebook(db: ReturnType<typeof createDb>) {
  const name = `nb-${Math.random().toString(36).slice(2, 8)}`;
  await db.resources.register(
    {
      kind: 'notebook',
      name,
      project: 'vision',
      owner: 'alice',
      status: 'Pending',
      instanceType: 'ml.t3.medium',
    },
    'alice',
  );
  return name;
}

test('an EventBridge state change through the events Lambda updates the notebook record', async () => {
  const { handler, db } = await eventsLambda();
  const name = await registeredNotebook(db);

  expect(await handler(notebookStateChange(name, 'InService'))).toEqual({ outcome: 'applied' });
  expect(await db.resources.get('notebook', name)).toMatchObject({ status: 'InService' });
});

test('the events Lambda ignores other systems and unknown notebooks, and drops malformed events', async () => {
  const { handler, db } = await eventsLambda();
  const name = await registeredNotebook(db);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

  expect(await handler(notebookStateChange(name, 'Stopped', 'SomeoneElse'))).toEqual({
    outcome: 'ignored',
  });
  expect(await handler(notebookStateChange('never-registered', 'InService'))).toEqual({
    outcome: 'ignored',
  });
  expect(
    await handler({ id: 'broken', source: 'aws.sagemaker' } as EventBridgeEvent<string, unknown>),
  ).toEqual({ outcome: 'malformed' });
  expect(warn).toHaveBeenCalledWith(
    expect.stringMatching(/broken: detail-type: .*time: .*detail: /),
  );
  expect((await db.resources.get('notebook', name))?.status).toBe('Pending');
  warn.mockRestore();
});
