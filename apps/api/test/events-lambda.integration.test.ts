import type { EventBridgeEvent } from 'aws-lambda';
import { afterEach, expect, test, vi } from 'vitest';

import { createDb } from '@mlspace/db';
import { createTestTable } from '@mlspace/db/testing';

import {
  endpointStateChange,
  modelStateChange,
  trainingJobStateChange,
  transformJobStateChange,
  tuningJobStateChange,
} from '@mlspace/testing';

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

  expect(await handler(notebookStateChange(name, 'Stopped', 'SomeoneElse'))).toMatchObject({
    outcome: 'ignored',
  });
  expect(await handler(notebookStateChange('never-registered', 'InService'))).toMatchObject({
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

const asLambdaEvent = (event: object) => event as EventBridgeEvent<string, unknown>;

test('the events Lambda applies every subscribed detail type that carries a status', async () => {
  const { handler, db } = await eventsLambda();
  const kinds = [
    ['trainingJob', 'InProgress', (name: string) => trainingJobStateChange(name, 'Completed')],
    ['hpoJob', 'InProgress', (name: string) => tuningJobStateChange(name, 'Stopped')],
    ['transformJob', 'InProgress', (name: string) => transformJobStateChange(name, 'Completed')],
    ['endpoint', 'Creating', (name: string) => endpointStateChange(name, 'FAILED')],
  ] as const;
  for (const [kind, from, event] of kinds) {
    const name = `${kind.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}`;
    await db.resources.register(
      { kind, name, project: 'vision', owner: 'alice', status: from, instanceType: 'ml.m5.large' },
      'alice',
    );
    expect(await handler(asLambdaEvent(event(name)))).toEqual({ outcome: 'applied' });
    expect((await db.resources.get(kind, name))?.status).not.toBe(from);
  }
});

test('model, endpoint configuration and labeling job events about nothing MLSpace holds are accepted and change nothing', async () => {
  const { handler } = await eventsLambda();
  const model = modelStateChange('vision-model');
  for (const detailType of [
    'SageMaker Model State Change',
    'SageMaker Endpoint Config State Change',
    'SageMaker Ground Truth Labeling Job State Change',
  ]) {
    expect(await handler(asLambdaEvent({ ...model, 'detail-type': detailType }))).toMatchObject({
      outcome: 'ignored',
    });
  }
});

test('a malformed event is logged by its paths and rules, never its values, and dropped', async () => {
  const { handler } = await eventsLambda();
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const event = trainingJobStateChange('train-secret', 'Completed', { time: 'not-a-time' });
  event.detail.Tags = { system: 'MLSpace', token: 42 };
  event.detail.Environment = { API_KEY: 'hunter2' };

  expect(await handler(asLambdaEvent(event))).toEqual({ outcome: 'malformed' });
  const logged = String(warn.mock.calls[0]?.[0]);
  expect(logged).toMatch(/time: is not a time/);
  expect(logged).toMatch(/detail\.Tags\.token: /);
  expect(logged).not.toMatch(/hunter2|train-secret|not-a-time/);
  warn.mockRestore();
});
