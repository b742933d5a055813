import { expect, test } from 'vitest';

import type { DatasetView } from '@mlspace/core';
import { createDb } from '@mlspace/db';
import { createTestTable } from '@mlspace/db/testing';

import { createConfigService } from '../src/services/config-service';

import { callerFor, createTestServices, signedUpUser } from './harness';

let sequence = 0;
const aName = (prefix: string) => `${prefix}${Date.now().toString(36)}${(sequence += 1)}`;

type Caller = ReturnType<typeof callerFor>;
type Scope = 'all' | 'global' | 'private' | 'project' | 'group';

/** Walks every page of datasets.list, as the portal's datasets page does. */
async function walk(caller: Caller, scope: Scope, limit = 4, search?: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pageCount = 0; pageCount < 200; pageCount += 1) {
    const page: { items: DatasetView[]; cursor: string | null } = await caller.datasets.list({
      scope,
      cursor,
      limit,
      search,
    });
    seen.push(...page.items.map((item) => `${item.scope}/${item.scopeId}/${item.name}`));
    cursor = page.cursor;
    if (!cursor) break;
  }
  return seen;
}

/**
 * Bob is in 24 projects directly and 8 groups, two of them linked to 4 more projects; a third
 * of the projects and half the groups hold datasets, the rest are empty. Carol is in none of it.
 */
async function manyMemberships() {
  const services = await createTestServices();
  const { db } = services;
  const [owner, bob, carol] = [
    await signedUpUser(services.db, { admin: true }),
    await signedUpUser(services.db),
    await signedUpUser(services.db),
  ];
  const as = (user: typeof bob) => callerFor(services, user);
  const expected = new Set<string>();
  const direct: string[] = [];
  for (let index = 0; index < 24; index += 1) {
    const project = aName('p');
    await db.projects.create({ name: project, description: '', createdBy: owner.username });
    await db.membership.addUsers(project, [bob.username], 'member', owner.username);
    direct.push(project);
    if (index % 3 === 0) {
      const name = aName('d');
      await as(owner).datasets.create({
        scope: 'project',
        project,
        name,
        type: 'tabular',
        description: '',
      });
      expected.add(`project/${project}/${name}`);
    }
  }
  const groups: string[] = [];
  for (let index = 0; index < 8; index += 1) {
    const group = aName('g');
    await db.groups.create({ name: group, description: '', createdBy: owner.username });
    // The owner shares as a member of the group, as the policy asks.
    await db.groups.addMembers(group, [bob.username, owner.username], owner.username);
    groups.push(group);
  }
  for (const [index, group] of groups.entries()) {
    if (index % 2 !== 0) continue;
    const name = aName('s');
    // Shared with two of Bob's groups: listed once.
    const sharedWith = [group, groups[index + 1] ?? group];
    await as(owner).datasets.create({
      scope: 'group',
      name,
      type: 'tabular',
      description: '',
      groups: sharedWith,
    });
    expected.add(`group/group/${name}`);
  }
  const linked: string[] = [];
  for (let index = 0; index < 4; index += 1) {
    const project = aName('l');
    await db.projects.create({ name: project, description: '', createdBy: owner.username });
    await db.membership.linkGroup(project, groups[index % 2] ?? '', 'member', owner.username);
    linked.push(project);
    const name = aName('d');
    await as(owner).datasets.create({
      scope: 'project',
      project,
      name,
      type: 'tabular',
      description: '',
    });
    expected.add(`project/${project}/${name}`);
  }
  const globalName = aName('glob');
  await as(owner).datasets.create({
    scope: 'global',
    name: globalName,
    type: 'tabular',
    description: '',
  });
  expected.add(`global/global/${globalName}`);
  const privateName = aName('mine');
  await as(bob).datasets.create({
    scope: 'private',
    name: privateName,
    type: 'tabular',
    description: '',
  });
  expected.add(`private/${bob.username}/${privateName}`);
  // Datasets Bob must never see.
  const elsewhere = aName('x');
  await db.projects.create({ name: elsewhere, description: '', createdBy: owner.username });
  await as(owner).datasets.create({
    scope: 'project',
    project: elsewhere,
    name: aName('d'),
    type: 'tabular',
    description: '',
  });
  await as(carol).datasets.create({
    scope: 'private',
    name: aName('theirs'),
    type: 'tabular',
    description: '',
  });
  return { services, owner, bob, carol, as, expected, direct, groups, linked, globalName };
}

test('datasets.list walks exactly the datasets of a user in many projects and groups, each once', async () => {
  const { bob, as, expected } = await manyMemberships();

  const all = await walk(as(bob), 'all');

  expect(all).toHaveLength(new Set(all).size);
  expect(new Set(all)).toEqual(expected);
  // A second walk, now that the empty scopes are known to be empty, gives the same list.
  expect(await walk(as(bob), 'all', 7)).toEqual(await walk(as(bob), 'all', 7));
  expect(new Set(await walk(as(bob), 'all', 100))).toEqual(expected);
});

test('a name filter walks only the matching datasets of every scope, page by page, and leaves the unfiltered list whole', async () => {
  const { bob, as, expected, globalName } = await manyMemberships();

  expect(await walk(as(bob), 'all', 4, globalName)).toEqual([`global/global/${globalName}`]);
  expect(await walk(as(bob), 'all', 4, 'no-dataset-is-called-this')).toEqual([]);
  expect(await walk(as(bob), 'project', 4, 'no-dataset-is-called-this')).toEqual([]);
  expect(new Set(await walk(as(bob), 'all'))).toEqual(expected);
});

