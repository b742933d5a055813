import { expect, test } from 'vitest';

import type { CostControls, UserView } from '@mlspace/core';

import { createSweep } from '../src/jobs/sweep';
import type { ApiServices } from '../src/services';
import { createProjectCascade } from '../src/services/cascade';
import { createResourceActions } from '../src/services/resource-actions';
import { registerResourceCascades } from '../src/services/resource-cascades';
import { applyProjectSchedule } from '../src/services/schedules';
import { createFakeCompute } from './fake-compute';
import { createFakeReportStorage } from './fake-report-storage';
import { callerFor, createTestServices, signedUpUser } from './harness';

const none: CostControls = {
  notebook: { dailyStop: null, ownerMayOverride: false },
  endpoint: { ttlHours: null, ownerMayOverride: false },
  emrCluster: { ttlHours: null, ownerMayOverride: false },
};

let sequence = 0;

async function world(controls: Partial<CostControls> = {}) {
  const fake = createFakeCompute();
  const cascade = createProjectCascade();
  const services: ApiServices = await createTestServices({
    compute: fake.compute,
    cascade,
    reportStorage: createFakeReportStorage(),
  });
  registerResourceCascades(
    cascade,
    services.db,
    createResourceActions({ db: services.db, compute: fake.compute }),
  );
  const owner = await signedUpUser(services.db);
  const member = await signedUpUser(services.db);
  const admin = await signedUpUser(services.db, { admin: true });
  sequence += 1;
  const project = `costs${sequence}${Math.random().toString(36).slice(2, 6)}`;
  await callerFor(services, owner).projects.create({ name: project, description: '' });
  await callerFor(services, owner).projects.members.add({
    project,
    usernames: [member.username],
    role: 'member',
  });
  await callerFor(services, owner).projects.updateCostControls({ project, ...none, ...controls });
  return { services, fake, owner, member, admin, project };
}

async function notebookOf(services: ApiServices, user: UserView, project: string, name: string) {
  return callerFor(services, user).notebooks.create({
    project,
    name,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
}

test('a new notebook gets the project stop time and the sweep stops it then, scheduling the next day', async () => {
  const { services, fake, member, project } = await world({
    notebook: { dailyStop: { time: '18:00', timeZone: 'Europe/Berlin' }, ownerMayOverride: false },
  });
  const created = await notebookOf(services, member, project, `nb${sequence}a`);
  expect(created.stopAt).toMatch(/T1[67]:00:00\.000Z$/); // 18:00 in Berlin is 16:00 or 17:00 UTC

  const stopAt = new Date(created.stopAt!);
  const before = createSweep({
    db: services.db,
    compute: fake.compute,
    now: () => new Date(stopAt.getTime() - 60_000),
  });
  expect((await before.run()).stopped).toEqual([]);
  expect(fake.notebooks.get(created.name)).toBe('InService');

  const after = createSweep({
    db: services.db,
    compute: fake.compute,
    now: () => new Date(stopAt.getTime() + 30_000),
  });
  const summary = await after.run();

  expect(summary.stopped).toEqual([created.name]);
  expect(fake.notebooks.get(created.name)).toBe('Stopped');
  const record = await services.db.resources.get('notebook', created.name);
  expect(record?.status).toBe('Stopped');
  const nextDay = new Date(record!.stopAt!).getTime() - stopAt.getTime();
  expect(nextDay).toBe(24 * 3_600_000);
  expect((await after.run()).due).toBe(0);
});

test('an endpoint past its termination time is deleted by the sweep, and not before', async () => {
  const { services, fake, member, project } = await world({
    endpoint: { ttlHours: 2, ownerMayOverride: false },
  });
  const name = `ep${sequence}`;
  const createdAt = new Date();
  fake.endpoints.add(name);
  const registered = await services.db.resources.register(
    { kind: 'endpoint', name, project, owner: member.username, status: 'InService' },
    member.username,
  );
  const scheduled = await applyProjectSchedule(services.db, registered, member.username, createdAt);
  expect(scheduled.terminateAt).toBe(new Date(createdAt.getTime() + 2 * 3_600_000).toISOString());

  const early = await createSweep({
    db: services.db,
    compute: fake.compute,
    now: () => new Date(createdAt.getTime() + 3_600_000),
  }).run();
  expect(early.deleted).toEqual([]);

  const late = await createSweep({
    db: services.db,
    compute: fake.compute,
    now: () => new Date(createdAt.getTime() + 2 * 3_600_000 + 1),
  }).run();
  expect(late.deleted).toEqual([name]);
  expect(fake.endpoints.has(name)).toBe(false);
  expect(await services.db.resources.get('endpoint', name)).toBeNull();
});

test('a creator may not override the stop time unless the project allows it; owners and admins always may', async () => {
  const { services, member, owner, admin, project } = await world({
    notebook: { dailyStop: { time: '18:00', timeZone: 'UTC' }, ownerMayOverride: false },
  });
  const notebook = await notebookOf(services, member, project, `nb${sequence}o`);
  const later = {
    kind: 'notebook' as const,
    name: notebook.name,
    dailyStop: { time: '22:30', timeZone: 'UTC' },
  };

  await expect(callerFor(services, member).resources.reschedule(later)).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: `Project '${project}' does not let creators override a notebook's stop or termination time`,
  });
  const view = await callerFor(services, member).resources.schedule({
    kind: 'notebook',
    name: notebook.name,
  });
  expect(view).toMatchObject({
    mayReschedule: false,
    dailyStop: { time: '18:00', timeZone: 'UTC' },
  });

  expect(await callerFor(services, owner).resources.reschedule(later)).toMatchObject({
    dailyStop: later.dailyStop,
  });
  expect(
    (await callerFor(services, admin).resources.reschedule({ ...later, dailyStop: null })).stopAt,
  ).toBeNull();

  await callerFor(services, owner).projects.updateCostControls({
    project,
    ...none,
    notebook: { dailyStop: null, ownerMayOverride: true },
  });
  const mine = await callerFor(services, member).resources.reschedule(later);
  expect(mine.stopAt).toMatch(/T22:30:00\.000Z$/);
});

