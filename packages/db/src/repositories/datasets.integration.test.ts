import { expect, test } from 'vitest';

import { aGroup, aName, aUser, createTestDb } from '../test/factories';

test('a dataset name is unique within its scope, not across scopes', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const name = aName('ds');
  const base = {
    name,
    description: '',
    type: 'tabular' as const,
    groups: [],
    createdBy: alice.username,
  };

  await db.datasets.create({ ...base, scope: 'private', scopeId: alice.username });
  await db.datasets.create({ ...base, scope: 'global', scopeId: 'global' });

  await expect(
    db.datasets.create({ ...base, scope: 'private', scopeId: alice.username }),
  ).rejects.toThrow(`Dataset ${name} already exists among ${alice.username}'s private datasets`);
});

test('group datasets are listed per group through their shares, and re-shared on update', async () => {
  const db = await createTestDb();
  const admin = await aUser(db);
  const [red, blue] = [await aGroup(db, admin.username), await aGroup(db, admin.username)];
  const name = aName('ds');

  await db.datasets.create({
    scope: 'group',
    scopeId: 'group',
    name,
    description: 'shared',
    type: 'image',
    groups: [red.name],
    createdBy: admin.username,
  });
  expect(
    (await db.datasets.listSharedWithGroup(red.name, { limit: 10 })).items.map((item) => item.name),
  ).toEqual([name]);
  expect((await db.datasets.listSharedWithGroup(blue.name, { limit: 10 })).items).toEqual([]);

  await db.datasets.update(
    { scope: 'group', scopeId: 'group', name },
    { description: 'moved', groups: [blue.name] },
    admin.username,
  );

  expect((await db.datasets.listSharedWithGroup(red.name, { limit: 10 })).items).toEqual([]);
  expect((await db.datasets.listSharedWithGroup(blue.name, { limit: 10 })).items).toMatchObject([
    { name, description: 'moved', groups: [blue.name] },
  ]);
});

test('sharing with a group that does not exist writes nothing', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const name = aName('ds');

  await expect(
    db.datasets.create({
      scope: 'group',
      scopeId: 'group',
      name,
      description: '',
      type: 'other',
      groups: ['nosuchgroup'],
      createdBy: alice.username,
    }),
  ).rejects.toThrow('Group nosuchgroup does not exist');
  expect(await db.datasets.get({ scope: 'group', scopeId: 'group', name })).toBeNull();
});

test('deleting a dataset removes its shares; admins list everything, page by page', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const group = await aGroup(db, alice.username);
  const names = [aName('a'), aName('b'), aName('c')];
  await db.datasets.create({
    scope: 'group',
    scopeId: 'group',
    name: names[0] ?? '',
    description: '',
    type: 'other',
    groups: [group.name],
    createdBy: alice.username,
  });
  await db.datasets.create({
    scope: 'global',
    scopeId: 'global',
    name: names[1] ?? '',
    description: '',
    type: 'other',
    groups: [],
    createdBy: alice.username,
  });
  await db.datasets.create({
    scope: 'private',
    scopeId: alice.username,
    name: names[2] ?? '',
    description: '',
    type: 'other',
    groups: [],
    createdBy: alice.username,
  });

  const first = await db.datasets.listAll({ limit: 2 });
  const second = await db.datasets.listAll({ limit: 2, cursor: first.cursor });
  await db.datasets.delete(
    { scope: 'group', scopeId: 'group', name: names[0] ?? '' },
    alice.username,
  );

  expect([...first.items, ...second.items].map((item) => item.name).sort()).toEqual(
    [...names].sort(),
  );
  expect(second.cursor).toBeNull();
  expect((await db.datasets.listSharedWithGroup(group.name, { limit: 10 })).items).toEqual([]);
  expect((await db.datasets.listAll({ limit: 10 })).items).toHaveLength(2);
});

test('a name fragment narrows a scope, every dataset and a group’s shares, and pages through the filter', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const red = await aGroup(db, alice.username);
  const names = ['cats-a', 'dogs-b', 'cats-c', 'cats-d'].map(
    (suffix) => `${aName('ds')}-${suffix}`,
  );
  for (const name of names) {
    await db.datasets.create({
      scope: 'group',
      scopeId: 'group',
      name,
      description: '',
      type: 'image',
      groups: [red.name],
      createdBy: alice.username,
    });
    await db.datasets.create({
      scope: 'private',
      scopeId: alice.username,
      name,
      description: '',
      type: 'image',
      groups: [],
      createdBy: alice.username,
    });
  }
  const cats = [names[0], names[2], names[3]];

  const first = await db.datasets.listByScope(
    { scope: 'private', scopeId: alice.username },
    { limit: 2, nameContains: 'cats' },
  );
  const rest = await db.datasets.listByScope(
    { scope: 'private', scopeId: alice.username },
    { limit: 2, nameContains: 'cats', cursor: first.cursor },
  );
  expect([...first.items, ...rest.items].map((item) => item.name)).toEqual(cats);
  expect(rest.cursor).toBeNull();

  const shared = await db.datasets.listSharedWithGroup(red.name, {
    limit: 10,
    nameContains: 'dogs',
  });
  expect(shared.items.map((item) => item.name)).toEqual([names[1]]);

  const everywhere = await db.datasets.listAll({ limit: 100, nameContains: names[1]! }, 'group');
  expect(everywhere.items.map((item) => `${item.scope}/${item.name}`)).toEqual([
    `group/${names[1]}`,
  ]);
});
