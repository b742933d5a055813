import { expect, test } from 'vitest';

import { createDb } from '../service';
import { createTestTable } from '../testing';

/** A clock that advances one minute per call, so events have distinct, known times. */
function steppingClock(start: string) {
  let time = Date.parse(start);
  return () => {
    const now = new Date(time).toISOString();
    time += 60_000;
    return now;
  };
}

async function seededDb() {
  const { client, tableName } = await createTestTable();
  const db = createDb({ client, tableName, now: steppingClock('2026-01-01T00:00:00.000Z') });
  await db.users.recordLogin({
    username: 'alice',
    email: 'a@x',
    displayName: 'A',
    suspendedIfNew: false,
    adminIfNew: false,
  });
  await db.users.recordLogin({
    username: 'bob',
    email: 'b@x',
    displayName: 'B',
    suspendedIfNew: false,
    adminIfNew: false,
  });
  await db.users.setAdmin('bob', true, 'alice');
  await db.projects.create({ name: 'apollo', description: '', createdBy: 'alice' });
  await db.projects.update('apollo', { description: 'moon' }, 'bob');
  await db.users.setSuspended('bob', true, 'alice');
  return db;
}

test('the audit trail lists everything newest first', async () => {
  const db = await seededDb();

  const { items } = await db.audit.list({ limit: 10 });

  expect(items.map((event) => [event.actor, event.action])).toEqual([
    ['alice', 'user.suspended'],
    ['bob', 'project.updated'],
    ['alice', 'project.created'],
    ['alice', 'user.admin_granted'],
    ['bob', 'user.created'],
    ['alice', 'user.created'],
  ]);
});

test('the audit trail filters by actor, target, target type and time range', async () => {
  const db = await seededDb();

  const byActor = await db.audit.list({ limit: 10, actor: 'bob' });
  const byTarget = await db.audit.list({ limit: 10, targetType: 'user', targetId: 'bob' });
  const byType = await db.audit.list({ limit: 10, targetType: 'project' });
  const actorAndType = await db.audit.list({ limit: 10, actor: 'alice', targetType: 'user' });
  const all = await db.audit.list({ limit: 10 });
  const middle = all.items.slice(2, 4).map((event) => event.at);
  const ranged = await db.audit.list({ limit: 10, from: middle[1], to: middle[0] });
  const since = await db.audit.list({ limit: 10, actor: 'alice', from: middle[0] });

  expect(byActor.items.map((event) => event.action)).toEqual(['project.updated', 'user.created']);
  expect(byTarget.items.map((event) => event.action)).toEqual([
    'user.suspended',
    'user.admin_granted',
    'user.created',
  ]);
  expect(byType.items.map((event) => event.action)).toEqual(['project.updated', 'project.created']);
  expect(actorAndType.items.map((event) => event.action)).toEqual([
    'user.suspended',
    'user.admin_granted',
    'user.created',
  ]);
  expect(ranged.items.map((event) => event.action)).toEqual([
    'project.created',
    'user.admin_granted',
  ]);
  expect(since.items.map((event) => event.action)).toEqual(['user.suspended', 'project.created']);
  expect(byTarget.items[0]).toMatchObject({
    before: { suspended: false },
    after: { suspended: true },
  });
});

test('audit pages walk every event exactly once', async () => {
  const db = await seededDb();

  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await db.audit.list({ limit: 4, cursor });
    ids.push(...page.items.map((event) => event.id));
    cursor = page.cursor;
  } while (cursor);
  const filtered: string[] = [];
  do {
    const page = await db.audit.list({ limit: 1, cursor, targetType: 'user' });
    filtered.push(...page.items.map((event) => event.action));
    cursor = page.cursor;
  } while (cursor);

  expect(ids).toHaveLength(6);
  expect(new Set(ids).size).toBe(6);
  expect(filtered).toEqual([
    'user.suspended',
    'user.admin_granted',
    'user.created',
    'user.created',
  ]);
});
