import { expect, test } from 'vitest';

import { noCostControls, type CostControls } from '@mlspace/core';

import { aName, createTestDb } from '../test/factories';

const controls: CostControls = {
  notebook: { dailyStop: { time: '18:30', timeZone: 'Europe/Berlin' }, ownerMayOverride: true },
  endpoint: { ttlHours: 8, ownerMayOverride: false },
  emrCluster: { ttlHours: null, ownerMayOverride: false },
};

test('a project has no cost controls until an owner sets them, and the change is audited', async () => {
  const db = await createTestDb();
  const project = aName('cc');
  await db.projects.create({ name: project, description: '', createdBy: 'olivia' });
  expect(await db.costControls.get(project)).toEqual(noCostControls);

  await db.costControls.set(project, controls, 'olivia');

  expect(await db.costControls.get(project)).toEqual(controls);
  const audit = await db.audit.list({ targetType: 'project', targetId: project, limit: 10 });
  expect(audit.items.map((event) => event.action)).toContain('project.cost_controls_changed');
});

test('a pending action makes a resource due at once, and clearing it restores its schedule', async () => {
  const db = await createTestDb();
  const name = aName('nb');
  await db.resources.register(
    {
      kind: 'notebook',
      name,
      project: 'p1',
      owner: 'alice',
      status: 'InService',
      stopAt: '2999-01-01T18:00:00.000Z',
    },
    'alice',
  );
  const dueNow = () => db.resources.listDue(new Date().toISOString(), { limit: 1000 });
  expect((await dueNow()).items.map((item) => item.name)).not.toContain(name);

  const pending = await db.resources.setPendingAction('notebook', name, {
    action: 'stop',
    error: 'backend down',
  });
  expect(pending).toMatchObject({ pendingAction: 'stop', lastError: 'backend down' });
  expect((await dueNow()).items.map((item) => item.name)).toContain(name);

  const cleared = await db.resources.setPendingAction('notebook', name, null);
  expect(cleared).toMatchObject({
    pendingAction: null,
    lastError: null,
    stopAt: '2999-01-01T18:00:00.000Z',
  });
  expect((await dueNow()).items.map((item) => item.name)).not.toContain(name);
});

test('a daily stop is kept with the resource and cleared with null', async () => {
  const db = await createTestDb();
  const name = aName('nb');
  await db.resources.register(
    {
      kind: 'notebook',
      name,
      project: 'p1',
      owner: 'alice',
      status: 'InService',
      stopAt: '2999-01-01T18:00:00.000Z',
      dailyStop: { time: '19:00', timeZone: 'UTC' },
    },
    'alice',
  );
  expect((await db.resources.get('notebook', name))?.dailyStop).toEqual({
    time: '19:00',
    timeZone: 'UTC',
  });
  const cleared = await db.resources.setSchedule(
    'notebook',
    name,
    { stopAt: null, dailyStop: null },
    'alice',
  );
  expect(cleared).toMatchObject({ stopAt: null, dailyStop: null });
  expect(await db.resources.get('notebook', name)).toMatchObject({ stopAt: null, dailyStop: null });
});

test('reports are listed newest first and deleted', async () => {
  const db = await createTestDb();
  const older = await db.reports.create({
    name: 'mlspace-report-20260101T000000Z.csv',
    objectKey: 'reports/a.csv',
    rowCount: 1,
    sizeBytes: 10,
    createdBy: 'ada',
    description: 'All resources',
  });
  const newer = await db.reports.create({
    name: 'mlspace-report-20260102T000000Z.csv',
    objectKey: 'reports/b.csv',
    rowCount: 2,
    sizeBytes: 20,
    createdBy: 'ada',
    description: 'Personnel',
  });
  expect((await db.reports.list({ limit: 10 })).items.map((report) => report.name)).toEqual([
    newer.name,
    older.name,
  ]);
  await db.reports.remove(older.name, 'ada');
  expect((await db.reports.list({ limit: 10 })).items.map((report) => report.name)).toEqual([
    newer.name,
  ]);
});

test('walking all resources reads every project and kind, suspended projects included', async () => {
  const db = await createTestDb();
  const first = aName('wa');
  const second = aName('wb');
  await db.projects.create({ name: first, description: '', createdBy: 'olivia' });
  await db.projects.create({ name: second, description: '', createdBy: 'olivia' });
  await db.projects.suspend(second, 'olivia');
  await db.resources.register(
    { kind: 'notebook', name: aName('n'), project: first, owner: 'alice', status: 'Stopped' },
    'alice',
  );
  await db.resources.register(
    { kind: 'endpoint', name: aName('e'), project: second, owner: 'bob', status: 'InService' },
    'bob',
  );
  const seen: string[] = [];
  for await (const page of db.walkAllResources())
    seen.push(...page.map((record) => `${record.kind}:${record.project}`));
  expect(seen.sort()).toEqual([`endpoint:${second}`, `notebook:${first}`].sort());
});
