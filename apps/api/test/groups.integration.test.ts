import { expect, test } from 'vitest';

import type { ApiServices } from '../src/services';
import { callerFor, createTestServices, signedUpUser } from './harness';

let sequence = 0;
const groupName = () => `grp${Date.now().toString(36)}${(sequence += 1)}`;

async function adminWithGroup(services: ApiServices) {
  const admin = await signedUpUser(services.db, { admin: true });
  const api = callerFor(services, admin);
  const name = groupName();
  await api.groups.create({ name, description: 'Research team' });
  return { admin, api, name };
}

test('an admin creates a group, adds and removes members, and every change is in its history', async () => {
  const services = await createTestServices();
  const { admin, api, name } = await adminWithGroup(services);
  const bob = await signedUpUser(services.db);
  const carol = await signedUpUser(services.db);

  await api.groups.addMembers({ name, usernames: [bob.username, carol.username] });
  await api.groups.removeMember({ name, username: bob.username });
  const history = await api.groups.history({ name, limit: 25 });
  const members = await api.groups.members({ name, limit: 25 });

  expect(members.items.map((member) => member.username)).toEqual([carol.username]);
  expect(history.items.map((event) => [event.username, event.action, event.actionedBy])).toEqual(
    expect.arrayContaining([
      [bob.username, 'removed', admin.username],
      [bob.username, 'added', admin.username],
      [carol.username, 'added', admin.username],
    ]),
  );
  expect(history.items[0]).toMatchObject({ username: bob.username, action: 'removed' });
  expect(await api.groups.get({ name })).toMatchObject({ name, memberCount: 1 });
});

test('a member reads their own group, its members, projects and history, but cannot change it', async () => {
  const services = await createTestServices();
  const { api, name } = await adminWithGroup(services);
  const carol = await signedUpUser(services.db);
  await api.groups.addMembers({ name, usernames: [carol.username] });
  const asCarol = callerFor(services, carol);

  expect(await asCarol.groups.get({ name })).toMatchObject({ name });
  expect((await asCarol.groups.members({ name, limit: 25 })).items).toHaveLength(1);
  expect(await asCarol.groups.projects({ name })).toEqual([]);
  expect((await asCarol.groups.history({ name, limit: 25 })).items).toHaveLength(1);
  expect(await asCarol.groups.mine()).toEqual([expect.objectContaining({ name })]);
  await expect(asCarol.groups.update({ name, description: 'mine' })).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: 'Only admins may create, update and delete groups and change their members',
  });
  await expect(
    asCarol.groups.addMembers({ name, usernames: [carol.username] }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
});

test('a non-member gets the same denial for a real group and a guessed one; an admin learns it is missing', async () => {
  const services = await createTestServices();
  const { api, name } = await adminWithGroup(services);
  const outsider = callerFor(services, await signedUpUser(services.db));

  await expect(outsider.groups.get({ name })).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: `You are not a member of group '${name}'`,
  });
  await expect(outsider.groups.get({ name: 'nosuchgroup' })).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: "You are not a member of group 'nosuchgroup'",
  });
  await expect(api.groups.get({ name: 'nosuchgroup' })).rejects.toMatchObject({
    code: 'NOT_FOUND',
    message: 'Group nosuchgroup does not exist',
  });
});

test('invalid and duplicate group names are refused with the rule and nothing is written', async () => {
  const services = await createTestServices();
  const { api, name } = await adminWithGroup(services);

  await expect(api.groups.create({ name: 'bad name!', description: '' })).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: expect.stringContaining('letters and digits only'),
  });
  await expect(api.groups.create({ name, description: 'again' })).rejects.toMatchObject({
    code: 'CONFLICT',
    message: `A group named ${name} already exists`,
  });
  expect((await api.groups.listAll({ limit: 25 })).items.map((group) => group.name)).toEqual([
    name,
  ]);
});

test('adding unknown users names them and adds nobody; removing a non-member names the rule', async () => {
  const services = await createTestServices();
  const { api, name } = await adminWithGroup(services);
  const bob = await signedUpUser(services.db);

  await expect(
    api.groups.addMembers({ name, usernames: [bob.username, 'ghost'] }),
  ).rejects.toMatchObject({
    code: 'NOT_FOUND',
    message: 'These users do not exist: ghost',
  });
  await expect(api.groups.removeMember({ name, username: bob.username })).rejects.toMatchObject({
    code: 'NOT_FOUND',
    message: `${bob.username} is not a member of group ${name}`,
  });
  expect((await api.groups.members({ name, limit: 25 })).items).toEqual([]);
  expect((await api.groups.history({ name, limit: 25 })).items).toEqual([]);
});

test('deleting a group unlinks it from projects and records group_deleted for each member', async () => {
  const services = await createTestServices();
  const { api, name } = await adminWithGroup(services);
  const owner = await signedUpUser(services.db);
  const gemma = await signedUpUser(services.db);
  const project = `p${Date.now().toString(36)}${(sequence += 1)}`;
  await callerFor(services, owner).projects.create({ name: project, description: '' });
  await api.groups.addMembers({ name, usernames: [gemma.username] });
  await callerFor(services, owner).projects.groups.link({ project, group: name, role: 'member' });
  expect(await api.groups.projects({ name })).toEqual([
    expect.objectContaining({ project, role: 'member' }),
  ]);

  await api.groups.delete({ name });

  await expect(callerFor(services, gemma).projects.get({ name: project })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  expect(await callerFor(services, owner).projects.groups.list({ project })).toEqual([]);
  expect((await api.groups.history({ name, limit: 25 })).items[0]).toMatchObject({
    username: gemma.username,
    action: 'group_deleted',
  });
});

test('the audit trail filters by actor, target and time range, for admins only', async () => {
  const services = await createTestServices();
  const { admin, api, name } = await adminWithGroup(services);
  const bob = await signedUpUser(services.db);
  const before = new Date(Date.now() - 60_000).toISOString();
  await api.groups.update({ name, description: 'Renamed team' });

  const byTarget = await api.audit.list({ targetType: 'group', targetId: name, limit: 25 });
  const byActor = await api.audit.list({ actor: admin.username, limit: 25 });
  const inRange = await api.audit.list({
    targetType: 'group',
    targetId: name,
    from: before,
    to: new Date().toISOString(),
    limit: 25,
  });
  const future = await api.audit.list({
    targetType: 'group',
    targetId: name,
    from: new Date(Date.now() + 60_000).toISOString(),
    limit: 25,
  });

  expect(byTarget.items.map((event) => event.action)).toEqual(['group.updated', 'group.created']);
  expect(byActor.items.every((event) => event.actor === admin.username)).toBe(true);
  expect(inRange.items).toHaveLength(2);
  expect(future.items).toEqual([]);
  await expect(api.audit.list({ targetId: name, limit: 25 })).rejects.toMatchObject({
    code: 'BAD_REQUEST',
  });
  await expect(callerFor(services, bob).audit.list({ limit: 25 })).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: 'Only admins may read the audit trail',
  });
});
