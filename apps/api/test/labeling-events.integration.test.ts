import { expect, test } from 'vitest';

import { labelingJobStateChange } from '@mlspace/testing';

import { processComputeEvent } from '../src/jobs/compute-events';
import { createTestServices } from './harness';

const inASecond = () => new Date(Date.now() + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

test("a Ground Truth state change moves the labeling job's record to the status it reports", async () => {
  const { db } = await createTestServices();
  const name = `boxes-${Math.random().toString(36).slice(2, 8)}`;
  await db.resources.register(
    { kind: 'labelingJob', name, project: 'vision', owner: 'alice', status: 'InProgress' },
    'alice',
  );
  const event = labelingJobStateChange(name, 'Completed', { time: inASecond() });
  expect(await processComputeEvent(db, event, 'MLSpace')).toEqual({ outcome: 'applied' });
  const record = await db.resources.get('labelingJob', name);
  expect(record?.status).toBe('Completed');
  expect(record?.metadata.arn).toBe(
    `arn:aws:sagemaker:us-east-1:123456789012:labeling-job/${name}`,
  );
});

test('a state change of a labeling job MLSpace does not hold is ignored, never registered', async () => {
  const { db } = await createTestServices();
  const outcome = await processComputeEvent(
    db,
    labelingJobStateChange('someone-elses-job', 'InProgress', { time: inASecond() }),
    'MLSpace',
  );
  expect(outcome).toMatchObject({ outcome: 'ignored' });
  expect(await db.resources.get('labelingJob', 'someone-elses-job')).toBeNull();
});
