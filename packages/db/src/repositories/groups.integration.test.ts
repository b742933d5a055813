import { expect, test } from 'vitest';

import { ConflictError, NotFoundError } from '@mlspace/core';

import { aGroup, aName, aProject, aUser, createTestDb } from '../test/factories';

test('a group is created once and a duplicate name is refused', async () => {
  const db = await createTestDb();
  const name = aName('Team');

  const group = await db.groups.create({ name, description: 'Data team', createdBy: 'root' });

  expect(group).toMatchObject({
    name,
    description: 'Data team',
    memberCount: 0,
    createdBy: 'root',
  });
  await expect(db.groups.create({ name, description: 'again', createdBy: 'root' })).rejects.toThrow(
    new ConflictError(`A group named ${name} already exists`),
  );
  await expect(
    db.groups.create({ name: 'x'.repeat(25), description: '', createdBy: 'root' }),
  ).rejects.toThrow(/^name: /);
});

test('every group membership change is recorded in the history, newest first, with who did it', async () => {
  const db = await createTestDb();
  const [alice, bob] = [await aUser(db), await aUser(db)];
  const group = await aGroup(db);

  await db.groups.addMembers(group.name, [alice.username, bob.username], 'admin1');
  await db.groups.removeMember(group.name, alice.username, 'admin2');

  const history = await db.groups.history(group.name, { limit: 10 });
  expect(history.items[0]).toMatchObject({
    username: alice.username,
    action: 'removed',
    actionedBy: 'admin2',
  });
  expect(
    history.items
      .slice(1)
      .map((event) => [event.username, event.action, event.actionedBy])
      .sort(),
  ).toEqual(
    [
      [alice.username, 'added', 'admin1'],
      [bob.username, 'added', 'admin1'],
    ].sort(),
  );
  expect((await db.groups.get(group.name))?.memberCount).toBe(1);
  const audit = await db.audit.list({ limit: 10, targetType: 'group', targetId: group.name });
  expect(audit.items.map((event) => event.action)).toEqual([
    'group.member_removed',
    'group.members_added',
    'group.created',
  ]);
});

test('adding unknown users to a group names them and writes nothing', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const group = await aGroup(db);

  await expect(db.groups.addMembers(group.name, [alice.username, 'ghost'], 'root')).rejects.toThrow(
    new NotFoundError('These users do not exist: ghost'),
  );

  expect((await db.groups.history(group.name, { limit: 10 })).items).toEqual([]);
  expect((await db.groups.listMembers(group.name, { limit: 10 })).items).toEqual([]);
});

test('deleting a group removes members with a group_deleted event each, and its project links', async () => {
  const db = await createTestDb();
  const [alice, bob] = [await aUser(db), await aUser(db)];
  const project = await aProject(db, alice.username);
  const group = await aGroup(db);
  await db.groups.addMembers(group.name, [alice.username, bob.username], 'root');
  await db.membership.linkGroup(project.name, group.name, 'member', alice.username);

  await db.groups.delete(group.name, 'root');

  expect(await db.groups.get(group.name)).toBeNull();
  expect(await db.groups.listForUser(bob.username)).toEqual([]);
  expect(await db.membership.listGroups(project.name)).toEqual([]);
  expect(await db.membership.effectiveRole(project.name, bob.username)).toBeNull();
  const history = await db.groups.history(group.name, { limit: 10 });
  expect(
    history.items
      .filter((event) => event.action === 'group_deleted')
      .map((event) => event.username)
      .sort(),
  ).toEqual([alice.username, bob.username].sort());
});

test('a large group is deleted in several transactions', async () => {
  const db = await createTestDb();
  const group = await aGroup(db);
  const usernames: string[] = [];
  for (let index = 0; index < 70; index++) usernames.push((await aUser(db)).username);
  for (let start = 0; start < usernames.length; start += 32) {
    await db.groups.addMembers(group.name, usernames.slice(start, start + 32), 'root');
  }

  await db.groups.delete(group.name, 'root');

  expect((await db.groups.listMembers(group.name, { limit: 100 })).items).toEqual([]);
  const deletedEvents = [];
  let cursor: string | null = null;
  do {
    const page = await db.groups.history(group.name, { limit: 50, cursor });
    deletedEvents.push(...page.items.filter((event) => event.action === 'group_deleted'));
    cursor = page.cursor;
  } while (cursor);
  expect(deletedEvents).toHaveLength(70);
});

test('groups list for admins and for their members, and update their description', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const groups = [await aGroup(db), await aGroup(db), await aGroup(db)];
  await db.groups.addMembers(groups[1]!.name, [alice.username], 'root');

  await db.groups.update(groups[0]!.name, { description: 'Renamed' }, 'root');

  expect((await db.groups.get(groups[0]!.name))?.description).toBe('Renamed');
  expect((await db.groups.listForUser(alice.username)).map((group) => group.name)).toEqual([
    groups[1]!.name,
  ]);
  const first = await db.groups.listAll({ limit: 2 });
  const second = await db.groups.listAll({ limit: 2, cursor: first.cursor });
  expect([...first.items, ...second.items].map((group) => group.name)).toEqual(
    groups.map((group) => group.name),
  );
  expect(second.cursor).toBeNull();
});
