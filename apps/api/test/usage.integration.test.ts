/**
 * Usage metering, budgets and the hard stop, end to end through the router, the sweep and the
 * admission gate, on DynamoDB Local. Time is controlled: the database and the usage service read
 * one clock, set three hours back while the notebook starts and brought to now afterwards, so the
 * notebook has run three hours when the test looks (events from the backend carry real time).
 */
import { expect, test, vi } from 'vitest';

import type { Budget } from '@mlspace/core';
import { createDb } from '@mlspace/db';
import { createTestTable } from '@mlspace/db/testing';

import { createSweep } from '../src/jobs/sweep';
import { createProjectCascade } from '../src/services/cascade';
import { createConfigService } from '../src/services/config-service';
import { createResourceActions } from '../src/services/resource-actions';
import { registerResourceCascades } from '../src/services/resource-cascades';
import { createUsageService } from '../src/services/usage';
import { registerUsageCascade } from '../src/services/usage-cascade';
import { createFakeCompute } from './fake-compute';
import { callerFor, createTestServices, signedUpUser } from './harness';

const hourMs = 3_600_000;
let sequence = 0;

/** A project whose member started an ml.t3.medium notebook ($0.05 an hour) three hours ago. */
async function world() {
  let offsetMs = -3 * hourMs;
  const clock = () => new Date(Date.now() + offsetMs);
  const { client, tableName } = await createTestTable();
  const db = createDb({ client, tableName, now: () => clock().toISOString() });
  const fake = createFakeCompute();
  const cascade = createProjectCascade();
  const services = await createTestServices({
    db,
    compute: fake.compute,
    cascade,
    configService: createConfigService({ db, mode: 'local', cacheMs: 0 }),
    usage: createUsageService({ db, region: 'us-east-1', now: clock }),
  });
  registerResourceCascades(cascade, db, createResourceActions({ db, compute: fake.compute }));
  registerUsageCascade(cascade, db, clock);
  const owner = await signedUpUser(db);
  const member = await signedUpUser(db);
  const admin = await signedUpUser(db, { admin: true });
  sequence += 1;
  const project = `use${sequence}${Math.random().toString(36).slice(2, 6)}`;
  await callerFor(services, owner).projects.create({ name: project, description: '' });
  await callerFor(services, owner).projects.members.add({
    project,
    usernames: [member.username],
    role: 'member',
  });
  const notebook = await callerFor(services, member).notebooks.create({
    project,
    name: `nb${sequence}`,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
  offsetMs = 0;
  const sweep = createSweep({ db, compute: fake.compute, cascade, usage: services.usage });
  const advance = (ms: number) => {
    offsetMs += ms;
  };
  return { services, db, fake, owner, member, admin, project, notebook, sweep, advance };
}

const budget = (amountUsd: number, hardStop: boolean): Budget => ({
  amountUsd,
  instanceHours: null,
  thresholds: [50, 80, 100],
  hardStop,
});

test('a stopped notebook’s hours appear in its project’s usage by day, kind and user, priced, and in the CSV', async () => {
  const { services, member, admin, project, notebook } = await world();
  await callerFor(services, member).notebooks.stop({ name: notebook.name });

  const usage = await callerFor(services, member).usage.project({ project });
  expect(usage.running).toEqual([]);
  expect(usage.lines.length).toBeGreaterThan(0); // two lines when the run straddles midnight
  expect(
    usage.lines.every((line) => line.kind === 'notebook' && line.owner === member.username),
  ).toBe(true);
  expect(usage.totals.instanceHours).toBeCloseTo(3, 2);
  expect(usage.totals.costUsd).toBeCloseTo(0.15, 3);
  expect(usage.prices?.source).toContain('aws.amazon.com');

  const everyone = await callerFor(services, admin).usage.all({});
  expect(everyone.lines.some((line) => line.project === project)).toBe(true);
  const { csv, fileName } = await callerFor(services, member).usage.csv({ project });
  expect(fileName).toBe(`mlspace-usage-${project}-${usage.month}.csv`);
  expect(csv.split('\r\n')[0]).toBe(
    'Day,Project,Kind,User,Instance type,Instance-hours,Estimated cost (USD)',
  );
  expect(csv).toContain(`,${project},notebook,${member.username},ml.t3.medium,`);
});

test('a running notebook is counted live, with what it costs an hour', async () => {
  const { services, member, project, notebook } = await world();
  const usage = await callerFor(services, member).usage.project({ project });
  expect(usage.running).toMatchObject([
    { name: notebook.name, instanceType: 'ml.t3.medium', hourlyUsd: 0.05 },
  ]);
  expect(usage.totals.instanceHours).toBeCloseTo(3, 2);
});

test('each budget threshold crossed is written to the audit trail once, however many sweeps see it', async () => {
  const { services, owner, admin, project, sweep } = await world();
  // $0.15 of $0.18 is 83%: past 50% and 80%, not 100%.
  await callerFor(services, owner).usage.setBudget({ project, budget: budget(0.18, true) });

  const first = await sweep.run();
  const second = await sweep.run();
  expect(first.budgetWarnings.sort()).toEqual([`${project}: 50%`, `${project}: 80%`]);
  expect(second.budgetWarnings).toEqual([]);
  expect(first.budgetStops).toEqual([]);
  const audit = await callerFor(services, admin).audit.list({
    targetType: 'project',
    targetId: project,
    limit: 50,
  });
  const warnings = audit.items.filter(
    (event) => event.action === 'project.budget_threshold_reached',
  );
  expect(warnings).toHaveLength(2);

  const banner = await callerFor(services, owner).usage.budgetBanner({ project });
  expect(banner).toMatchObject({ mayEdit: true, status: { crossed: [50, 80], reached: false } });
});

test('a reached hard-stop budget stops the project’s notebooks and the admission gate refuses new work, naming the budget and its use', async () => {
  const { services, fake, owner, member, project, notebook, sweep } = await world();
  await callerFor(services, owner).usage.setBudget({ project, budget: budget(0.1, true) });

  const summary = await sweep.run();
  expect(summary.budgetStops).toEqual([notebook.name]);
  expect(fake.notebooks.get(notebook.name)).toBe('Stopped');
  expect((await services.db.resources.get('notebook', notebook.name))?.status).toBe('Stopped');

  await expect(
    callerFor(services, member).notebooks.create({
      project,
      name: `${notebook.name}b`,
      instanceType: 'ml.t3.medium',
      volumeSizeGb: 5,
      lifecycle: {},
    }),
  ).rejects.toThrow(
    /^Project budget for [A-Z][a-z]+ reached: \$0\.15 of \$0\.10\. Ask an owner to raise it\.$/,
  );
  expect(await services.db.resources.get('notebook', `${notebook.name}b`)).toBeNull();

  // An owner who raises the budget lets work start again.
  await callerFor(services, owner).usage.setBudget({ project, budget: budget(10, true) });
  await callerFor(services, member).notebooks.create({
    project,
    name: `${notebook.name}c`,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
});

test('a budget without the hard stop warns but stops nothing and refuses nothing', async () => {
  const { services, fake, owner, project, notebook, sweep } = await world();
  await callerFor(services, owner).usage.setBudget({ project, budget: budget(0.1, false) });
  const summary = await sweep.run();
  expect(summary.budgetWarnings).toHaveLength(3);
  expect(summary.budgetStops).toEqual([]);
  expect(fake.notebooks.get(notebook.name)).toBe('InService');
});

test('a notebook the hard stop could not stop is recorded on the notebook and retried by the next sweep', async () => {
  const { services, fake, owner, project, notebook, sweep } = await world();
  await callerFor(services, owner).usage.setBudget({ project, budget: budget(0.1, true) });
  fake.failing.add(notebook.name);

  const first = await sweep.run();
  expect(first.failed).toContainEqual({
    resource: notebook.name,
    reason: `the backend refused ${notebook.name}`,
  });
  const pending = await services.db.resources.get('notebook', notebook.name);
  expect(pending).toMatchObject({ pendingAction: 'stop' });

  fake.failing.delete(notebook.name);
  const second = await sweep.run();
  expect(second.retried).toEqual([notebook.name]);
  expect(fake.notebooks.get(notebook.name)).toBe('Stopped');
  expect((await services.db.resources.get('notebook', notebook.name))?.pendingAction).toBeNull();
});

test('members may not set a budget; owners may', async () => {
  const { services, member, project } = await world();
  await expect(
    callerFor(services, member).usage.setBudget({ project, budget: budget(100, true) }),
  ).rejects.toThrow(/Only owners of project/);
});

test('a deleted project’s usage and budget go with it, so a later project of the same name starts with none (defect: usage rows are keyed by the project’s name)', async () => {
  const { services, db, owner, member, project, notebook } = await world();
  await callerFor(services, owner).usage.setBudget({ project, budget: budget(100, true) });
  await callerFor(services, member).notebooks.stop({ name: notebook.name });
  expect((await callerFor(services, owner).usage.project({ project })).lines).not.toEqual([]);

  await callerFor(services, owner).projects.suspend({ name: project });
  const outcome = await callerFor(services, owner).projects.delete({ name: project });
  expect(outcome).toMatchObject({ complete: true });
  expect(await db.budgets.listBudgeted()).not.toContain(project.toLowerCase());

  await callerFor(services, member).projects.create({ name: project, description: 'again' });
  const fresh = await callerFor(services, member).usage.project({ project });
  expect(fresh.lines).toEqual([]);
  expect(fresh.budget).toBeNull();
});

test('a hard-stop budget with headroom is read again only when what runs could have reached it; work admitted meanwhile counts', async () => {
  const { services, owner, member, project, notebook, advance } = await world();
  const monthReads = vi.spyOn(services.db.usage, 'projectMonthTotals');
  const create = (name: string, instanceType = 'ml.t3.medium') =>
    callerFor(services, member).notebooks.create({
      project,
      name,
      instanceType,
      volumeSizeGb: 5,
      lifecycle: {},
    });
  // $0.15 used, $0.05 an hour running: $0.25 lasts two hours, so the verdict stands its 30 s.
  await callerFor(services, owner).usage.setBudget({ project, budget: budget(0.25, true) });
  await create(`${notebook.name}a`);
  expect(monthReads).toHaveBeenCalledTimes(1);
  await create(`${notebook.name}b`);
  expect(monthReads).toHaveBeenCalledTimes(1);

  // Past the hold the month is read again; two hours on, three notebooks have spent the budget.
  advance(2 * hourMs);
  await expect(create(`${notebook.name}c`)).rejects.toThrow(/Project budget for .* reached/);
  expect(monthReads).toHaveBeenCalledTimes(2);
});

test('a notebook admitted on a held verdict shortens the hold by its own rate', async () => {
  const { services, owner, member, project, notebook, advance } = await world();
  const monthReads = vi.spyOn(services.db.usage, 'projectMonthTotals');
  const create = (name: string, instanceType: string) =>
    callerFor(services, member).notebooks.create({
      project,
      name,
      instanceType,
      volumeSizeGb: 5,
      lifecycle: {},
    });
  // About $0.15 used of $0.152 at $0.05 an hour: 144 s to reach, so the verdict stands its 30 s.
  // An ml.m5.xlarge ($0.23 an hour) joins: about 26 s to reach, so it stands about 13 s.
  await callerFor(services, owner).usage.setBudget({ project, budget: budget(0.152, true) });
  await create(`${notebook.name}a`, 'ml.m5.xlarge');
  expect(monthReads).toHaveBeenCalledTimes(1);
  advance(15_000);
  await create(`${notebook.name}b`, 'ml.t3.medium').catch(() => undefined);
  expect(monthReads).toHaveBeenCalledTimes(2);
});
