import { expect, test } from 'vitest';

import {
  ConflictError,
  NotFoundError,
  ValidationError,
  defaultUserPreferences,
} from '@mlspace/core';

import { aLogin, aUser, aUsername, createTestDb } from '../test/factories';

test('a user is created with default preferences on first login and refreshed on the next', async () => {
  const db = await createTestDb();
  const login = aLogin({ suspendedIfNew: true, adminIfNew: true });

  const first = await db.users.recordLogin(login);
  const second = await db.users.recordLogin({
    ...login,
    email: 'new@example.com',
    displayName: 'New Name',
    suspendedIfNew: false,
    adminIfNew: false,
  });

  expect(first).toMatchObject({
    username: login.username,
    suspended: true,
    isAdmin: true,
    preferences: defaultUserPreferences,
  });
  expect(second).toMatchObject({
    email: 'new@example.com',
    displayName: 'New Name',
    suspended: true,
    isAdmin: true,
  });
  expect(second.createdAt).toBe(first.createdAt);
  expect(second.lastLoginAt).not.toBeNull();
  expect(await db.users.get(login.username)).toEqual(second);
});

test('two simultaneous first logins create the user once', async () => {
  const db = await createTestDb();
  const login = aLogin();

  const results = await Promise.all([
    db.users.recordLogin(login),
    db.users.recordLogin(login),
    db.users.recordLogin(login),
  ]);

  expect(results.map((user) => user.username)).toEqual([
    login.username,
    login.username,
    login.username,
  ]);
  const created = await db.audit.list({ limit: 10, targetType: 'user', targetId: login.username });
  expect(created.items.filter((event) => event.action === 'user.created')).toHaveLength(1);
});

test('an unknown user reads as null', async () => {
  const db = await createTestDb();
  expect(await db.users.get('nobody')).toBeNull();
});

test('suspending a user writes the change and its audit event together', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);

  const suspended = await db.users.setSuspended(alice.username, true, 'admin1');

  expect(suspended.suspended).toBe(true);
  expect((await db.users.get(alice.username))?.suspended).toBe(true);
  const { items } = await db.audit.list({
    limit: 10,
    targetType: 'user',
    targetId: alice.username,
  });
  expect(items[0]).toMatchObject({
    actor: 'admin1',
    action: 'user.suspended',
    before: { suspended: false },
    after: { suspended: true },
  });
});

test('reinstating an active user writes nothing', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);

  await db.users.setSuspended(alice.username, false, 'admin1');

  const { items } = await db.audit.list({ limit: 10, actor: 'admin1' });
  expect(items).toEqual([]);
});

test('granting admin and changing preferences are audited and returned as views', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);

  const admin = await db.users.setAdmin(alice.username, true, 'root');
  const prefs = await db.users.updatePreferences(alice.username, { theme: 'dark' }, alice.username);

  expect(admin.isAdmin).toBe(true);
  expect(prefs.preferences).toEqual({ ...defaultUserPreferences, theme: 'dark' });
  const { items } = await db.audit.list({
    limit: 10,
    targetType: 'user',
    targetId: alice.username,
  });
  expect(items.map((event) => event.action)).toEqual(
    expect.arrayContaining(['user.admin_granted', 'user.preferences_updated']),
  );
});

test('invalid preferences are refused naming the field', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);

  await expect(
    db.users.updatePreferences(alice.username, { timezone: 'Mars/Olympus' }, alice.username),
  ).rejects.toThrow(ValidationError);
  await expect(
    db.users.updatePreferences(alice.username, { timezone: 'Mars/Olympus' }, alice.username),
  ).rejects.toThrow(/preferences\.timezone/);
});

test('changing an unknown user is a not-found error', async () => {
  const db = await createTestDb();
  await expect(db.users.setSuspended('ghost', true, 'admin1')).rejects.toThrow(NotFoundError);
});

test('the user list filters by text and status and pages through every user exactly once', async () => {
  const db = await createTestDb();
  const prefix = aUsername('zed');
  const users = [];
  for (let index = 0; index < 23; index++) {
    users.push(
      await aUser(db, {
        username: `${prefix}-${String(index).padStart(2, '0')}`,
        adminIfNew: index % 5 === 0,
      }),
    );
  }
  await db.users.setSuspended(users[3]!.username, true, 'root');
  await aUser(db, { username: aUsername('other') });

  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await db.users.list({ cursor, limit: 5, filter: prefix.toUpperCase() });
    expect(page.items.length === 5 || page.cursor === null).toBe(true);
    seen.push(...page.items.map((user) => user.username));
    cursor = page.cursor;
    pages += 1;
  } while (cursor);

  expect(seen).toEqual(users.map((user) => user.username));
  expect(pages).toBe(5);
  const admins = await db.users.list({ limit: 100, filter: prefix, status: 'admins' });
  expect(admins.items.map((user) => user.username)).toEqual(
    users.filter((_, index) => index % 5 === 0).map((u) => u.username),
  );
  const suspended = await db.users.list({ limit: 100, status: 'suspended' });
  expect(suspended.items.map((user) => user.username)).toEqual([users[3]!.username]);
  const active = await db.users.list({ limit: 3, filter: prefix, status: 'active' });
  expect(active.items).toHaveLength(3);
  expect(active.cursor).not.toBeNull();
});

test('a filtered page is filled even when matches are sparse', async () => {
  const db = await createTestDb();
  for (let index = 0; index < 150; index++)
    await aUser(db, {
      username: `a${String(index).padStart(3, '0')}`,
      displayName: index % 50 === 0 ? 'Needle' : 'Hay',
    });

  const page = await db.users.list({ limit: 2, filter: 'needle' });
  const next = await db.users.list({ limit: 2, filter: 'needle', cursor: page.cursor });

  expect(page.items.map((user) => user.username)).toEqual(['a000', 'a050']);
  expect(next.items.map((user) => user.username)).toEqual(['a100']);
  expect(next.cursor).toBeNull();
});

test('deleting a user removes them', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);

  await db.users.delete(alice.username, 'root');

  expect(await db.users.get(alice.username)).toBeNull();
  await expect(db.users.delete(alice.username, 'root')).rejects.toThrow(NotFoundError);
});

test('a conflicting concurrent change to a user is a conflict, not a lost update', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);

  const results = await Promise.allSettled([
    db.users.setAdmin(alice.username, true, 'root'),
    db.users.updatePreferences(alice.username, { theme: 'dark' }, alice.username),
  ]);

  for (const result of results) {
    if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConflictError);
  }
  expect(results.some((result) => result.status === 'fulfilled')).toBe(true);
});
