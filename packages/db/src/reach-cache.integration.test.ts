/**
 * The reach cache (ADR 011, "The reach cache") may serve "my projects" and "datasets I can see"
 * from memory only while no project, group or membership row has changed. Each write path is
 * tested the same way: a reader that has the user's reach cached (its own database handle, as
 * another process or Lambda would be), a change made through a separate writer, then the reader's
 * very next request must show the change, and read what a handle with nothing cached reads. A
 * write path that does not move the reach epoch fails its test here.
 */
import { describe, expect, test } from 'vitest';

import type { CostControls } from '@mlspace/core';

import { createDb, type Db } from './service';
import { createTestTable } from './testing';
import { aGroup, aLogin, aName, aProject, aUser } from './test/factories';

/** A writer and a reader on one table, each with its own cache, as two processes would be. */
async function twoProcesses() {
  const { client, tableName } = await createTestTable();
  let requests = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      requests += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  let tick = Date.parse('2026-01-01T00:00:00.000Z');
  const writer = createDb({
    client,
    tableName,
    // Distinct instants, so a changed `updatedAt` is a different value.
    now: () => new Date((tick += 1_000)).toISOString(),
  });
  return {
    writer,
    reader: createDb({ client, tableName }),
    /** A handle with nothing cached yet. */
    freshReader: () => createDb({ client, tableName }),
    requests: () => requests,
  };
}

/**
 * What bob's lists say, read the way the API reads them, and what every project-scoped request
 * decides on for each project of the world (`projectAccess`, kept under the same epoch).
 */
async function whatTheyReach(db: Db, world: World) {
  const username = world.bob;
  const mine = await db.projects.listForUser(
    username,
    { cursor: null, limit: 25 },
    { includeSuspended: true },
  );
  const active = await db.projects.listForUser(username, { cursor: null, limit: 25 });
  const scopes = await db.datasets.visibleScopes(username);
  const datasetProjects = [];
  for await (const batch of scopes.projectsFrom(undefined, 25)) datasetProjects.push(...batch);
  const access = Object.fromEntries(
    await Promise.all(
      [world.direct, world.linked, world.other].map(
        async (name) => [name, await db.projectAccess.of(name, username)] as const,
      ),
    ),
  );
  return {
    access,
    projects: mine.items,
    activeProjects: active.items.map((project) => project.name),
    datasetProjects,
    datasetGroups: scopes.groups,
  };
}
type Reached = Awaited<ReturnType<typeof whatTheyReach>>;

function aDataset(db: Db, createdBy: string, where: { project: string } | { groups: string[] }) {
  return db.datasets.create({
    scope: 'project' in where ? 'project' : 'group',
    scopeId: 'project' in where ? where.project : 'group',
    name: aName('ds'),
    description: '',
    type: 'tabular',
    groups: 'project' in where ? [] : where.groups,
    createdBy,
  });
}

const controls: CostControls = {
  notebook: { dailyStop: { time: '18:30', timeZone: 'Europe/Berlin' }, ownerMayOverride: true },
  endpoint: { ttlHours: 8, ownerMayOverride: false },
  emrCluster: { ttlHours: null, ownerMayOverride: false },
};

/**
 * An owner; bob, in `direct` himself and reaching `linked` through his group `team`; a project
 * `other` and a group `outsiders` bob is not in; a dataset in each of bob's projects.
 */
async function aWorld(writer: Db) {
  const owner = await aUser(writer);
  const bob = await aUser(writer);
  const direct = await aProject(writer, owner.username);
  const linked = await aProject(writer, owner.username);
  const other = await aProject(writer, owner.username);
  const team = await aGroup(writer, owner.username);
  const outsiders = await aGroup(writer, owner.username);
  await writer.membership.addUsers(direct.name, [bob.username], 'member', owner.username);
  await writer.groups.addMembers(team.name, [bob.username], owner.username);
  await writer.membership.linkGroup(linked.name, team.name, 'member', owner.username);
  await aDataset(writer, owner.username, { project: direct.name });
  await aDataset(writer, owner.username, { project: linked.name });
  return {
    owner: owner.username,
    bob: bob.username,
    direct: direct.name,
    linked: linked.name,
    other: other.name,
    team: team.name,
    outsiders: outsiders.name,
  };
}
type World = Awaited<ReturnType<typeof aWorld>>;

const projectNames = (reached: Reached) => reached.projects.map((project) => project.name);
const datasetProjectNames = (reached: Reached) =>
  reached.datasetProjects.map((scope) => scope.name);
const projectNamed = (reached: Reached, name: string) =>
  reached.projects.find((project) => project.name === name);

