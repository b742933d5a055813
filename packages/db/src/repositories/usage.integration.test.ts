import { expect, test } from 'vitest';

import { createTestTable } from '../testing';
import { createDb } from '../service';
import { liveUsage } from './usage';
import { aName } from '../test/factories';

/** A database whose clock the test moves. */
async function dbAt(start: string) {
  const { client, tableName } = await createTestTable();
  let now = start;
  const db = createDb({ client, tableName, now: () => now });
  return { db, setNow: (at: string) => (now = at) };
}

const notebook = (project: string, owner = 'alice', instanceType = 'ml.t3.medium') => ({
  kind: 'notebook' as const,
  name: aName('nb'),
  project,
  owner,
  status: 'Pending' as const,
  instanceType,
  instanceCount: 1,
});

const hoursByDay = (rows: { day: string; instanceHours: number }[]) =>
  Object.fromEntries(rows.map((row) => [row.day, Math.round(row.instanceHours * 1000) / 1000]));

test('stopping a notebook records its running hours per day in the same change, split at midnight', async () => {
  const { db, setNow } = await dbAt('2026-12-03T22:00:00.000Z');
  const project = aName('proj');
  const record = await db.resources.register(notebook(project), 'alice');
  expect(await db.usage.projectMonth(project, '2026-12')).toEqual([]);

  setNow('2026-12-04T01:30:00.000Z');
  await db.resources.applyStatus({
    kind: 'notebook',
    name: record.name,
    status: 'Stopped',
    at: '2026-12-04T01:30:00.000Z',
  });
  const rows = await db.usage.projectMonth(project, '2026-12');
  expect(hoursByDay(rows)).toEqual({ '2026-12-03': 2, '2026-12-04': 1.5 });
  expect(rows.every((row) => row.kind === 'notebook' && row.owner === 'alice')).toBe(true);
  expect(rows.every((row) => row.instanceType === 'ml.t3.medium')).toBe(true);
  // Nothing runs any more, so nothing is counted live.
  expect(await db.usage.liveRunsOfProject(project)).toEqual([]);
});

test('a duplicate stop report adds no hours a second time', async () => {
  const { db, setNow } = await dbAt('2026-12-03T10:00:00.000Z');
  const project = aName('proj');
  const record = await db.resources.register(notebook(project), 'alice');
  setNow('2026-12-03T12:00:00.000Z');
  const stopped = { kind: 'notebook' as const, name: record.name, status: 'Stopped' as const };
  await db.resources.applyStatus({ ...stopped, at: '2026-12-03T12:00:00.000Z' });
  await db.resources.applyStatus({ ...stopped, at: '2026-12-03T12:00:00.000Z' });
  expect(hoursByDay(await db.usage.projectMonth(project, '2026-12'))).toEqual({
    '2026-12-03': 2,
  });
});

test('a run across a month end is stored in both months, and each month is one Query for all projects', async () => {
  const { db, setNow } = await dbAt('2026-11-30T23:00:00.000Z');
  const project = aName('proj');
  const other = aName('proj');
  const first = await db.resources.register(notebook(project), 'alice');
  const second = await db.resources.register(notebook(other, 'bob'), 'bob');
  setNow('2026-12-01T02:00:00.000Z');
  for (const name of [first.name, second.name])
    await db.resources.applyStatus({
      kind: 'notebook',
      name,
      status: 'Stopped',
      at: '2026-12-01T02:00:00.000Z',
    });
  expect(hoursByDay(await db.usage.projectMonth(project, '2026-11'))).toEqual({ '2026-11-30': 1 });
  expect(hoursByDay(await db.usage.projectMonth(project, '2026-12'))).toEqual({ '2026-12-01': 2 });
  // The month totals the budget check reads hold the same hours as the month's days.
  expect(await db.usage.projectMonthTotals(project, '2026-11')).toMatchObject([
    { kind: 'notebook', instanceType: 'ml.t3.medium', instanceHours: 1 },
  ]);
  expect(await db.usage.projectMonthTotals(project, '2026-12')).toMatchObject([
    { kind: 'notebook', instanceType: 'ml.t3.medium', instanceHours: 2 },
  ]);
  const december = await db.usage.month('2026-12');
  expect(december.filter((row) => [project, other].includes(row.project))).toHaveLength(2);
});

test('a job counts every instance it holds, and deleting a running resource closes its run', async () => {
  const { db, setNow } = await dbAt('2026-12-05T08:00:00.000Z');
  const project = aName('proj');
  const job = await db.resources.register(
    {
      kind: 'trainingJob',
      name: aName('job'),
      project,
      owner: 'carol',
      status: 'InProgress',
      instanceType: 'ml.m5.xlarge',
      instanceCount: 4,
    },
    'carol',
  );
  setNow('2026-12-05T08:30:00.000Z');
  await db.resources.remove('trainingJob', job.name, 'carol');
  const rows = await db.usage.projectMonth(project, '2026-12');
  expect(rows).toMatchObject([{ kind: 'trainingJob', owner: 'carol', instanceHours: 2 }]);
});

