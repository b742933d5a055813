/**
 * The dataset page cache (ADR 011, "The dataset page cache") may serve a scope's dataset pages
 * from memory only while no dataset or share row has changed. Each write path is tested the same
 * way: a reader that has the pages cached (its own database handle, as another process or Lambda
 * would be), a change made through a separate writer, then the reader's very next request must
 * show the change, and read what a handle with nothing cached reads. A write path that does not
 * move the dataset epoch fails its test here. Most changes below leave every reach row alone (the
 * scope already held a dataset), so the reach epoch does not move and cannot hide a missed bump.
 */
import { describe, expect, test } from 'vitest';

import type { DatasetRecord, Page } from '@mlspace/core';

import { createDb, type Db } from './service';
import { createTestTable } from './testing';
import { aGroup, aName, aProject, aUser } from './test/factories';

function counted(client: Awaited<ReturnType<typeof createTestTable>>['client']) {
  let requests = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      requests += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return () => requests;
}

/** A writer and a reader on one table, each with its own caches, as two processes would be. */
async function twoProcesses() {
  const { client, tableName } = await createTestTable();
  const requests = counted(client);
  let tick = Date.parse('2026-01-01T00:00:00.000Z');
  const writer = createDb({
    client,
    tableName,
    // Distinct instants, so a changed `updatedAt` is a different value.
    now: () => new Date((tick += 1_000)).toISOString(),
  });
  return {
    writer,
    // Nothing expires by the settling time, so a missed epoch bump cannot hide behind it.
    reader: createDb({
      client,
      tableName,
      reachCache: { settleMs: 0 },
      datasetPageCache: { settleMs: 0 },
    }),
    /** A handle with nothing cached yet. */
    freshReader: () => createDb({ client, tableName }),
    requests,
  };
}

const shown = (page: Page<DatasetRecord>) =>
  page.items.map(
    (item) =>
      `${item.scope}/${item.scopeId}/${item.name} "${item.description}" [${item.groups.join(',')}]`,
  );

/** The first page of every scope the user sees, read the way `datasets.list` reads them. */
async function whatTheySee(db: Db, username: string) {
  const visible = await db.datasets.visibleTo(username);
  const projects = [];
  for await (const batch of visible.projectsFrom(undefined, 25)) projects.push(...batch);
  const page = { cursor: null, limit: 25 };
  return {
    global: shown(await visible.listByScope({ scope: 'global', scopeId: 'global' }, page)),
    private: shown(await visible.listByScope({ scope: 'private', scopeId: username }, page)),
    projects: Object.fromEntries(
      await Promise.all(
        projects.map(async ({ name }): Promise<[string, string[]]> => [
          name,
          shown(await visible.listByScope({ scope: 'project', scopeId: name }, page)),
        ]),
      ),
    ),
    groups: Object.fromEntries(
      await Promise.all(
        visible.groups.map(async ({ name }): Promise<[string, string[]]> => [
          name,
          shown(await visible.listSharedWithGroup(name, page)),
        ]),
      ),
    ),
  };
}
type Seen = Awaited<ReturnType<typeof whatTheySee>>;

function aDataset(
  db: Db,
  createdBy: string,
  where: { project: string } | { groups: string[] } | 'global' | 'private',
) {
  const [scope, scopeId] =
    where === 'global'
      ? (['global', 'global'] as const)
      : where === 'private'
        ? (['private', createdBy] as const)
        : 'project' in where
          ? (['project', where.project] as const)
          : (['group', 'group'] as const);
  return db.datasets.create({
    scope,
    scopeId,
    name: aName('ds'),
    description: '',
    type: 'tabular',
    groups: typeof where === 'object' && 'groups' in where ? where.groups : [],
    createdBy,
  });
}

/**
 * An owner; bob, in project `direct` and group `team`; a group `outsiders` bob is not in; a
 * dataset in `direct`, one shared with `team` and `outsiders`, a global one and one of bob's own.
 */