interface WritePath {
  /** Prepares what the change acts on, before the reader reads. */
  arrange?: (writer: Db, world: World) => Promise<unknown>;
  /** What the reader must have cached before the change. */
  before?: (before: Reached, world: World) => void;
  change: (writer: Db, world: World) => Promise<unknown>;
  /** What the reader's next request must show. */
  after: (after: Reached, before: Reached, world: World) => void;
}

const writePaths: Record<string, WritePath> = {
  'a member removed from a project no longer sees it or its datasets': {
    change: (writer, w) => writer.membership.removeUser(w.direct, w.bob, w.owner),
    after: (after, _, w) => {
      expect(after.access[w.direct]?.role).toBeNull();
      expect(projectNames(after)).not.toContain(w.direct);
      expect(datasetProjectNames(after)).not.toContain(w.direct);
    },
  },
  'a member who left a project no longer sees it or its datasets': {
    change: (writer, w) => writer.membership.leave(w.direct, w.bob),
    after: (after, _, w) => {
      expect(projectNames(after)).not.toContain(w.direct);
      expect(datasetProjectNames(after)).not.toContain(w.direct);
    },
  },
  'a user added to a project sees it with their role': {
    change: (writer, w) => writer.membership.addUsers(w.other, [w.bob], 'owner', w.owner),
    after: (after, _, w) => {
      expect(after.access[w.other]?.role).toBe('owner');
      expect(projectNamed(after, w.other)?.role).toBe('owner');
      expect(datasetProjectNames(after)).toContain(w.other);
    },
  },
  "a member's new role shows, with the project's new owner count": {
    change: (writer, w) => writer.membership.setUserRole(w.direct, w.bob, 'owner', w.owner),
    after: (after, _, w) => {
      expect(projectNamed(after, w.direct)?.role).toBe('owner');
      expect(projectNamed(after, w.direct)?.ownerCount).toBe(2);
    },
  },
  "a project newly linked to the user's group shows": {
    change: (writer, w) => writer.membership.linkGroup(w.other, w.team, 'member', w.owner),
    after: (after, _, w) => {
      expect(projectNamed(after, w.other)?.viaGroups).toEqual([{ group: w.team, role: 'member' }]);
      expect(datasetProjectNames(after)).toContain(w.other);
    },
  },
  "a group link's new role shows": {
    change: (writer, w) => writer.membership.setGroupRole(w.linked, w.team, 'owner', w.owner),
    after: (after, _, w) => expect(projectNamed(after, w.linked)?.role).toBe('owner'),
  },
  'a project unlinked from the user’s group no longer shows, nor do its datasets': {
    change: (writer, w) => writer.membership.unlinkGroup(w.linked, w.team, w.owner),
    after: (after, _, w) => {
      expect(after.access[w.linked]?.role).toBeNull();
      expect(projectNames(after)).not.toContain(w.linked);
      expect(datasetProjectNames(after)).not.toContain(w.linked);
    },
  },
  "a user added to a group sees the group's projects and datasets": {
    arrange: (writer, w) => writer.membership.linkGroup(w.other, w.outsiders, 'member', w.owner),
    change: (writer, w) => writer.groups.addMembers(w.outsiders, [w.bob], w.owner),
    after: (after, _, w) => {
      expect(projectNames(after)).toContain(w.other);
      expect(after.datasetGroups.map((group) => group.name)).toContain(w.outsiders);
    },
  },
  "a user removed from a group no longer sees the group's projects or datasets": {
    change: (writer, w) => writer.groups.removeMember(w.team, w.bob, w.owner),
    after: (after, _, w) => {
      expect(after.access[w.linked]?.role).toBeNull();
      expect(projectNames(after)).not.toContain(w.linked);
      expect(datasetProjectNames(after)).not.toContain(w.linked);
      expect(after.datasetGroups).toEqual([]);
    },
  },
  "a deleted group's members no longer see its projects or datasets": {
    change: async (writer, w) => {
      await writer.groups.startDeletion(w.team, w.owner);
      await writer.groups.delete(w.team, w.owner);
    },
    after: (after, _, w) => {
      expect(projectNames(after)).not.toContain(w.linked);
      expect(after.datasetGroups).toEqual([]);
    },
  },
  'a group deleted and created again under its name gives its new members nothing of the old one': {
    change: async (writer, w) => {
      await writer.groups.startDeletion(w.team, w.owner);
      await writer.groups.delete(w.team, w.owner);
      await writer.groups.create({ name: w.team, description: '', createdBy: w.owner });
      await writer.groups.addMembers(w.team, [w.bob], w.owner);
    },
    after: (after, _, w) => {
      expect(projectNames(after)).not.toContain(w.linked);
      expect(after.datasetGroups).toEqual([{ name: w.team, holdsDatasets: false }]);
    },
  },
  'a new project shows to its creator': {
    change: (writer, w) =>
      writer.projects.create({ name: aName('new'), description: '', createdBy: w.bob }),
    after: (after, before) => expect(after.projects).toHaveLength(before.projects.length + 1),
  },
  "a project's new description shows": {
    change: (writer, w) => writer.projects.update(w.direct, { description: 'renamed' }, w.owner),
    after: (after, _, w) => expect(projectNamed(after, w.direct)?.description).toBe('renamed'),
  },
  'a suspended project shows as suspended and leaves the active list': {
    change: (writer, w) => writer.projects.suspend(w.direct, w.owner),
    after: (after, _, w) => {
      expect(after.access[w.direct]?.project?.suspended).toBe(true);
      expect(projectNamed(after, w.direct)?.suspended).toBe(true);
      expect(after.activeProjects).not.toContain(w.direct);
    },
  },
  'a reinstated project is in the active list again': {
    arrange: (writer, w) => writer.projects.suspend(w.direct, w.owner),
    before: (before, w) => expect(before.activeProjects).not.toContain(w.direct),
    change: (writer, w) => writer.projects.reinstate(w.direct, w.owner),
    after: (after, _, w) => expect(after.activeProjects).toContain(w.direct),
  },
  'a project whose deletion started no longer shows, nor do its datasets': {
    arrange: (writer, w) => writer.projects.suspend(w.direct, w.owner),
    change: (writer, w) => writer.projects.startDeletion(w.direct, w.owner),
    after: (after, _, w) => {
      expect(projectNames(after)).not.toContain(w.direct);
      expect(datasetProjectNames(after)).not.toContain(w.direct);
    },
  },
  'a deleted project created again under its name is not reached through the old link': {
    arrange: async (writer, w) => {
      await writer.projects.suspend(w.linked, w.owner);
      const page = await writer.datasets.listByScope(
        { scope: 'project', scopeId: w.linked },
        { limit: 10 },
      );
      for (const dataset of page.items) await writer.datasets.delete(dataset, w.owner);
    },
    change: async (writer, w) => {
      await writer.projects.delete(w.linked, w.owner);
      await writer.projects.create({ name: w.linked, description: '', createdBy: w.owner });
    },
    after: (after, _, w) => {
      expect(projectNames(after)).not.toContain(w.linked);
      expect(datasetProjectNames(after)).not.toContain(w.linked);
    },
  },
  "a project's cost-control change shows its new update time": {
    change: (writer, w) => writer.costControls.set(w.direct, controls, w.owner),
    after: (after, before, w) =>
      expect(projectNamed(after, w.direct)?.updatedAt).not.toBe(
        projectNamed(before, w.direct)?.updatedAt,
      ),
  },
  'a deleted user signed up again under the same name reaches nothing of the old account': {
    change: async (writer, w) => {
      await writer.users.delete(w.bob, w.owner);
      await writer.users.recordLogin(aLogin({ username: w.bob }));
    },
    after: (after) => {
      expect(after.projects).toEqual([]);
      expect(after.datasetProjects).toEqual([]);
      expect(after.datasetGroups).toEqual([]);
    },
  },
  'the first dataset of a project that held none shows in the next list': {
    arrange: (writer, w) => writer.membership.addUsers(w.other, [w.bob], 'member', w.owner),
    before: (before, w) =>
      expect(before.datasetProjects).toContainEqual({ name: w.other, holdsDatasets: false }),
    change: (writer, w) => aDataset(writer, w.owner, { project: w.other }),
    after: (after, _, w) =>
      expect(after.datasetProjects).toContainEqual({ name: w.other, holdsDatasets: true }),
  },
  'the first dataset shared with a group that held none shows in the next list': {
    before: (before, w) =>
      expect(before.datasetGroups).toEqual([{ name: w.team, holdsDatasets: false }]),
    change: (writer, w) => aDataset(writer, w.owner, { groups: [w.team] }),
    after: (after, _, w) =>
      expect(after.datasetGroups).toEqual([{ name: w.team, holdsDatasets: true }]),
  },
};

