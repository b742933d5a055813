import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect, test } from 'vitest';

import { QuotaExceededError, type QuotaOverrides, type UserView } from '@mlspace/core';
import { createDb } from '@mlspace/db';
import { createTestTable } from '@mlspace/db/testing';

import { createSweep } from '../src/jobs/sweep';
import { createConfigService } from '../src/services/config-service';
import { createUsageService } from '../src/services/usage';
import type { ApiServices } from '../src/services';
import { createFakeCompute } from './fake-compute';
import { callerFor, createTestServices, signedUpUser } from './harness';

let sequence = 0;

async function world(overrides: Partial<QuotaOverrides>) {
  const fake = createFakeCompute();
  const table = await createTestTable();
  const db = createDb({ client: table.client, tableName: table.tableName });
  // The test writes to the table behind the repositories' back (leakSlot), so it makes the table.
  const services = await createTestServices({ compute: fake.compute, db });
  services.configService = createConfigService({ db, mode: services.settings.mode, cacheMs: 0 });
  services.usage = createUsageService({ db, region: services.settings.dynamoDb.region });
  const owner = await signedUpUser(services.db);
  const member = await signedUpUser(services.db);
  const admin = await signedUpUser(services.db, { admin: true });
  sequence += 1;
  const project = `quota${sequence}${Math.random().toString(36).slice(2, 6)}`;
  await callerFor(services, owner).projects.create({ name: project, description: '' });
  await callerFor(services, owner).projects.members.add({
    project,
    usernames: [member.username],
    role: 'member',
  });
  await callerFor(services, admin).projects.setQuotas({
    project,
    overrides: { project: {}, perUser: {}, instancesPerFamily: {}, ...overrides },
  });
  return { services, table, fake, owner, member, admin, project };
}

