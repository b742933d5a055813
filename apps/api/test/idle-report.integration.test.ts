/**
 * notebooks.reportIdle: what a SageMaker notebook's idle script tells MLSpace (ADR 021), so the
 * portal warns before an idle stop on AWS as it does locally.
 */
import { expect, test } from 'vitest';

import { createFakeCompute } from './fake-compute';
import { callerFor, createTestServices, signedUpUser } from './harness';

let sequence = 0;

async function world() {
  const fake = createFakeCompute();
  const services = await createTestServices({ compute: fake.compute });
  const owner = await signedUpUser(services.db);
  const member = await signedUpUser(services.db);
  const outsider = await signedUpUser(services.db);
  sequence += 1;
  const project = `idle${sequence}${Math.random().toString(36).slice(2, 6)}`;
  await callerFor(services, owner).projects.create({ name: project, description: '' });
  await callerFor(services, owner).projects.members.add({
    project,
    usernames: [member.username],
    role: 'member',
  });
  const controls = await callerFor(services, owner).projects.costControls({ project });
  await callerFor(services, owner).projects.updateCostControls({
    project,
    notebook: { ...controls.notebook, idleTimeoutMinutes: 60 },
    endpoint: controls.endpoint,
    emrCluster: controls.emrCluster,
  });
  const name = `nbidle${sequence}${Math.random().toString(36).slice(2, 6)}`;
  await callerFor(services, member).notebooks.create({
    project,
    name,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
  await services.db.resources.applyStatus({
    kind: 'notebook',
    name,
    status: 'InService',
    at: new Date().toISOString(),
  });
  return { services, owner, member, outsider, project, name };
}

test('a running notebook’s reported stop shows on it, and a report of use withdraws it', async () => {
  const { services, member, name } = await world();
  const stopsAt = new Date(Date.now() + 8 * 60_000).toISOString();
  await callerFor(services, member).notebooks.reportIdle({ name, stopsAt });
  expect((await callerFor(services, member).notebooks.get({ name })).notebook.idleStopAt).toBe(
    stopsAt,
  );
  await callerFor(services, member).notebooks.reportIdle({ name, stopsAt: null });
  expect(
    (await callerFor(services, member).notebooks.get({ name })).notebook.idleStopAt,
  ).toBeNull();
});

test('a stop far ahead or past, another project’s caller, or a stopped notebook is refused', async () => {
  const { services, member, outsider, name } = await world();
  await expect(
    callerFor(services, member).notebooks.reportIdle({
      name,
      stopsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    }),
  ).rejects.toThrow(/stopsAt.*must be in the next 15 minutes|must be in the next 15 minutes/);
  await expect(
    callerFor(services, member).notebooks.reportIdle({
      name,
      stopsAt: new Date(Date.now() - 60_000).toISOString(),
    }),
  ).rejects.toThrow(/must be in the next 15 minutes/);
  await expect(
    callerFor(services, outsider).notebooks.reportIdle({ name, stopsAt: null }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });

  await services.db.resources.applyStatus({
    kind: 'notebook',
    name,
    status: 'Stopped',
    at: new Date(Date.now() + 1_000).toISOString(),
  });
  await expect(
    callerFor(services, member).notebooks.reportIdle({
      name,
      stopsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    }),
  ).rejects.toThrow(/is Stopped: only a running notebook can be idle/);
});

test('a notebook without an idle timeout takes no report of a coming idle stop', async () => {
  const { services, owner, member, project } = await world();
  const controls = await callerFor(services, owner).projects.costControls({ project });
  await callerFor(services, owner).projects.updateCostControls({
    project,
    notebook: { ...controls.notebook, idleTimeoutMinutes: null },
    endpoint: controls.endpoint,
    emrCluster: controls.emrCluster,
  });
  const name = `nbnotimeout${sequence}`;
  await callerFor(services, member).notebooks.create({
    project,
    name,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
  await services.db.resources.applyStatus({
    kind: 'notebook',
    name,
    status: 'InService',
    at: new Date().toISOString(),
  });
  await expect(
    callerFor(services, member).notebooks.reportIdle({
      name,
      stopsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    }),
  ).rejects.toThrow(/has no idle timeout, so it is never stopped for idleness/);
  expect(
    (await callerFor(services, member).notebooks.get({ name })).notebook.idleStopAt,
  ).toBeNull();
});