describe('a reader with the reach and project access cached sees the change on its very next request:', () => {
  test.each(Object.entries(writePaths))('%s', async (_, path) => {
    const { writer, reader, freshReader } = await twoProcesses();
    const world = await aWorld(writer);
    await path.arrange?.(writer, world);
    const before = await whatTheyReach(reader, world);
    path.before?.(before, world);

    await path.change(writer, world);

    const after = await whatTheyReach(reader, world);
    path.after(after, before, world);
    expect(after).toEqual(await whatTheyReach(freshReader(), world));
  });
});

test('a reach read again while the epoch stands costs one read of the epoch (defect: every page read the caller’s memberships)', async () => {
  const { writer, reader, requests } = await twoProcesses();
  const world = await aWorld(writer);
  await reader.projects.listForUser(world.bob, { cursor: null, limit: 25 });

  const before = requests();
  const page = await reader.projects.listForUser(world.bob, { cursor: null, limit: 25 });
  const scopes = await reader.datasets.visibleScopes(world.bob);
  for await (const batch of scopes.projectsFrom(undefined, 25)) expect(batch).toHaveLength(2);

  expect(page.items.map((project) => project.name)).toEqual([world.direct, world.linked].sort());
  expect(requests() - before).toBe(2);
});

test("a project's access read again while the epoch stands costs one read of the epoch (defect: every project request read the project, the membership and the group links)", async () => {
  const { writer, reader, requests } = await twoProcesses();
  const world = await aWorld(writer);
  const first = await reader.projectAccess.of(world.linked, world.bob);

  const before = requests();
  const again = await reader.projectAccess.of(world.linked, world.bob);

  expect(requests() - before).toBe(1);
  expect(again).toEqual(first);
  expect(again.role).toBe('member');
  expect(Object.isFrozen(again.project)).toBe(true);
});

