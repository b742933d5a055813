import { expect, test } from 'vitest';

import { ConflictError, NotFoundError } from '@mlspace/core';

import { aGroup, aProject, aUser, createTestDb } from '../test/factories';

test('the last owner cannot be demoted, removed, leave, or be suspended as a user', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const project = await aProject(db, alice.username);

  await expect(
    db.membership.setUserRole(project.name, alice.username, 'member', 'root'),
  ).rejects.toThrow(
    new ConflictError(
      `${alice.username} is the last owner of project ${project.name} and cannot be demoted`,
    ),
  );
  await expect(db.membership.removeUser(project.name, alice.username, 'root')).rejects.toThrow(
    ConflictError,
  );
  await expect(db.membership.leave(project.name, alice.username)).rejects.toThrow(/cannot leave/);
  await expect(db.users.setSuspended(alice.username, true, 'root')).rejects.toThrow(
    new RegExp(`last owner of project ${project.name}`),
  );
  await expect(db.users.delete(alice.username, 'root')).rejects.toThrow(ConflictError);
  expect((await db.users.get(alice.username))?.suspended).toBe(false);
  expect(await db.membership.effectiveRole(project.name, alice.username)).toBe('owner');
});

test('a group linked as owner does not count as an owner for the last-owner rule', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const project = await aProject(db, alice.username);
  const group = await aGroup(db);
  await db.membership.linkGroup(project.name, group.name, 'owner', alice.username);

  await expect(db.membership.leave(project.name, alice.username)).rejects.toThrow(ConflictError);
});

test('of two simultaneous demotions of the only two owners exactly one succeeds', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const bob = await aUser(db);
  const project = await aProject(db, alice.username);
  await db.membership.addUsers(project.name, [bob.username], 'owner', alice.username);

  const results = await Promise.allSettled([
    db.membership.setUserRole(project.name, alice.username, 'member', 'root'),
    db.membership.setUserRole(project.name, bob.username, 'member', 'root'),
  ]);

  expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  const failure = results.find((result) => result.status === 'rejected');
  expect(failure?.status === 'rejected' && failure.reason).toBeInstanceOf(ConflictError);
  expect((await db.projects.get(project.name))?.ownerCount).toBe(1);
  const roles = await Promise.all(
    [alice, bob].map((user) => db.membership.effectiveRole(project.name, user.username)),
  );
  expect(roles.sort()).toEqual(['member', 'owner']);
});

test('of a simultaneous removal and leave of the only two owners exactly one succeeds', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const bob = await aUser(db);
  const project = await aProject(db, alice.username);
  await db.membership.addUsers(project.name, [bob.username], 'owner', alice.username);

  const results = await Promise.allSettled([
    db.membership.removeUser(project.name, alice.username, bob.username),
    db.membership.leave(project.name, bob.username),
  ]);

  expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
  expect((await db.projects.get(project.name))?.ownerCount).toBe(1);
});

test('adding unknown users names them all and writes nothing', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const bob = await aUser(db);
  const project = await aProject(db, alice.username);

  await expect(
    db.membership.addUsers(
      project.name,
      [bob.username, 'ghost1', 'ghost2'],
      'member',
      alice.username,
    ),
  ).rejects.toThrow(new NotFoundError('These users do not exist: ghost1, ghost2'));

  expect(
    (await db.membership.listMembers(project.name, { limit: 10 })).items.map(
      (member) => member.username,
    ),
  ).toEqual([alice.username]);
  const audit = await db.audit.list({ limit: 10, targetType: 'project', targetId: project.name });
  expect(audit.items.map((event) => event.action)).toEqual(['project.created']);
});

test('adding, promoting and removing members keeps the owner count and audits each change', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const bob = await aUser(db);
  const carol = await aUser(db);
  const project = await aProject(db, alice.username);

  await db.membership.addUsers(
    project.name,
    [bob.username, carol.username],
    'member',
    alice.username,
  );
  await expect(
    db.membership.addUsers(project.name, [bob.username], 'member', alice.username),
  ).rejects.toThrow(ConflictError);
  await db.membership.setUserRole(project.name, bob.username, 'owner', alice.username);
  expect((await db.projects.get(project.name))?.ownerCount).toBe(2);
  await db.membership.leave(project.name, alice.username);
  await db.membership.removeUser(project.name, carol.username, bob.username);

  expect((await db.projects.get(project.name))?.ownerCount).toBe(1);
  expect((await db.membership.listMembers(project.name, { limit: 10 })).items).toEqual([
    expect.objectContaining({ username: bob.username, role: 'owner' }),
  ]);
  await expect(
    db.membership.removeUser(project.name, carol.username, bob.username),
  ).rejects.toThrow(NotFoundError);
  const audit = await db.audit.list({ limit: 10, targetType: 'project', targetId: project.name });
  expect(audit.items.map((event) => event.action)).toEqual([
    'project.member_removed',
    'project.member_left',
    'project.member_role_changed',
    'project.members_added',
    'project.created',
  ]);
});

test('group links can change role and be removed', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const project = await aProject(db, alice.username);
  const group = await aGroup(db);

  await db.membership.linkGroup(project.name, group.name, 'member', alice.username);
  await expect(
    db.membership.linkGroup(project.name, group.name, 'owner', alice.username),
  ).rejects.toThrow(/already linked/);
  await db.membership.setGroupRole(project.name, group.name, 'owner', alice.username);
  expect(await db.membership.listGroups(project.name)).toEqual([
    expect.objectContaining({ group: group.name, role: 'owner' }),
  ]);
  expect(await db.groups.linkedProjects(group.name)).toEqual([
    expect.objectContaining({ project: project.name, role: 'owner' }),
  ]);
  await db.membership.unlinkGroup(project.name, group.name, alice.username);

  expect(await db.membership.listGroups(project.name)).toEqual([]);
  await expect(
    db.membership.linkGroup(project.name, 'nosuchgroup', 'member', alice.username),
  ).rejects.toThrow(NotFoundError);
});

test('deleting a user removes every membership and is allowed when another owner remains', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const bob = await aUser(db);
  const project = await aProject(db, alice.username);
  const group = await aGroup(db);
  await db.membership.addUsers(project.name, [bob.username], 'owner', alice.username);
  await db.groups.addMembers(group.name, [bob.username], 'root');

  await db.users.delete(bob.username, 'root');

  expect((await db.projects.get(project.name))?.ownerCount).toBe(1);
  expect(await db.membership.effectiveRole(project.name, bob.username)).toBeNull();
  expect((await db.groups.listMembers(group.name, { limit: 10 })).items).toEqual([]);
  expect((await db.groups.get(group.name))?.memberCount).toBe(0);
});

test('suspending one of two owners is allowed', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const bob = await aUser(db);
  const project = await aProject(db, alice.username);
  await db.membership.addUsers(project.name, [bob.username], 'owner', alice.username);

  expect((await db.users.setSuspended(bob.username, true, 'root')).suspended).toBe(true);
});
