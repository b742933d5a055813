import { expect, test } from 'vitest';

import { ConflictError, ValidationError } from '@mlspace/core';

import { aGroup, aName, aProject, aUser, createTestDb } from '../test/factories';

test('a project is created with its creator as first owner and an audit event', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const name = aName('Vision');

  const project = await db.projects.create({
    name,
    description: 'Image models',
    createdBy: alice.username,
  });

  expect(project).toMatchObject({
    name,
    description: 'Image models',
    suspended: false,
    ownerCount: 1,
    createdBy: alice.username,
  });
  expect(await db.projects.get(name)).toEqual(project);
  expect(await db.membership.effectiveRole(name, alice.username)).toBe('owner');
  const members = await db.membership.listMembers(name, { limit: 10 });
  expect(members.items).toEqual([
    expect.objectContaining({ username: alice.username, role: 'owner' }),
  ]);
  const audit = await db.audit.list({ limit: 10, targetType: 'project', targetId: name });
  expect(audit.items.map((event) => event.action)).toEqual(['project.created']);
});

test('a second project with the same name is refused and nothing of it is written', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const bob = await aUser(db);
  const project = await aProject(db, alice.username);

  await expect(
    db.projects.create({ name: project.name, description: 'again', createdBy: bob.username }),
  ).rejects.toThrow(new ConflictError(`A project named ${project.name} already exists`));
  expect(await db.membership.effectiveRole(project.name, bob.username)).toBeNull();
  expect((await db.projects.get(project.name))?.description).toBe('A project');
});

test('an invalid project name or description is refused naming the field', async () => {
  const db = await createTestDb();
  await expect(db.projects.create({ name: 'no', description: '', createdBy: 'a' })).rejects.toThrow(
    /^name: /,
  );
  await expect(
    db.projects.create({ name: 'fine', description: 'x'.repeat(4001), createdBy: 'a' }),
  ).rejects.toThrow(ValidationError);
});

test('my projects include direct and group memberships with the highest role, and hide suspended ones', async () => {
  const db = await createTestDb();
  const owner = await aUser(db);
  const carol = await aUser(db);
  const direct = await aProject(db, owner.username, { name: aName('a') });
  const viaGroup = await aProject(db, owner.username, { name: aName('b') });
  const both = await aProject(db, owner.username, { name: aName('c') });
  const suspended = await aProject(db, owner.username, { name: aName('d') });
  const group = await aGroup(db);
  await db.groups.addMembers(group.name, [carol.username], 'root');
  await db.membership.addUsers(direct.name, [carol.username], 'member', owner.username);
  await db.membership.linkGroup(viaGroup.name, group.name, 'member', owner.username);
  await db.membership.addUsers(both.name, [carol.username], 'member', owner.username);
  await db.membership.linkGroup(both.name, group.name, 'owner', owner.username);
  await db.membership.addUsers(suspended.name, [carol.username], 'member', owner.username);
  await db.projects.suspend(suspended.name, owner.username);

  const page = await db.projects.listForUser(carol.username, { limit: 25 });

  expect(page.cursor).toBeNull();
  expect(
    page.items.map((item) => [
      item.name,
      item.role,
      item.directRole,
      item.viaGroups.map((link) => link.group),
    ]),
  ).toEqual([
    [direct.name, 'member', 'member', []],
    [viaGroup.name, 'member', null, [group.name]],
    [both.name, 'owner', 'member', [group.name]],
  ]);
  expect(await db.membership.effectiveRole(both.name, carol.username)).toBe('owner');
  expect(await db.membership.effectiveRole(viaGroup.name, carol.username)).toBe('member');
  const withSuspended = await db.projects.listForUser(
    carol.username,
    { limit: 25 },
    { includeSuspended: true },
  );
  expect(withSuspended.items.map((item) => item.name)).toContain(suspended.name);
});

test('my projects page through every project exactly once', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const names: string[] = [];
  for (let index = 0; index < 12; index++) names.push((await aProject(db, alice.username)).name);

  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await db.projects.listForUser(alice.username, { limit: 5, cursor });
    seen.push(...page.items.map((item) => item.name));
    cursor = page.cursor;
  } while (cursor);

  expect(seen).toEqual([...names].sort());
});

