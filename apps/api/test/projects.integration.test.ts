import { expect, test } from 'vitest';

import type { ApiServices } from '../src/services';
import { callerFor, createTestServices, signedUpUser } from './harness';

let sequence = 0;
const projectName = () => `proj${Date.now().toString(36)}${(sequence += 1)}`;

async function projectWithOwner(services: ApiServices) {
  const owner = await signedUpUser(services.db);
  const name = projectName();
  await callerFor(services, owner).projects.create({ name, description: 'Forecasting demand' });
  return { owner, name, api: callerFor(services, owner) };
}

test('a user creates a project, becomes its owner and sees it under my projects', async () => {
  const services = await createTestServices();
  const { owner, name, api } = await projectWithOwner(services);

  const mine = await api.projects.mine({ limit: 25 });
  const detail = await api.projects.get({ name });

  expect(mine.items).toEqual([expect.objectContaining({ name, role: 'owner', suspended: false })]);
  expect(detail).toMatchObject({
    project: { name, createdBy: owner.username },
    role: 'owner',
    permissions: { manage: true, delete: false },
  });
});

test('an invalid project name is refused with the rule it broke and nothing is written', async () => {
  const services = await createTestServices();
  const alice = await signedUpUser(services.db);
  const api = callerFor(services, alice);

  await expect(api.projects.create({ name: 'Crazy!Name', description: '' })).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    // Over HTTP the error formatter turns this into "name: must be …"; createCaller keeps zod's issues.
    message: expect.stringContaining('must be 3 to 24 characters, letters and digits only'),
  });
  await expect(api.projects.create({ name: 'ab', description: '' })).rejects.toMatchObject({
    code: 'BAD_REQUEST',
  });
  await expect(
    api.projects.create({ name: 'a'.repeat(25), description: '' }),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  await expect(
    api.projects.create({ name: 'okname', description: 'x'.repeat(4001) }),
  ).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: expect.stringContaining('must be at most 4000 characters'),
  });
  expect((await api.projects.mine({ limit: 25 })).items).toEqual([]);
});

test('a duplicate project name is a conflict, even when the first one is suspended', async () => {
  const services = await createTestServices();
  const { name, api } = await projectWithOwner(services);
  await api.projects.suspend({ name });
  const bob = await signedUpUser(services.db);

  await expect(
    callerFor(services, bob).projects.create({ name, description: '' }),
  ).rejects.toMatchObject({
    code: 'CONFLICT',
    message: `A project named ${name} already exists`,
  });
  expect((await callerFor(services, bob).projects.mine({ limit: 25 })).items).toEqual([]);
});

test('an owner adds several users at once, switches roles and removes them', async () => {
  const services = await createTestServices();
  const { name, api } = await projectWithOwner(services);
  const bob = await signedUpUser(services.db);
  const carol = await signedUpUser(services.db);

  await api.projects.members.add({
    project: name,
    usernames: [bob.username, carol.username],
    role: 'member',
  });
  await api.projects.members.setRole({ project: name, username: bob.username, role: 'owner' });
  const removal = await api.projects.members.remove({ project: name, username: carol.username });
  const members = await api.projects.members.list({ project: name, limit: 25 });

  expect(members.items.map((member) => [member.username, member.role]).sort()).toEqual(
    [
      [bob.username, 'owner'],
      [members.items.find((member) => member.username !== bob.username)?.username, 'owner'],
    ].sort(),
  );
  expect(removal.cascade).toMatchObject({
    event: 'project.member_removed',
    kinds: [],
    complete: true,
  });
  expect((await callerFor(services, carol).projects.mine({ limit: 25 })).items).toEqual([]);
  expect((await callerFor(services, bob).projects.mine({ limit: 25 })).items).toEqual([
    expect.objectContaining({ name, role: 'owner' }),
  ]);
});

test('adding unknown users names them all and adds nobody', async () => {
  const services = await createTestServices();
  const { name, api } = await projectWithOwner(services);
  const bob = await signedUpUser(services.db);

  await expect(
    api.projects.members.add({ project: name, usernames: [bob.username, 'ghost1', 'ghost2'] }),
  ).rejects.toMatchObject({
    code: 'NOT_FOUND',
    message: 'These users do not exist: ghost1, ghost2',
  });
  expect((await api.projects.members.list({ project: name, limit: 25 })).items).toHaveLength(1);
});

test('adding someone who is already a member is a conflict that names them', async () => {
  const services = await createTestServices();
  const { owner, name, api } = await projectWithOwner(services);

  await expect(
    api.projects.members.add({ project: name, usernames: [owner.username] }),
  ).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining(owner.username),
  });
});

