import { expect, test } from 'vitest';

import type { Db } from '../service';
import { aGroup, aName, aProject, aUser, createTestDb } from '../test/factories';

function aDataset(db: Db, createdBy: string, where: { project: string } | { groups: string[] }) {
  const name = aName('ds');
  return 'project' in where
    ? db.datasets.create({
        scope: 'project',
        scopeId: where.project,
        name,
        description: '',
        type: 'tabular',
        groups: [],
        createdBy,
      })
    : db.datasets.create({
        scope: 'group',
        scopeId: 'group',
        name,
        description: '',
        type: 'tabular',
        groups: where.groups,
        createdBy,
      });
}

const names = (scopes: { name: string }[]) => scopes.map((scope) => scope.name);

test('a user reaches the datasets of direct projects, projects linked to their groups, and their groups', async () => {
  const db = await createTestDb();
  const owner = await aUser(db);
  const bob = await aUser(db);
  const [direct, linked, unrelated] = [
    await aProject(db, owner.username, { name: aName('a') }),
    await aProject(db, owner.username, { name: aName('b') }),
    await aProject(db, owner.username, { name: aName('c') }),
  ];
  const team = await aGroup(db, owner.username);
  await db.membership.addUsers(direct.name, [bob.username], 'member', owner.username);
  await db.groups.addMembers(team.name, [bob.username], owner.username);
  await db.membership.linkGroup(linked.name, team.name, 'member', owner.username);

  const scopes = await db.datasets.visibleScopes(bob.username);

  expect(names(scopes.projects)).toEqual([direct.name, linked.name].sort());
  expect(names(scopes.projects)).not.toContain(unrelated.name);
  expect(names(scopes.groups)).toEqual([team.name]);
});

test('a user removed from a project, or whose group is unlinked from one, no longer reaches it on the next read', async () => {
  const db = await createTestDb();
  const owner = await aUser(db);
  const bob = await aUser(db);
  const direct = await aProject(db, owner.username);
  const linked = await aProject(db, owner.username);
  const team = await aGroup(db, owner.username);
  await db.membership.addUsers(direct.name, [bob.username], 'member', owner.username);
  await db.groups.addMembers(team.name, [bob.username], owner.username);
  await db.membership.linkGroup(linked.name, team.name, 'member', owner.username);
  await aDataset(db, owner.username, { project: direct.name });
  await aDataset(db, owner.username, { project: linked.name });

  await db.membership.removeUser(direct.name, bob.username, owner.username);
  await db.membership.unlinkGroup(linked.name, team.name, owner.username);

  expect(names((await db.datasets.visibleScopes(bob.username)).projects)).toEqual([]);
});

test('a user who leaves a group no longer reaches its shared datasets or its linked projects', async () => {
  const db = await createTestDb();
  const owner = await aUser(db);
  const bob = await aUser(db);
  const linked = await aProject(db, owner.username);
  const team = await aGroup(db, owner.username);
  await db.groups.addMembers(team.name, [bob.username], owner.username);
  await db.membership.linkGroup(linked.name, team.name, 'member', owner.username);
  await aDataset(db, owner.username, { groups: [team.name] });

  await db.groups.removeMember(team.name, bob.username, owner.username);

  const scopes = await db.datasets.visibleScopes(bob.username);
  expect(scopes.projects).toEqual([]);
  expect(scopes.groups).toEqual([]);
});

test('a project being deleted, and a deleted one, reaches no member', async () => {
  const db = await createTestDb();
  const owner = await aUser(db);
  const bob = await aUser(db);
  const project = await aProject(db, owner.username);
  await db.membership.addUsers(project.name, [bob.username], 'member', owner.username);
  await aDataset(db, owner.username, { project: project.name });
  await db.projects.suspend(project.name, owner.username);

  await db.projects.startDeletion(project.name, owner.username);
  expect((await db.datasets.visibleScopes(bob.username)).projects).toEqual([]);

  await db.datasets.delete(
    (await db.datasets.listByScope({ scope: 'project', scopeId: project.name }, { limit: 10 }))
      .items[0]!,
    owner.username,
  );
  await db.projects.delete(project.name, owner.username);
  expect((await db.datasets.visibleScopes(bob.username)).projects).toEqual([]);
  expect(await db.projects.get(project.name)).toBeNull();
});

test('a scope is marked as holding datasets before its first dataset or share; a group is unknown before', async () => {
  const db = await createTestDb();
  const owner = await aUser(db);
  const project = await aProject(db, owner.username);
  const [red, blue] = [await aGroup(db, owner.username), await aGroup(db, owner.username)];
  await db.groups.addMembers(red.name, [owner.username], owner.username);
  await db.groups.addMembers(blue.name, [owner.username], owner.username);

  const before = await db.datasets.visibleScopes(owner.username);
  expect(before.groups.map((scope) => scope.holdsDatasets)).toEqual([undefined, undefined]);

  await aDataset(db, owner.username, { project: project.name });
  const dataset = await aDataset(db, owner.username, { groups: [red.name] });
  await db.datasets.update(
    dataset,
    { description: '', groups: [red.name, blue.name] },
    owner.username,
  );

  const after = await db.datasets.visibleScopes(owner.username);
  expect(after.projects).toEqual([{ name: project.name, holdsDatasets: true }]);
  expect(after.groups).toEqual(
    [red.name, blue.name].sort().map((name) => ({ name, holdsDatasets: true })),
  );
});

test('an empty-scope mark never hides a scope that holds a dataset, whichever write comes first', async () => {
  const db = await createTestDb();
  const owner = await aUser(db);
  const early = await aProject(db, owner.username);
  const late = await aProject(db, owner.username);
  const team = await aGroup(db, owner.username);
  await db.groups.addMembers(team.name, [owner.username], owner.username);

  // A list saw `early` empty and marked it before the first dataset arrived: the dataset wins.
  await db.datasets.markScopeEmptyIfUnknown({ project: early.name });
  await aDataset(db, owner.username, { project: early.name });
  // A list saw `late` empty, a dataset arrived, then the list's mark landed: the mark is refused.
  await aDataset(db, owner.username, { project: late.name });
  await db.datasets.markScopeEmptyIfUnknown({ project: late.name });
  await aDataset(db, owner.username, { groups: [team.name] });
  await db.datasets.markScopeEmptyIfUnknown({ group: team.name });

  const scopes = await db.datasets.visibleScopes(owner.username);
  expect(scopes.projects.every((scope) => scope.holdsDatasets === true)).toBe(true);
  expect(scopes.groups).toEqual([{ name: team.name, holdsDatasets: true }]);
});

test('marking a scope that does not exist creates no row', async () => {
  const db = await createTestDb();
  const missing = aName('gone');

  await db.datasets.markScopeEmptyIfUnknown({ project: missing });
  await db.datasets.markScopeEmptyIfUnknown({ group: missing });

  expect(await db.projects.get(missing)).toBeNull();
  expect(await db.groups.get(missing)).toBeNull();
});

test('a new project is known to hold no dataset until its first one', async () => {
  const db = await createTestDb();
  const owner = await aUser(db);
  const project = await aProject(db, owner.username);

  expect((await db.datasets.visibleScopes(owner.username)).projects).toEqual([
    { name: project.name, holdsDatasets: false },
  ]);
  await aDataset(db, owner.username, { project: project.name });
  expect((await db.datasets.visibleScopes(owner.username)).projects).toEqual([
    { name: project.name, holdsDatasets: true },
  ]);
});