test('a change by one handle is seen by the same handle that had the reach cached', async () => {
  const { writer, requests } = await twoProcesses();
  const world = await aWorld(writer);
  const read = async () =>
    (await writer.projects.listForUser(world.bob, { cursor: null, limit: 25 })).items.map(
      (project) => project.name,
    );
  expect(await read()).toContain(world.direct);
  const cached = requests();
  await read();
  expect(requests() - cached).toBe(1);

  await writer.membership.removeUser(world.direct, world.bob, world.owner);

  expect(await read()).toEqual([world.linked]);
});

test('pages after the first continue the cached walk, and every project is listed once', async () => {
  const { writer, reader } = await twoProcesses();
  const owner = await aUser(writer);
  const bob = await aUser(writer);
  const names: string[] = [];
  for (let index = 0; index < 7; index += 1) {
    const project = await aProject(writer, owner.username);
    await writer.membership.addUsers(project.name, [bob.username], 'member', owner.username);
    names.push(project.name);
  }
  const pageThrough = async (db: Db) => {
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await db.projects.listForUser(bob.username, { cursor, limit: 2 });
      listed.push(...page.items.map((project) => project.name));
      cursor = page.cursor;
    } while (cursor);
    return listed;
  };

  expect(await pageThrough(reader)).toEqual(names.sort());
  expect(await pageThrough(reader)).toEqual(names.sort());
});

test('a reach read within the settling time of a new epoch is read again once it has passed', async () => {
  const { client, tableName } = await createTestTable();
  let now = 0;
  const db = createDb({ client, tableName, reachCache: { settleMs: 1_000, clock: () => now } });
  const owner = await aUser(db);
  const project = await aProject(db, owner.username);
  let requests = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      requests += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const read = async () => {
    const before = requests;
    const page = await db.projects.listForUser(owner.username, { cursor: null, limit: 25 });
    expect(page.items.map((item) => item.name)).toEqual([project.name]);
    return requests - before;
  };

  expect(await read()).toBeGreaterThan(1);
  now = 500;
  expect(await read()).toBe(1);
  now = 1_000;
  expect(await read()).toBeGreaterThan(1);
  now = 50_000;
  expect(await read()).toBe(1);
});

test('the cache keeps at most the configured number of users', async () => {
  const { client, tableName } = await createTestTable();
  const db = createDb({ client, tableName, reachCache: { maxUsers: 2, settleMs: 0 } });
  const owner = await aUser(db);
  const users = [await aUser(db), await aUser(db), await aUser(db)];
  const project = await aProject(db, owner.username);
  await db.membership.addUsers(
    project.name,
    users.map((user) => user.username),
    'member',
    owner.username,
  );
  let requests = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      requests += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const cost = async (username: string) => {
    const before = requests;
    await db.projects.listForUser(username, { cursor: null, limit: 25 });
    return requests - before;
  };
  for (const user of users) await cost(user.username);

  expect(await cost(users[2]!.username)).toBe(1);
  expect(await cost(users[0]!.username)).toBeGreaterThan(1);
});