async function aWorld(writer: Db) {
  const owner = (await aUser(writer)).username;
  const bob = (await aUser(writer)).username;
  const direct = (await aProject(writer, owner)).name;
  const team = (await aGroup(writer, owner)).name;
  const outsiders = (await aGroup(writer, owner)).name;
  await writer.membership.addUsers(direct, [bob], 'member', owner);
  await writer.groups.addMembers(team, [bob], owner);
  await writer.groups.addMembers(outsiders, [owner], owner);
  const [inProject, shared, global, own] = [
    await aDataset(writer, owner, { project: direct }),
    await aDataset(writer, owner, { groups: [team, outsiders] }),
    await aDataset(writer, owner, 'global'),
    await aDataset(writer, bob, 'private'),
  ];
  return { owner, bob, direct, team, outsiders, inProject, shared, global, own };
}
type World = Awaited<ReturnType<typeof aWorld>>;

interface WritePath {
  change: (writer: Db, world: World) => Promise<unknown>;
  /** What the reader's next request must show. */
  after: (after: Seen, before: Seen, world: World) => void;
}

const nameIn = (lines: string[] | undefined, name: string) =>
  (lines ?? []).some((line) => line.includes(`/${name} `));

const writePaths: Record<string, WritePath> = {
  "a second dataset in a project shows in the project's page": {
    change: (writer, w) => aDataset(writer, w.owner, { project: w.direct }),
    after: (after, before, w) =>
      expect(after.projects[w.direct]).toHaveLength((before.projects[w.direct]?.length ?? 0) + 1),
  },
  'a new global dataset shows': {
    change: (writer, w) => aDataset(writer, w.owner, 'global'),
    after: (after, before) => expect(after.global).toHaveLength(before.global.length + 1),
  },
  'a new private dataset shows to its creator': {
    change: (writer, w) => aDataset(writer, w.bob, 'private'),
    after: (after, before) => expect(after.private).toHaveLength(before.private.length + 1),
  },
  "a second dataset shared with the user's group shows in the group's page": {
    change: (writer, w) => aDataset(writer, w.owner, { groups: [w.team] }),
    after: (after, before, w) =>
      expect(after.groups[w.team]).toHaveLength((before.groups[w.team]?.length ?? 0) + 1),
  },
  "a dataset's new description shows": {
    change: (writer, w) =>
      writer.datasets.update(w.inProject, { description: 'described' }, w.owner),
    after: (after, _, w) => expect(after.projects[w.direct]?.[0]).toContain('"described"'),
  },
  "a dataset no longer shared with the user's group leaves the group's page": {
    change: (writer, w) =>
      writer.datasets.update(w.shared, { description: '', groups: [w.outsiders] }, w.owner),
    after: (after, _, w) => expect(nameIn(after.groups[w.team], w.shared.name)).toBe(false),
  },
  "a dataset newly shared with the user's group shows in the group's page": {
    change: async (writer, w) => {
      const elsewhere = await aDataset(writer, w.owner, { groups: [w.outsiders] });
      await writer.datasets.update(elsewhere, { description: '', groups: [w.team] }, w.owner);
      return elsewhere;
    },
    after: (after, before, w) =>
      expect(after.groups[w.team]).toHaveLength((before.groups[w.team]?.length ?? 0) + 1),
  },
  'a deleted project dataset leaves the page': {
    change: (writer, w) => writer.datasets.delete(w.inProject, w.owner),
    after: (after, _, w) => expect(after.projects[w.direct]).toEqual([]),
  },
  'a deleted global dataset leaves the page': {
    change: (writer, w) => writer.datasets.delete(w.global, w.owner),
    after: (after, _, w) => expect(nameIn(after.global, w.global.name)).toBe(false),
  },
  'a deleted private dataset leaves its creator’s page': {
    change: (writer, w) => writer.datasets.delete(w.own, w.bob),
    after: (after) => expect(after.private).toEqual([]),
  },
  "a deleted group dataset leaves the group's page": {
    change: (writer, w) => writer.datasets.delete(w.shared, w.owner),
    after: (after, _, w) => expect(after.groups[w.team]).toEqual([]),
  },
  "another group's deletion takes it out of the shared dataset's groups": {
    change: async (writer, w) => {
      await writer.groups.startDeletion(w.outsiders, w.owner);
      await writer.groups.delete(w.outsiders, w.owner);
    },
    after: (after, _, w) =>
      expect(after.groups[w.team]).toEqual([`group/group/${w.shared.name} "" [${w.team}]`]),
  },
};

