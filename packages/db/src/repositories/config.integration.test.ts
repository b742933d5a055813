import { expect, test } from 'vitest';

import { createTestDb } from '../test/factories';

test('version 0 is created once, however many starts race to create it', async () => {
  const db = await createTestDb();

  await Promise.all([
    db.config.ensureInitial({ a: 1 }, 'system'),
    db.config.ensureInitial({ a: 2 }, 'system'),
  ]);
  await db.config.ensureInitial({ a: 3 }, 'system');

  const history = await db.config.history({ limit: 10 });
  expect(history.items).toHaveLength(1);
  expect(history.items[0]).toMatchObject({ version: 0, changedBy: 'system' });
});

test('a save writes the next version with who, when and why', async () => {
  const db = await createTestDb();
  await db.config.ensureInitial({ a: 0 }, 'system');

  const saved = await db.config.save({
    expectedVersion: 0,
    document: { a: 1 },
    reason: 'more',
    actor: 'root',
    action: 'config.updated',
  });

  expect(saved).toMatchObject({
    version: 1,
    document: { a: 1 },
    changedBy: 'root',
    reason: 'more',
  });
  expect(await db.config.latest()).toMatchObject({ version: 1, document: { a: 1 } });
  const audit = await db.audit.list({ limit: 10, targetType: 'config', targetId: 'global' });
  expect(audit.items.map((event) => event.action)).toContain('config.updated');
});

test('two saves from the same version: the second is refused and the first is kept', async () => {
  const db = await createTestDb();
  await db.config.ensureInitial({ a: 0 }, 'system');
  await db.config.save({
    expectedVersion: 0,
    document: { a: 1 },
    reason: 'first',
    actor: 'root',
    action: 'config.updated',
  });

  await expect(
    db.config.save({
      expectedVersion: 0,
      document: { a: 2 },
      reason: 'second',
      actor: 'other',
      action: 'config.updated',
    }),
  ).rejects.toThrow(
    'the configuration changed since you loaded it (version 0); reload and reapply',
  );
  expect(await db.config.latest()).toMatchObject({ version: 1, document: { a: 1 } });
});

test('a save from a version that does not exist is refused', async () => {
  const db = await createTestDb();
  await db.config.ensureInitial({ a: 0 }, 'system');

  await expect(
    db.config.save({
      expectedVersion: 7,
      document: {},
      reason: 'x',
      actor: 'root',
      action: 'config.updated',
    }),
  ).rejects.toThrow(/version 7 does not exist/);
});

test('history lists versions newest first, page by page', async () => {
  const db = await createTestDb();
  await db.config.ensureInitial({ n: 0 }, 'system');
  for (let version = 0; version < 12; version += 1) {
    await db.config.save({
      expectedVersion: version,
      document: { n: version + 1 },
      reason: `v${version + 1}`,
      actor: 'root',
      action: 'config.updated',
    });
  }

  const first = await db.config.history({ limit: 10 });
  const second = await db.config.history({ limit: 10, cursor: first.cursor });

  expect(first.items.map((item) => item.version)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
  expect(second.items.map((item) => item.version)).toEqual([2, 1, 0]);
  expect(second.cursor).toBeNull();
});