test('the last owner can never be removed, demoted or leave', async () => {
  const services = await createTestServices();
  const { owner, name, api } = await projectWithOwner(services);
  const admin = await signedUpUser(services.db, { admin: true });

  await expect(
    callerFor(services, admin).projects.members.remove({ project: name, username: owner.username }),
  ).rejects.toMatchObject({
    code: 'CONFLICT',
    message: `${owner.username} is the last owner of project ${name} and cannot be removed`,
  });
  await expect(
    api.projects.members.setRole({ project: name, username: owner.username, role: 'member' }),
  ).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringMatching(/last owner .* cannot be demoted/),
  });
  await expect(api.projects.members.leave({ project: name })).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringMatching(/last owner of project .* cannot leave/),
  });
  expect((await api.projects.get({ name })).role).toBe('owner');
});

test('a member cannot manage members, and the error says which rule', async () => {
  const services = await createTestServices();
  const { name, api } = await projectWithOwner(services);
  const bob = await signedUpUser(services.db);
  const carol = await signedUpUser(services.db);
  await api.projects.members.add({ project: name, usernames: [bob.username] });
  const asBob = callerFor(services, bob);

  await expect(
    asBob.projects.members.add({ project: name, usernames: [carol.username] }),
  ).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: expect.stringContaining(`Only owners of project '${name}' and admins`),
  });
  await expect(asBob.projects.update({ name, description: 'mine now' })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  await expect(asBob.projects.suspend({ name })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect((await api.projects.members.list({ project: name, limit: 25 })).items).toHaveLength(2);
});

test('any member may leave, and then no longer sees the project', async () => {
  const services = await createTestServices();
  const { name, api } = await projectWithOwner(services);
  const bob = await signedUpUser(services.db);
  await api.projects.members.add({ project: name, usernames: [bob.username] });

  await callerFor(services, bob).projects.members.leave({ project: name });

  expect((await callerFor(services, bob).projects.mine({ limit: 25 })).items).toEqual([]);
  await expect(callerFor(services, bob).projects.get({ name })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});

test('an outsider gets the same denial for an existing project and a guessed name; an admin learns it is missing', async () => {
  const services = await createTestServices();
  const { name } = await projectWithOwner(services);
  const outsider = callerFor(services, await signedUpUser(services.db));
  const admin = callerFor(services, await signedUpUser(services.db, { admin: true }));

  await expect(outsider.projects.get({ name })).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: `You are not a member of project '${name}'`,
  });
  await expect(outsider.projects.get({ name: 'nosuchproject' })).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: "You are not a member of project 'nosuchproject'",
  });
  await expect(admin.projects.get({ name: 'nosuchproject' })).rejects.toMatchObject({
    code: 'NOT_FOUND',
  });
  expect(await admin.projects.get({ name })).toMatchObject({
    role: null,
    permissions: { manage: true },
  });
});

test('suspend runs the cascade, reinstate restores, delete only once suspended', async () => {
  const services = await createTestServices();
  const calls: string[] = [];
  services.cascade.register({
    kind: 'notebook',
    onProjectSuspended: (project) => {
      calls.push(project);
      return Promise.resolve({ done: [`${project}/nb1`], failed: [] });
    },
  });
  const { name, api } = await projectWithOwner(services);

  await expect(api.projects.delete({ name })).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: `Project '${name}' must be suspended before it can be deleted`,
  });
  const suspended = await api.projects.suspend({ name });
  const reinstated = await api.projects.reinstate({ name });
  await api.projects.suspend({ name });
  const mineWhileSuspended = await api.projects.mine({ limit: 25 });
  await api.projects.delete({ name });

  expect(suspended.project.suspended).toBe(true);
  expect(suspended.cascade).toEqual({
    event: 'project.suspended',
    project: name,
    kinds: [{ kind: 'notebook', done: [`${name}/nb1`], failed: [] }],
    complete: true,
  });
  expect(calls).toEqual([name, name]);
  expect(reinstated.suspended).toBe(false);
  expect(mineWhileSuspended.items).toEqual([expect.objectContaining({ name, suspended: true })]);
  expect((await api.projects.mine({ limit: 25 })).items).toEqual([]);
});

test('a failing cascade hook is reported, not thrown, and the project stays suspended', async () => {
  const services = await createTestServices();
  services.cascade.register({
    kind: 'endpoint',
    onProjectSuspended: () => Promise.reject(new Error('endpoint service down')),
  });
  const { name, api } = await projectWithOwner(services);

  const result = await api.projects.suspend({ name });

  expect(result.cascade).toMatchObject({
    complete: false,
    kinds: [{ kind: 'endpoint', failed: [{ reason: 'endpoint service down' }] }],
  });
  expect((await api.projects.get({ name })).project.suspended).toBe(true);
});

