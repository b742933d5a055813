import { expect, test } from 'vitest';

import { ConflictError } from '@mlspace/core';

import { aName, createTestDb } from '../test/factories';

const line = (name: string) => ({ 'source-ref': `s3://data/project/p/datasets/d/${name}.png` });

async function aJob() {
  const db = await createTestDb();
  const job = aName('label');
  await db.labeling.createJob(job, [
    { line: line('a'), imageSize: { width: 8, height: 8, depth: 3 }, workers: ['bob', 'carol'] },
    { line: line('b'), imageSize: { width: 8, height: 8, depth: 3 }, workers: ['bob', 'carol'] },
    { line: line('c'), imageSize: { width: 8, height: 8, depth: 3 }, workers: ['carol', 'dave'] },
  ]);
  return { db, job };
}

test("a worker's queue holds the objects assigned to them that they have not answered, in order", async () => {
  const { db, job } = await aJob();
  expect(await db.labeling.queue(job, 'bob', 10)).toEqual([0, 1]);
  expect(await db.labeling.queue(job, 'carol', 10)).toEqual([0, 1, 2]);
  expect(await db.labeling.queue(job, 'alice', 10)).toEqual([]);

  await db.labeling.answer(job, 'bob', 0, { kind: 'boxes', boxes: [] }, '2026-12-01T00:00:00Z');
  expect(await db.labeling.queue(job, 'bob', 10)).toEqual([1]);
});

test('answering twice is refused, so a double submit cannot count a worker twice', async () => {
  const { db, job } = await aJob();
  await db.labeling.answer(job, 'bob', 0, { kind: 'boxes', boxes: [] }, '2026-12-01T00:00:00Z');
  await expect(
    db.labeling.answer(job, 'bob', 0, { kind: 'boxes', boxes: [] }, '2026-12-01T00:00:01Z'),
  ).rejects.toThrow(ConflictError);
  expect((await db.labeling.object(job, 0))?.answered).toBe(1);
  expect((await db.labeling.tallies(job))?.workers).toEqual([
    { worker: 'bob', assigned: 2, answered: 1 },
    { worker: 'carol', assigned: 3, answered: 0 },
    { worker: 'dave', assigned: 1, answered: 0 },
  ]);
});

test('an object is labeled once even when two consolidations race, and the job tally counts it once', async () => {
  const { db, job } = await aJob();
  const label = { kind: 'boxes' as const, boxes: [] };
  const outcomes = await Promise.all([
    db.labeling.recordLabel(job, 2, label, '2026-12-01T00:00:00Z'),
    db.labeling.recordLabel(job, 2, label, '2026-12-01T00:00:00Z'),
  ]);
  expect(outcomes.filter(Boolean)).toHaveLength(1);
  await db.labeling.recordLabel(
    job,
    1,
    { kind: 'failed', reason: 'blank' },
    '2026-12-01T00:00:00Z',
  );
  const tallies = await db.labeling.tallies(job);
  expect(tallies).toMatchObject({ total: 3, labeled: 1, failed: 1 });
  expect((await db.labeling.object(job, 1))?.state).toBe('failed');
});

test("the answers of an object are read back per worker with the job's other rows untouched", async () => {
  const { db, job } = await aJob();
  await db.labeling.answer(job, 'carol', 2, { kind: 'boxes', boxes: [] }, '2026-12-01T00:00:00Z');
  const answers = await db.labeling.answers(job, 2, ['carol', 'dave']);
  expect(answers.map((answer) => [answer.worker, answer.answer])).toEqual([
    ['carol', { kind: 'boxes', boxes: [] }],
  ]);
  const page = await db.labeling.objects(job, { limit: 2 });
  expect(page.items.map((object) => object.index)).toEqual([0, 1]);
  const next = await db.labeling.objects(job, { limit: 2, cursor: page.cursor });
  expect(next.items.map((object) => object.index)).toEqual([2]);
});

test('removing a job removes its objects, assignments and tallies', async () => {
  const { db, job } = await aJob();
  await db.labeling.removeJob(job);
  expect(await db.labeling.tallies(job)).toBeNull();
  expect(await db.labeling.queue(job, 'carol', 10)).toEqual([]);
  expect(await db.labeling.object(job, 0)).toBeNull();
});