describe('a reader with the dataset pages cached sees the change on its very next request:', () => {
  test.each(Object.entries(writePaths))('%s', async (_, path) => {
    const { writer, reader, freshReader } = await twoProcesses();
    const world = await aWorld(writer);
    const before = await whatTheySee(reader, world.bob);
    expect(await whatTheySee(reader, world.bob)).toEqual(before);

    await path.change(writer, world);

    const after = await whatTheySee(reader, world.bob);
    path.after(after, before, world);
    expect(after).toEqual(await whatTheySee(freshReader(), world.bob));
  });
});

test('pages read again while the epochs stand cost one read of the epochs (defect: every list re-read every scope)', async () => {
  const { writer, reader, requests } = await twoProcesses();
  const world = await aWorld(writer);
  const first = await whatTheySee(reader, world.bob);

  const before = requests();
  const again = await whatTheySee(reader, world.bob);

  expect(again).toEqual(first);
  expect(Object.keys(again.projects)).toEqual([world.direct]);
  expect(requests() - before).toBe(1);
});

test('a dataset written by one handle is in the same handle’s very next page', async () => {
  const { writer } = await twoProcesses();
  const world = await aWorld(writer);
  const before = await whatTheySee(writer, world.bob);

  const added = await aDataset(writer, world.owner, { project: world.direct });

  expect(nameIn((await whatTheySee(writer, world.bob)).projects[world.direct], added.name)).toBe(
    true,
  );
  expect(before.projects[world.direct]).toHaveLength(1);
});

test('users who reach the same scope share its kept pages', async () => {
  const { writer, reader, requests } = await twoProcesses();
  const world = await aWorld(writer);
  const carol = (await aUser(writer)).username;
  await writer.membership.addUsers(world.direct, [carol], 'member', world.owner);
  await whatTheySee(reader, world.bob);
  const visible = await reader.datasets.visibleTo(carol);

  const before = requests();
  const page = await visible.listByScope(
    { scope: 'project', scopeId: world.direct },
    { cursor: null, limit: 25 },
  );

  expect(page.items.map((item) => item.name)).toEqual([world.inProject.name]);
  expect(requests() - before).toBe(0);
});

test('a page read within the settling time of a new epoch is read again once it has passed', async () => {
  const { client, tableName } = await createTestTable();
  let now = 0;
  const db = createDb({
    client,
    tableName,
    datasetPageCache: { settleMs: 1_000, maxAgeMs: 60_000, clock: () => now },
  });
  const owner = (await aUser(db)).username;
  await aDataset(db, owner, 'global');
  const requests = counted(client);
  const read = async () => {
    const visible = await db.datasets.visibleTo(owner);
    const before = requests();
    const page = await visible.listByScope(
      { scope: 'global', scopeId: 'global' },
      { cursor: null, limit: 25 },
    );
    expect(page.items).toHaveLength(1);
    return requests() - before;
  };

  expect(await read()).toBe(1);
  now = 500;
  expect(await read()).toBe(0);
  now = 1_000;
  expect(await read()).toBe(1);
  now = 30_000;
  expect(await read()).toBe(0);
  now = 61_001;
  expect(await read()).toBe(1);
});

test('kept pages cannot be changed by whoever is handed them', async () => {
  const { writer } = await twoProcesses();
  const world = await aWorld(writer);
  const visible = await writer.datasets.visibleTo(world.bob);
  const read = () =>
    visible.listByScope({ scope: 'global', scopeId: 'global' }, { cursor: null, limit: 25 });
  const page = await read();

  expect(() => page.items.pop()).toThrow(TypeError);
  expect(() => {
    const [first] = page.items;
    if (first) first.description = 'changed';
  }).toThrow(TypeError);
  expect((await read()).items).toHaveLength(1);
});

test('maxPages 0 keeps nothing: every page is read', async () => {
  const { client, tableName } = await createTestTable();
  const db = createDb({ client, tableName, datasetPageCache: { maxPages: 0 } });
  const owner = (await aUser(db)).username;
  await aDataset(db, owner, 'global');
  const requests = counted(client);
  const visible = await db.datasets.visibleTo(owner);

  const before = requests();
  for (let read = 0; read < 3; read += 1)
    await visible.listByScope({ scope: 'global', scopeId: 'global' }, { cursor: null, limit: 25 });

  expect(requests() - before).toBe(3);
});
