import { expect, test } from 'vitest';

import { createModel } from '../model';
import { createDb, type Db } from '../service';
import { createTestTable } from '../testing';
import type { VisibleScope } from './dataset-scopes';
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

/** Every scope, walking the projects in chunks of 2 so the chunk boundaries are exercised. */
async function allScopes(db: Db, username: string) {
  const scopes = await db.datasets.visibleScopes(username);
  const projects: VisibleScope[] = [];
  for await (const batch of scopes.projectsFrom(undefined, 2)) projects.push(...batch);
  return { groups: scopes.groups, projects };
}

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

  const scopes = await allScopes(db, bob.username);

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

  expect(names((await allScopes(db, bob.username)).projects)).toEqual([]);
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

  const scopes = await allScopes(db, bob.username);
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
  expect((await allScopes(db, bob.username)).projects).toEqual([]);

  await db.datasets.delete(
    (await db.datasets.listByScope({ scope: 'project', scopeId: project.name }, { limit: 10 }))
      .items[0]!,
    owner.username,
  );
  await db.projects.delete(project.name, owner.username);
  expect((await allScopes(db, bob.username)).projects).toEqual([]);
  expect(await db.projects.get(project.name)).toBeNull();
});

test('a scope is marked as holding datasets before its first dataset or share; a new group holds none before', async () => {
  const db = await createTestDb();
  const owner = await aUser(db);
  const project = await aProject(db, owner.username);
  const [red, blue] = [await aGroup(db, owner.username), await aGroup(db, owner.username)];
  await db.groups.addMembers(red.name, [owner.username], owner.username);
  await db.groups.addMembers(blue.name, [owner.username], owner.username);

  const before = await allScopes(db, owner.username);
  expect(before.groups.map((scope) => scope.holdsDatasets)).toEqual([false, false]);

  await aDataset(db, owner.username, { project: project.name });
  const dataset = await aDataset(db, owner.username, { groups: [red.name] });
  await db.datasets.update(
    dataset,
    { description: '', groups: [red.name, blue.name] },
    owner.username,
  );

  const after = await allScopes(db, owner.username);
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

  const scopes = await allScopes(db, owner.username);
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

  expect((await allScopes(db, owner.username)).projects).toEqual([
    { name: project.name, holdsDatasets: false },
  ]);
  await aDataset(db, owner.username, { project: project.name });
  expect((await allScopes(db, owner.username)).projects).toEqual([
    { name: project.name, holdsDatasets: true },
  ]);
});

test('projects reached directly and through groups come in name order across chunks, from any point', async () => {
  const db = await createTestDb();
  const owner = await aUser(db);
  const bob = await aUser(db);
  const prefix = aName('w');
  const projects = [];
  for (const letter of ['a', 'b', 'c', 'd', 'e', 'f', 'g'])
    projects.push(await aProject(db, owner.username, { name: `${prefix}${letter}` }));
  const [red, blue] = [await aGroup(db, owner.username), await aGroup(db, owner.username)];
  await db.groups.addMembers(red.name, [bob.username], owner.username);
  await db.groups.addMembers(blue.name, [bob.username], owner.username);
  // Direct: a, d, g; through red: b, d; through blue: e, f; c is not reached.
  for (const index of [0, 3, 6])
    await db.membership.addUsers(projects[index]!.name, [bob.username], 'member', owner.username);
  for (const index of [1, 3])
    await db.membership.linkGroup(projects[index]!.name, red.name, 'member', owner.username);
  for (const index of [4, 5])
    await db.membership.linkGroup(projects[index]!.name, blue.name, 'member', owner.username);

  const everything = names((await allScopes(db, bob.username)).projects);
  const scopes = await db.datasets.visibleScopes(bob.username);
  const fromD: string[] = [];
  for await (const batch of scopes.projectsFrom(`${prefix}d`, 1)) fromD.push(...names(batch));

  const reached = projects.filter((_, index) => index !== 2).map((project) => project.name);
  expect(everything).toEqual(reached);
  expect(fromD).toEqual(reached.slice(2));
});

test('a project named in the mirror of a group but no longer linked is not reached, even when re-created', async () => {
  const { client, tableName } = await createTestTable();
  const db = createDb({ client, tableName });
  const owner = await aUser(db);
  const bob = await aUser(db);
  const project = await aProject(db, owner.username);
  const team = await aGroup(db, owner.username);
  await db.groups.addMembers(team.name, [bob.username], owner.username);
  await db.membership.linkGroup(project.name, team.name, 'member', owner.username);
  await db.projects.suspend(project.name, owner.username);
  await db.projects.startDeletion(project.name, owner.username);
  await db.projects.delete(project.name, owner.username);
  // The mirror's removal is best-effort: put the stale name back as a failed removal would leave it.
  await createModel(client, tableName)
    .entities.group.patch({ name: team.name })
    .add({ linkedProjects: [project.name] })
    .go();
  await aProject(db, owner.username, { name: project.name });

  expect((await allScopes(db, bob.username)).projects).toEqual([]);
  expect((await db.projects.listForUser(bob.username, { cursor: null, limit: 25 })).items).toEqual(
    [],
  );
});