test('an endpoint termination time must be in the future', async () => {
  const { services, member, owner, project } = await world({
    endpoint: { ttlHours: 1, ownerMayOverride: true },
  });
  const name = `ep${sequence}f`;
  await services.db.resources.register(
    { kind: 'endpoint', name, project, owner: member.username, status: 'InService' },
    member.username,
  );
  await expect(
    callerFor(services, member).resources.reschedule({
      kind: 'endpoint',
      name,
      terminateAt: '2000-01-01T00:00:00Z',
    }),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'terminateAt: must be in the future' });
  const later = new Date(Date.now() + 86_400_000).toISOString();
  expect(
    (
      await callerFor(services, owner).resources.reschedule({
        kind: 'endpoint',
        name,
        terminateAt: later,
      })
    ).terminateAt,
  ).toBe(later);
});

test('only owners and admins change cost controls; members read them', async () => {
  const { services, member, admin, project } = await world();
  await expect(
    callerFor(services, member).projects.updateCostControls({ project, ...none }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect(await callerFor(services, member).projects.costControls({ project })).toMatchObject({
    mayEdit: false,
  });
  await callerFor(services, admin).projects.updateCostControls({
    project,
    ...none,
    endpoint: { ttlHours: 12, ownerMayOverride: true },
  });
  expect(await callerFor(services, member).projects.costControls({ project })).toMatchObject({
    endpoint: { ttlHours: 12, ownerMayOverride: true },
  });
  await expect(
    callerFor(services, admin).projects.updateCostControls({
      project,
      ...none,
      notebook: { dailyStop: { time: '25:00', timeZone: 'UTC' }, ownerMayOverride: false },
    }),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('HH:MM') });
});

test('suspending a project stops every notebook it can, records the one that failed, and the next sweep retries it', async () => {
  const { services, fake, owner, member, project } = await world();
  const names = [`nb${sequence}x`, `nb${sequence}y`, `nb${sequence}z`];
  for (const name of names) await notebookOf(services, member, project, name);
  const [ok1, broken, ok2] = names as [string, string, string];
  fake.failing.add(broken);

  const { cascade } = await callerFor(services, owner).projects.suspend({ name: project });

  const notebooks = cascade.kinds.find((kind) => kind.kind === 'notebook');
  expect(cascade.complete).toBe(false);
  expect(notebooks?.done.sort()).toEqual([ok1, ok2].sort());
  expect(notebooks?.failed).toEqual([
    { resource: broken, reason: `the backend refused ${broken}` },
  ]);
  expect(fake.notebooks.get(ok1)).toBe('Stopped');
  expect(fake.notebooks.get(ok2)).toBe('Stopped');
  const failedRecord = await services.db.resources.get('notebook', broken);
  expect(failedRecord).toMatchObject({
    pendingAction: 'stop',
    lastError: `Could not stop ${broken}: the backend refused ${broken}`,
  });
  const shown = await callerFor(services, member).resources.schedule({
    kind: 'notebook',
    name: broken,
  });
  expect(shown).toMatchObject({
    pendingAction: 'stop',
    lastError: expect.stringContaining('the backend refused'),
  });

  const sweep = createSweep({ db: services.db, compute: fake.compute });
  const stillFailing = await sweep.run();
  expect(stillFailing.failed.map((failure) => failure.resource)).toEqual([`notebook ${broken}`]);

  fake.failing.delete(broken);
  const retried = await sweep.run();
  expect(retried.retried).toEqual([broken]);
  expect(fake.notebooks.get(broken)).toBe('Stopped');
  expect(await services.db.resources.get('notebook', broken)).toMatchObject({
    status: 'Stopped',
    pendingAction: null,
    lastError: null,
  });
  expect((await sweep.run()).due).toBe(0);
});

test('suspending a project deletes its endpoints; removing a member stops only their notebooks', async () => {
  const { services, fake, owner, member, project } = await world();
  const mine = await notebookOf(services, member, project, `nb${sequence}m`);
  const owners = await notebookOf(services, owner, project, `nb${sequence}w`);
  await callerFor(services, owner).projects.members.remove({ project, username: member.username });
  expect(fake.notebooks.get(mine.name)).toBe('Stopped');
  expect(fake.notebooks.get(owners.name)).toBe('InService');

  const endpoint = `ep${sequence}s`;
  fake.endpoints.add(endpoint);
  await services.db.resources.register(
    { kind: 'endpoint', name: endpoint, project, owner: owner.username, status: 'InService' },
    owner.username,
  );
  const { cascade } = await callerFor(services, owner).projects.suspend({ name: project });
  expect(cascade.kinds.find((kind) => kind.kind === 'endpoint')?.done).toEqual([endpoint]);
  expect(await services.db.resources.get('endpoint', endpoint)).toBeNull();
  expect(fake.notebooks.get(owners.name)).toBe('Stopped');
});

test('admins generate a CSV report of resources across projects, list, download and delete it', async () => {
  const { services, member, owner, admin, project } = await world();
  const other = `${project}b`;
  await callerFor(services, owner).projects.create({ name: other, description: '' });
  await notebookOf(services, member, project, `nb${sequence}r`);
  await services.db.resources.register(
    {
      kind: 'trainingJob',
      name: `tj${sequence}`,
      project: other,
      owner: owner.username,
      status: 'Completed',
      instanceType: 'ml.m5.large',
      instanceCount: 2,
    },
    owner.username,
  );

  await expect(callerFor(services, owner).reports.generate()).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  const report = await callerFor(services, admin).reports.generate();

  const storage = services.reportStorage as ReturnType<typeof createFakeReportStorage>;
  const lines = storage.objects.get(report.objectKey)!.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'Kind,Name,Project,Owner,Instance type,Instance count,Status,Created,Started,Stopped,Auto-stop or termination,Instance-hours,Estimated cost (USD)',
  );
  expect(report.rowCount).toBe(lines.length - 1);
  expect(lines).toContainEqual(
    expect.stringMatching(
      new RegExp(
        `^notebook,nb${sequence}r,${project},${member.username},ml.t3.medium,1,Pending,\\d{4}-`,
      ),
    ),
  );
  const trainingCreatedAt = (await services.db.resources.get('trainingJob', `tj${sequence}`))!
    .createdAt;
  // It never ran (no start or stop was recorded), so it used no instance-hours.
  expect(lines).toContainEqual(
    expect.stringMatching(
      new RegExp(
        `^trainingJob,tj${sequence},${other},${owner.username},ml.m5.large,2,Completed,${trainingCreatedAt},,,,0(\\.0+)?,`,
      ),
    ),
  );

  const api = callerFor(services, admin);
  expect((await api.reports.list({ limit: 10 })).items.map((item) => item.name)).toContain(
    report.name,
  );
  expect((await api.reports.download({ name: report.name })).url).toContain(report.objectKey);
  await api.reports.delete({ name: report.name });
  expect((await api.reports.list({ limit: 10 })).items.map((item) => item.name)).not.toContain(
    report.name,
  );
  expect(storage.objects.has(report.objectKey)).toBe(false);
});