test('a group linked as Owner gives owner powers; a group linked as Member does not', async () => {
  const services = await createTestServices();
  const { name, api } = await projectWithOwner(services);
  const admin = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const gordon = await signedUpUser(services.db);
  const gemma = await signedUpUser(services.db);
  const suffix = (sequence += 1);
  await admin.groups.create({ name: `leads${suffix}`, description: '' });
  await admin.groups.create({ name: `research${suffix}`, description: '' });
  await admin.groups.addMembers({ name: `leads${suffix}`, usernames: [gordon.username] });
  await admin.groups.addMembers({ name: `research${suffix}`, usernames: [gemma.username] });

  await api.projects.groups.link({ project: name, group: `leads${suffix}`, role: 'owner' });
  await api.projects.groups.link({ project: name, group: `research${suffix}`, role: 'member' });

  expect(
    await callerFor(services, gordon).projects.update({ name, description: 'by a group owner' }),
  ).toMatchObject({ description: 'by a group owner' });
  await expect(
    callerFor(services, gemma).projects.update({ name, description: 'no' }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  expect((await callerFor(services, gemma).projects.mine({ limit: 25 })).items).toEqual([
    expect.objectContaining({
      name,
      role: 'member',
      viaGroups: [{ group: `research${suffix}`, role: 'member' }],
    }),
  ]);
  await expect(
    callerFor(services, gemma).projects.members.leave({ project: name }),
  ).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining('only through a group'),
  });

  await api.projects.groups.setRole({ project: name, group: `research${suffix}`, role: 'owner' });
  expect((await callerFor(services, gemma).projects.get({ name })).role).toBe('owner');
  await api.projects.groups.unlink({ project: name, group: `research${suffix}` });
  await expect(callerFor(services, gemma).projects.get({ name })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});

test('linking an unknown group names it; linking twice is a conflict', async () => {
  const services = await createTestServices();
  const { name, api } = await projectWithOwner(services);
  const admin = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const group = `g${(sequence += 1)}`;
  await admin.groups.create({ name: group, description: '' });

  await expect(
    api.projects.groups.link({ project: name, group: 'nosuchgroup', role: 'member' }),
  ).rejects.toMatchObject({
    code: 'NOT_FOUND',
    message: 'Group nosuchgroup does not exist',
  });
  await api.projects.groups.link({ project: name, group, role: 'member' });
  await expect(
    api.projects.groups.link({ project: name, group, role: 'owner' }),
  ).rejects.toMatchObject({
    code: 'CONFLICT',
    message: `Group ${group} is already linked to project ${name}`,
  });
  expect(await api.projects.groups.list({ project: name })).toEqual([
    expect.objectContaining({ group, role: 'member' }),
  ]);
});

test('the member picker finds active users by name for project owners only, without private fields', async () => {
  const services = await createTestServices();
  const { name, api } = await projectWithOwner(services);
  const zed = await signedUpUser(services.db, { username: `zed${(sequence += 1)}` });
  await signedUpUser(services.db, { username: `zedsuspended${sequence}`, suspended: true });
  const member = await signedUpUser(services.db);
  await api.projects.members.add({ project: name, usernames: [member.username] });

  const found = await api.users.search({ query: 'zed', project: name });

  expect(found).toEqual([{ username: zed.username, displayName: zed.displayName }]);
  await expect(
    callerFor(services, member).users.search({ query: 'zed', project: name }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(callerFor(services, member).users.search({ query: 'zed' })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});

test('admins list every project, suspended ones included, with filter and pages', async () => {
  const services = await createTestServices();
  const admin = callerFor(services, await signedUpUser(services.db, { admin: true }));
  const first = await projectWithOwner(services);
  const second = await projectWithOwner(services);
  await second.api.projects.suspend({ name: second.name });

  const all = await admin.projects.listAll({ limit: 25 });
  const suspended = await admin.projects.listAll({ limit: 25, status: 'suspended' });
  const firstPage = await admin.projects.listAll({ limit: 1 });
  const secondPage = await admin.projects.listAll({ limit: 1, cursor: firstPage.cursor });

  expect(all.items.map((project) => project.name)).toEqual([first.name, second.name].sort());
  expect(suspended.items.map((project) => project.name)).toEqual([second.name]);
  expect([...firstPage.items, ...secondPage.items].map((project) => project.name)).toEqual(
    [first.name, second.name].sort(),
  );
  await expect(first.api.projects.listAll({ limit: 25 })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});

test('project changes are in the audit trail with actor, target, before and after', async () => {
  const services = await createTestServices();
  const { owner, name, api } = await projectWithOwner(services);
  await api.projects.update({ name, description: 'Updated' });
  const admin = callerFor(services, await signedUpUser(services.db, { admin: true }));

  const events = await admin.audit.list({ targetType: 'project', targetId: name, limit: 25 });

  expect(events.items.map((event) => event.action)).toEqual(['project.updated', 'project.created']);
  expect(events.items[0]).toMatchObject({
    actor: owner.username,
    before: { description: 'Forecasting demand' },
    after: { description: 'Updated' },
  });
});