test('admins list every project with filters and cursors', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const names: string[] = [];
  for (let index = 0; index < 7; index++)
    names.push((await aProject(db, alice.username, { name: aName('list') })).name);
  await db.projects.suspend(names[2]!, 'root');

  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await db.projects.listAll({ limit: 3, cursor, filter: 'LIST' });
    seen.push(...page.items.map((item) => item.name));
    cursor = page.cursor;
  } while (cursor);

  expect(seen).toEqual(names);
  expect(
    (await db.projects.listAll({ limit: 10, status: 'suspended' })).items.map((item) => item.name),
  ).toEqual([names[2]]);
  expect((await db.projects.listAll({ limit: 10, status: 'active' })).items).toHaveLength(6);
});

test('a project is deleted only once suspended, and its memberships go with it', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const bob = await aUser(db);
  const project = await aProject(db, alice.username);
  const group = await aGroup(db);
  await db.membership.addUsers(project.name, [bob.username], 'member', alice.username);
  await db.membership.linkGroup(project.name, group.name, 'member', alice.username);

  await expect(db.projects.delete(project.name, alice.username)).rejects.toThrow(/not suspended/);
  await db.projects.suspend(project.name, alice.username);
  await db.projects.delete(project.name, alice.username);

  expect(await db.projects.get(project.name)).toBeNull();
  expect(
    (await db.projects.listForUser(bob.username, { limit: 10 }, { includeSuspended: true })).items,
  ).toEqual([]);
  expect(await db.groups.linkedProjects(group.name)).toEqual([]);
  expect(await db.membership.effectiveRole(project.name, alice.username)).toBeNull();
});

test('updating, suspending and reinstating a project are audited', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const project = await aProject(db, alice.username);

  await db.projects.update(project.name, { description: 'Better' }, alice.username);
  await db.projects.suspend(project.name, alice.username);
  const reinstated = await db.projects.reinstate(project.name, alice.username);

  expect(reinstated).toMatchObject({ description: 'Better', suspended: false });
  const audit = await db.audit.list({ limit: 10, targetType: 'project', targetId: project.name });
  expect(audit.items.map((event) => event.action)).toEqual([
    'project.reinstated',
    'project.suspended',
    'project.updated',
    'project.created',
  ]);
});

test('a project being deleted is in the deleting index until it is gone, keeps its name taken and cannot be reinstated (defect: a deleted project freed its name while its data remained)', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const bob = await aUser(db);
  const deleting = await aProject(db, alice.username);
  const untouched = await aProject(db, alice.username);
  await db.projects.suspend(untouched.name, alice.username);

  await expect(db.projects.startDeletion(deleting.name, alice.username)).rejects.toThrow(
    /not suspended/,
  );
  await db.projects.suspend(deleting.name, alice.username);
  const tombstone = await db.projects.startDeletion(deleting.name, alice.username);

  expect(tombstone.deletion).toMatchObject({ requestedBy: alice.username, attempts: 0 });
  expect((await db.projects.listDeleting({ limit: 10 })).items.map((item) => item.name)).toEqual([
    deleting.name,
  ]);
  await expect(
    db.projects.create({ name: deleting.name, description: '', createdBy: bob.username }),
  ).rejects.toThrow(`name: the previous project named ${deleting.name} is still being deleted`);
  await expect(db.projects.reinstate(deleting.name, alice.username)).rejects.toThrow(ConflictError);
  expect(
    (
      await db.projects.listForUser(alice.username, { limit: 10 }, { includeSuspended: true })
    ).items.map((item) => item.name),
  ).toEqual([untouched.name]);
  const recorded = await db.projects.recordDeletionAttempt(deleting.name, {
    failures: [{ step: 'endpoint', resource: 'ep1', reason: 'refused' }],
    waiting: [],
  });
  expect(recorded?.deletion).toMatchObject({ attempts: 1, failures: [{ resource: 'ep1' }] });

  await db.projects.delete(deleting.name, alice.username);

  expect((await db.projects.listDeleting({ limit: 10 })).items).toEqual([]);
  await db.projects.create({ name: deleting.name, description: '', createdBy: bob.username });
});