test('unlinking a group stops the notebooks of members who reached the project only through it', async () => {
  const { services, fake, owner, member, admin, project } = await world();
  const viaGroupOnly = await signedUpUser(services.db);
  const group = `g${sequence}${Math.random().toString(36).slice(2, 6)}`;
  await callerFor(services, admin).groups.create({ name: group, description: '' });
  await callerFor(services, admin).groups.addMembers({
    name: group,
    usernames: [viaGroupOnly.username, member.username],
  });
  await callerFor(services, owner).projects.groups.link({ project, group, role: 'member' });
  const groupOnlyNotebook = await notebookOf(services, viaGroupOnly, project, `nb${sequence}g`);
  const directNotebook = await notebookOf(services, member, project, `nb${sequence}d`);

  const { cascades } = await callerFor(services, owner).projects.groups.unlink({ project, group });

  expect(fake.notebooks.get(groupOnlyNotebook.name)).toBe('Stopped');
  expect(fake.notebooks.get(directNotebook.name)).toBe('InService');
  expect(cascades).toHaveLength(1);
});

test('a member removed from a project no longer sees their notebooks there under my notebooks', async () => {
  const { services, owner, member, project } = await world();
  const notebook = await notebookOf(services, member, project, `nb${sequence}x`);
  const before = await callerFor(services, member).notebooks.mine({ limit: 25 });

  await callerFor(services, owner).projects.members.remove({ project, username: member.username });
  const after = await callerFor(services, member).notebooks.mine({ limit: 25 });

  expect(before.items.map((item) => item.name)).toEqual([notebook.name]);
  expect(after.items).toEqual([]);
});
