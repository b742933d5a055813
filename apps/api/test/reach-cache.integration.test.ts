/**
 * "My projects" and "datasets I can see" are served from the reach cache (ADR 011, "The reach
 * cache") while nothing changed. These tests warm it through the API, change memberships through
 * the API of the same process or of another one on the same table (another Lambda), and check
 * the caller's very next request.
 */
import { expect, test } from 'vitest';

import type { UserView } from '@mlspace/core';
import { createDb } from '@mlspace/db';
import { createTestTable } from '@mlspace/db/testing';

import { createConfigService } from '../src/services/config-service';

import { callerFor, createTestServices, signedUpUser } from './harness';

let sequence = 0;
const aName = (prefix: string) => `${prefix}${Date.now().toString(36)}${(sequence += 1)}`;

/** Two API processes on one table, each with its own caches. */
async function twoProcesses() {
  const { client, tableName } = await createTestTable();
  const aProcess = () => {
    const db = createDb({ client, tableName });
    return createTestServices({
      db,
      configService: createConfigService({ db, mode: 'local', cacheMs: 0 }),
    });
  };
  const [first, second] = [await aProcess(), await aProcess()];
  const owner = await signedUpUser(first.db, { admin: true });
  const bob = await signedUpUser(first.db);
  const project = aName('p');
  await callerFor(first, owner).projects.create({ name: project, description: '' });
  await callerFor(first, owner).projects.members.add({ project, usernames: [bob.username] });
  const dataset = aName('d');
  await callerFor(first, owner).datasets.create({
    scope: 'project',
    project,
    name: dataset,
    type: 'tabular',
    description: '',
  });
  return { first, second, owner, bob, project, dataset };
}

async function whatBobSees(caller: ReturnType<typeof callerFor>) {
  const [projects, datasets] = await Promise.all([
    caller.projects.mine({ limit: 25 }),
    caller.datasets.list({ scope: 'all', limit: 25 }),
  ]);
  return {
    projects: projects.items.map((item) => ({ name: item.name, suspended: item.suspended })),
    datasets: datasets.items.map((item) => `${item.scope}/${item.scopeId}/${item.name}`),
  };
}

test('a member removed by another process no longer sees the project or its datasets on the very next request of the process that had them cached', async () => {
  const { first, second, owner, bob, project, dataset } = await twoProcesses();
  const asBob = callerFor(first, bob);
  expect(await whatBobSees(asBob)).toEqual({
    projects: [{ name: project, suspended: false }],
    datasets: [`project/${project}/${dataset}`],
  });
  await whatBobSees(asBob);

  await callerFor(second, owner).projects.members.remove({ project, username: bob.username });

  expect(await whatBobSees(asBob)).toEqual({ projects: [], datasets: [] });
});

test('a project linked to the caller’s group in another process shows on the next request, and unlinked it goes', async () => {
  const { first, second, owner, bob } = await twoProcesses();
  const asBob = callerFor(first, bob);
  const group = aName('g');
  const linked = aName('l');
  await second.db.groups.create({ name: group, description: '', createdBy: owner.username });
  await second.db.groups.addMembers(group, [bob.username, owner.username], owner.username);
  await callerFor(second, owner).projects.create({ name: linked, description: '' });
  const before = await whatBobSees(asBob);

  await callerFor(second, owner).projects.groups.link({ project: linked, group });
  const withLink = await whatBobSees(asBob);
  await callerFor(second, owner).projects.groups.unlink({ project: linked, group });

  expect(before.projects.map((item) => item.name)).not.toContain(linked);
  expect(withLink.projects.map((item) => item.name)).toContain(linked);
  expect((await whatBobSees(asBob)).projects.map((item) => item.name)).not.toContain(linked);
});

test('a suspension made in the same process shows on the next request', async () => {
  const { first, owner, bob, project } = await twoProcesses();
  const asBob = callerFor(first, bob);
  await whatBobSees(asBob);

  await callerFor(first, owner).projects.suspend({ name: project });

  expect((await whatBobSees(asBob)).projects).toEqual([{ name: project, suspended: true }]);
});

test('the first dataset of a project that held none shows in the next list of a process that had the project cached as empty', async () => {
  const { first, second, owner, bob } = await twoProcesses();
  const asBob = callerFor(first, bob);
  const empty = aName('e');
  const asOwner = callerFor(second, owner);
  await asOwner.projects.create({ name: empty, description: '' });
  await asOwner.projects.members.add({ project: empty, usernames: [bob.username] });
  const before = await whatBobSees(asBob);
  const name = aName('d');

  await asOwner.datasets.create({
    scope: 'project',
    project: empty,
    name,
    type: 'tabular',
    description: '',
  });

  expect(before.datasets).not.toContain(`project/${empty}/${name}`);
  expect((await whatBobSees(asBob)).datasets).toContain(`project/${empty}/${name}`);
});

test('a user deleted in another process and signed up again under the same name sees nothing of the old account', async () => {
  const { first, second, owner, bob } = await twoProcesses();
  await whatBobSees(callerFor(first, bob));

  await second.db.users.delete(bob.username, owner.username);
  const again: UserView = await signedUpUser(second.db, { username: bob.username });

  expect(await whatBobSees(callerFor(first, again))).toEqual({ projects: [], datasets: [] });
});
