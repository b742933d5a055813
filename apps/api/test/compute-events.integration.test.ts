import { expect, test } from 'vitest';

import { processComputeEvent } from '../src/jobs/compute-events';
import { createTestServices } from './harness';

function stateChange(name: string, status: string, system = 'MLSpace') {
  return {
    source: 'aws.sagemaker',
    'detail-type': 'SageMaker Notebook Instance State Change',
    time: '2026-01-01T10:00:00.000Z',
    detail: {
      NotebookInstanceName: name,
      NotebookInstanceStatus: status,
      Tags: { system, project: 'vision', user: 'alice' },
    },
  };
}

test('SageMaker state-change events update the notebook record; other systems and unknown notebooks are ignored', async () => {
  const { db } = await createTestServices();
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

  expect(await processComputeEvent(db, stateChange(name, 'InService'), 'MLSpace')).toBe('applied');
  expect(await db.resources.get('notebook', name)).toMatchObject({
    status: 'InService',
    startedAt: '2026-01-01T10:00:00.000Z',
  });
  expect(
    await processComputeEvent(db, stateChange(name, 'Stopped', 'SomeoneElse'), 'MLSpace'),
  ).toBe('ignored');
  expect((await db.resources.get('notebook', name))?.status).toBe('InService');
  expect(
    await processComputeEvent(db, stateChange('never-registered', 'InService'), 'MLSpace'),
  ).toBe('ignored');

  expect(await processComputeEvent(db, stateChange(name, 'Deleted'), 'MLSpace')).toBe('applied');
  expect(await db.resources.get('notebook', name)).toBeNull();
  expect(await processComputeEvent(db, stateChange(name, 'Deleting'), 'MLSpace')).toBe('ignored');
  expect(await db.resources.get('notebook', name)).toBeNull();
});