function createNotebook(services: ApiServices, user: UserView, project: string, name: string) {
  return callerFor(services, user).notebooks.create({
    project,
    name,
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
}

async function usedOf(services: ApiServices, project: string, quota: string) {
  return (await services.db.quotas.usage(project)).get(quota) ?? 0;
}

test('twenty creates racing for the last notebook slot: exactly one wins and nineteen are told the quota and what uses it', async () => {
  const { services, owner, member, project } = await world({ project: { notebooks: 3 } });
  await createNotebook(services, owner, project, 'nb-a');
  await createNotebook(services, member, project, 'nb-b');

  const outcomes = await Promise.allSettled(
    Array.from({ length: 20 }, (_, index) =>
      createNotebook(services, index % 2 ? owner : member, project, `race-${index}`),
    ),
  );

  const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
  const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
  expect(won).toHaveLength(1);
  expect(refused).toHaveLength(19);
  const winner = (won[0] as PromiseFulfilledResult<{ name: string; owner: string }>).value;
  for (const outcome of refused) {
    const error = outcome.reason as Error & {
      cause?: unknown;
      data?: { code?: string };
    };
    expect(error.cause).toBeInstanceOf(QuotaExceededError);
    expect(error.message).toContain('Project quota reached: 3 running notebooks (');
    expect(error.message).toContain(`${owner.username}/nb-a`);
    expect(error.message).toContain(`${member.username}/nb-b`);
    expect(error.message).toContain(`${winner.owner}/${winner.name}`);
    expect(error.message).toContain('Stop one or ask an administrator to raise the quota.');
  }
  expect(await usedOf(services, project, 'project#notebooks')).toBe(3);
  // The losers left nothing behind: their names are free and no record exists.
  expect(await services.db.resources.get('notebook', 'race-99')).toBeNull();
  const listed = await callerFor(services, owner).notebooks.list({ project, limit: 50 });
  expect(listed.items).toHaveLength(3);
});

test('stopping a notebook releases its slot and the next create is admitted; starting it again is refused while full', async () => {
  const { services, owner, project } = await world({ project: { notebooks: 1 } });
  await createNotebook(services, owner, project, 'first');
  await expect(createNotebook(services, owner, project, 'second')).rejects.toThrow(
    `Project quota reached: 1 running notebooks (${owner.username}/first)`,
  );

  await callerFor(services, owner).notebooks.stop({ name: 'first' });
  expect(await usedOf(services, project, 'project#notebooks')).toBe(0);
  await createNotebook(services, owner, project, 'second');
  expect(await usedOf(services, project, 'project#notebooks')).toBe(1);

  await expect(callerFor(services, owner).notebooks.start({ name: 'first' })).rejects.toThrow(
    `Project quota reached: 1 running notebooks (${owner.username}/second)`,
  );
  expect((await services.db.resources.get('notebook', 'first'))?.status).toBe('Stopped');
});

test('deleting a running notebook releases its slot and its instances', async () => {
  const { services, owner, project } = await world({
    project: { notebooks: 2 },
    instancesPerFamily: { 'ml.t3': 2 },
  });
  await createNotebook(services, owner, project, 'one');
  expect(await usedOf(services, project, 'family#ml.t3')).toBe(1);
  await services.db.resources.remove('notebook', 'one', owner.username);
  expect(await usedOf(services, project, 'project#notebooks')).toBe(0);
  expect(await usedOf(services, project, 'family#ml.t3')).toBe(0);
});

test('a per-member cap refuses the member at the cap and still admits another member', async () => {
  const { services, owner, member, project } = await world({ perUser: { notebooks: 1 } });
  await createNotebook(services, member, project, 'mine');
  await expect(createNotebook(services, member, project, 'mine-too')).rejects.toThrow(
    `Per-member quota reached: 1 running notebooks per member (${member.username}/mine)`,
  );
  await createNotebook(services, owner, project, 'owners');
});

test('an instance family quota is shown next to the instance type and counts instances, not resources', async () => {
  const { services, owner, project } = await world({ instancesPerFamily: { 'ml.t3': 0 } });
  const refusal = await createNotebook(services, owner, project, 'none-allowed').catch(
    (error: unknown) => error as { cause?: QuotaExceededError },
  );
  expect(refusal).toMatchObject({ cause: { field: 'instanceType' } });
  expect((refusal as { cause: QuotaExceededError }).cause.rule).toBe(
    'Project quota allows no ml.t3 instances; ask an administrator to raise the quota.',
  );
  expect(await services.db.resources.get('notebook', 'none-allowed')).toBeNull();
});

test("only admins change a project's quotas; owners and members read them with their use", async () => {
  const { services, owner, member, project } = await world({ project: { notebooks: 2 } });
  await expect(
    callerFor(services, owner).projects.setQuotas({
      project,
      overrides: { project: { notebooks: 50 }, perUser: {}, instancesPerFamily: {} },
    }),
  ).rejects.toThrow("Only admins may change a project's quotas");
  await createNotebook(services, member, project, 'counted');
  const view = await callerFor(services, member).projects.quotas({ project });
  expect(view.mayEdit).toBe(false);
  expect(view.limits.project.notebooks).toBe(2);
  expect(view.usage.find((row) => row.quota === 'project#notebooks')).toMatchObject({
    used: 1,
    limit: 2,
  });
  expect(view.usage.find((row) => row.quota === `user#${member.username}#notebooks`)).toMatchObject(
    { used: 1, limit: null },
  );
});

/** A counter moved behind the registry's back, as a lost release would leave it (a Scan: test only). */
async function leakSlot(
  table: { client: DynamoDBDocumentClient; tableName: string },
  project: string,
  dimension: string,
) {
  const attribute = `q:${dimension}`;
  const { Items } = await table.client.send(
    new ScanCommand({
      TableName: table.tableName,
      FilterExpression: '#p = :p AND attribute_exists(#d)',
      ExpressionAttributeNames: { '#p': 'project', '#d': attribute },
      ExpressionAttributeValues: { ':p': project },
    }),
  );
  const item = Items?.[0];
  if (!item) throw new Error(`no counter ${dimension} in ${project}`);
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: item.pk as string, sk: item.sk as string },
      UpdateExpression: 'ADD #d :one',
      ExpressionAttributeNames: { '#d': attribute },
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}

test("the sweep's reconcile gives back a slot whose release was lost, and the next create is admitted", async () => {
  const { services, table, fake, owner, project } = await world({ project: { notebooks: 2 } });
  await createNotebook(services, owner, project, 'real');
  await leakSlot(table, project, 'project#notebooks');
  await expect(createNotebook(services, owner, project, 'blocked')).rejects.toThrow(
    'Project quota reached: 2 running notebooks',
  );

  const summary = await createSweep({ db: services.db, compute: fake.compute }).run();

  expect(summary.quotasCorrected).toContainEqual({
    project,
    dimension: 'project#notebooks',
    found: 2,
    counted: 1,
  });
  await createNotebook(services, owner, project, 'admitted');
  expect(await usedOf(services, project, 'project#notebooks')).toBe(2);
});