test('a labeling job is billed per object, not by the hour, so it adds no instance-hours', async () => {
  const { db, setNow } = await dbAt('2026-12-05T08:00:00.000Z');
  const project = aName('proj');
  const labeling = await db.resources.register(
    {
      kind: 'labelingJob',
      name: aName('lab'),
      project,
      owner: 'dan',
      status: 'InProgress',
    },
    'dan',
  );
  setNow('2026-12-05T10:00:00.000Z');
  await db.resources.applyStatus({
    kind: 'labelingJob',
    name: labeling.name,
    status: 'Completed',
    at: '2026-12-05T10:00:00.000Z',
  });
  expect(await db.usage.projectMonth(project, '2026-12')).toEqual([]);
});

test('a running resource is counted live up to now, and completed days move into the stored rows once', async () => {
  const { db, setNow } = await dbAt('2026-12-10T20:00:00.000Z');
  const project = aName('proj');
  const record = await db.resources.register(notebook(project), 'alice');
  const [run] = await db.usage.liveRunsOfProject(project);
  expect(run?.record.name).toBe(record.name);
  expect(hoursByDay(liveUsage(run!, '2026-12', '2026-12-11T03:00:00.000Z'))).toEqual({
    '2026-12-10': 4,
    '2026-12-11': 3,
  });

  expect(await db.usage.recordCompletedDays(record, '2026-12-11T03:00:00.000Z')).toBe(true);
  expect(await db.usage.recordCompletedDays(record, '2026-12-11T04:00:00.000Z')).toBe(false);
  expect(hoursByDay(await db.usage.projectMonth(project, '2026-12'))).toEqual({ '2026-12-10': 4 });
  const [moved] = await db.usage.liveRunsOfProject(project);
  expect(moved?.meteredFrom).toBe('2026-12-11T00:00:00.000Z');

  // The stop adds only what the stored days do not hold yet.
  setNow('2026-12-11T06:00:00.000Z');
  await db.resources.applyStatus({
    kind: 'notebook',
    name: record.name,
    status: 'Stopped',
    at: '2026-12-11T06:00:00.000Z',
  });
  expect(hoursByDay(await db.usage.projectMonth(project, '2026-12'))).toEqual({
    '2026-12-10': 4,
    '2026-12-11': 6,
  });
});

test('an endpoint moved to other instances while in service counts the hours before at the old size', async () => {
  const { db, setNow } = await dbAt('2026-12-12T00:00:00.000Z');
  const project = aName('proj');
  const endpoint = await db.resources.register(
    {
      kind: 'endpoint',
      name: aName('ep'),
      project,
      owner: 'erin',
      status: 'InService',
      instanceType: 'ml.m5.large',
      instanceCount: 1,
    },
    'erin',
  );
  setNow('2026-12-12T03:00:00.000Z');
  await db.resources.update(
    'endpoint',
    endpoint.name,
    { instanceType: 'ml.g4dn.xlarge', instanceCount: 2 },
    'erin',
    'endpoint.updated',
  );
  setNow('2026-12-12T04:00:00.000Z');
  await db.resources.applyStatus({
    kind: 'endpoint',
    name: endpoint.name,
    status: 'Deleted',
    at: '2026-12-12T04:00:00.000Z',
  });
  const rows = await db.usage.projectMonth(project, '2026-12');
  expect(Object.fromEntries(rows.map((row) => [row.instanceType, row.instanceHours]))).toEqual({
    'ml.m5.large': 3,
    'ml.g4dn.xlarge': 2,
  });
});

test('a run longer than one transaction holds is written in parts and loses no day', async () => {
  const { db, setNow } = await dbAt('2026-09-01T00:00:00.000Z');
  const project = aName('proj');
  const record = await db.resources.register(notebook(project), 'alice');
  setNow('2026-12-15T00:00:00.000Z');
  await db.resources.applyStatus({
    kind: 'notebook',
    name: record.name,
    status: 'Stopped',
    at: '2026-12-15T00:00:00.000Z',
  });
  const months = await Promise.all(
    ['2026-09', '2026-10', '2026-11', '2026-12'].map((month) =>
      db.usage.projectMonth(project, month),
    ),
  );
  const total = months.flat().reduce((sum, row) => sum + row.instanceHours, 0);
  expect(total).toBe((30 + 31 + 30 + 14) * 24);
});

test('a resource keeps its lifetime hours across runs, counted live while it runs, and a namesake starts afresh', async () => {
  const { db, setNow } = await dbAt('2026-12-20T00:00:00.000Z');
  const project = aName('proj');
  const record = await db.resources.register(notebook(project), 'alice');
  const at = (time: string, status: 'Stopped' | 'Pending') =>
    db.resources.applyStatus({ kind: 'notebook', name: record.name, status, at: time });
  setNow('2026-12-20T02:00:00.000Z');
  await at('2026-12-20T02:00:00.000Z', 'Stopped');
  setNow('2026-12-20T05:00:00.000Z');
  await at('2026-12-20T05:00:00.000Z', 'Pending');
  const running = await db.resources.get('notebook', record.name);
  const hours = await db.usage.lifetimeHours([running!], '2026-12-20T06:00:00.000Z');
  expect(hours.get(`notebook#${record.name}`)).toBeCloseTo(3);

  await db.resources.remove('notebook', record.name, 'alice');
  setNow('2026-12-21T00:00:00.000Z');
  const namesake = await db.resources.register(
    { ...notebook(project), name: record.name },
    'alice',
  );
  const fresh = await db.usage.lifetimeHours([namesake], '2026-12-21T00:00:00.000Z');
  expect(fresh.get(`notebook#${record.name}`) ?? 0).toBe(0);
});