test('datasets.list by scope lists only that scope of the caller', async () => {
  const { bob, as, expected } = await manyMemberships();
  const of = (scope: string) => [...expected].filter((key) => key.startsWith(`${scope}/`));

  expect(new Set(await walk(as(bob), 'project'))).toEqual(new Set(of('project')));
  expect(new Set(await walk(as(bob), 'group'))).toEqual(new Set(of('group')));
  expect(await walk(as(bob), 'private')).toEqual(of('private'));
});

test('a user who leaves a project stops seeing its datasets at once, even on a cursor taken before', async () => {
  const { bob, as, expected, direct } = await manyMemberships();
  const project = direct[0] ?? '';
  const first = await as(bob).datasets.list({ scope: 'all', limit: 1 });
  expect(first.items[0]?.scope).toBe('global');

  await as(bob).projects.members.leave({ project });

  const after = new Set(await walk(as(bob), 'all'));
  expect([...after].some((key) => key.startsWith(`project/${project}/`))).toBe(false);
  expect(after).toEqual(
    new Set([...expected].filter((key) => !key.startsWith(`project/${project}/`))),
  );
  const resumed = await as(bob).datasets.list({
    scope: 'all',
    cursor: first.cursor,
    limit: 100,
  });
  expect(resumed.items.some((item) => item.scopeId === project)).toBe(false);
});

test('a user removed from a group stops seeing datasets shared with it and the projects linked to it', async () => {
  const { services, owner, bob, as, expected, groups, linked } = await manyMemberships();
  const [first, second] = [groups[0] ?? '', groups[1] ?? ''];

  await services.db.groups.removeMember(first, bob.username, owner.username);
  await services.db.groups.removeMember(second, bob.username, owner.username);

  const after = new Set(await walk(as(bob), 'all'));
  const lost = [...expected].filter((key) =>
    linked.some((project) => key.startsWith(`project/${project}/`)),
  );
  expect(lost).toHaveLength(4);
  for (const key of lost) expect(after.has(key)).toBe(false);
});

test("a dataset no longer shared with any of the caller's groups leaves their list", async () => {
  const { services, owner, bob, as, groups } = await manyMemberships();
  const outsider = aName('out');
  await services.db.groups.create({ name: outsider, description: '', createdBy: owner.username });
  await services.db.groups.addMembers(outsider, [owner.username], owner.username);
  const name = aName('moved');
  await as(owner).datasets.create({
    scope: 'group',
    name,
    type: 'tabular',
    description: '',
    groups: [groups[7] ?? ''],
  });
  expect(await walk(as(bob), 'group')).toContain(`group/group/${name}`);

  await as(owner).datasets.update({
    ref: { scope: 'group', name },
    description: '',
    groups: [outsider],
  });

  expect(await walk(as(bob), 'group')).not.toContain(`group/group/${name}`);
});

test('a user in none of it sees only global datasets and their own', async () => {
  const { carol, as, globalName } = await manyMemberships();

  const all = await walk(as(carol), 'all');

  expect(all[0]).toBe(`global/global/${globalName}`);
  expect(all).toHaveLength(2);
  expect(all[1]).toMatch(new RegExp(`^private/${carol.username}/`));
});

/**
 * A user in `groups` groups, each linked to one project holding one dataset. The client counts
 * every DynamoDB request, so a test can see what one page costs when the reach is not cached (a
 * process's first request, or the first after a membership change: ADR 011, "The reach cache").
 */
async function inGroups(groups: number) {
  const { client, tableName } = await createTestTable();
  let requests = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      requests += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const db = createDb({
    client,
    tableName,
    reachCache: { maxUsers: 0 },
    datasetPageCache: { maxPages: 0 },
  });
  const services = await createTestServices({
    db,
    configService: createConfigService({ db, mode: 'local', cacheMs: 0 }),
  });
  const [owner, bob] = [await signedUpUser(db, { admin: true }), await signedUpUser(db)];
  for (let index = 0; index < groups; index += 1) {
    const [group, project] = [aName('g'), aName('l')];
    await db.groups.create({ name: group, description: '', createdBy: owner.username });
    await db.groups.addMembers(group, [bob.username], owner.username);
    await db.projects.create({ name: project, description: '', createdBy: owner.username });
    await db.membership.linkGroup(project, group, 'member', owner.username);
    await callerFor(services, owner).datasets.create({
      scope: 'project',
      project,
      name: aName('d'),
      type: 'tabular',
      description: '',
    });
  }
  const caller = callerFor(services, bob);
  await caller.datasets.list({ scope: 'project', limit: 5 });
  return {
    caller,
    async requestsForAPage() {
      const before = requests;
      const page = await caller.datasets.list({ scope: 'project', limit: 5 });
      expect(page.items).toHaveLength(5);
      return requests - before;
    },
  };
}

test("a page of datasets costs the same reads for a user in 40 groups as in 5 (defect: one Query per group's links)", async () => {
  const few = await inGroups(5);
  const many = await inGroups(40);

  const [fewRequests, manyRequests] = [await few.requestsForAPage(), await many.requestsForAPage()];

  expect(manyRequests).toBe(fewRequests);
});
