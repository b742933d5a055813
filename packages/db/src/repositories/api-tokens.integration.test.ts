import { randomBytes } from 'node:crypto';

import { expect, test } from 'vitest';

import { createDb } from '../service';
import { createTestTable } from '../testing';
import { withAuditCredential } from '../audit';
import { aName, aUser, createTestDb } from '../test/factories';
import type { CreateApiTokenRecordInput } from './api-tokens';

const anId = () => randomBytes(8).toString('hex');
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function aToken(
  owner: string,
  overrides: Partial<CreateApiTokenRecordInput> = {},
): CreateApiTokenRecordInput {
  return {
    id: anId(),
    owner,
    name: 'ci',
    kind: 'personal',
    scope: 'read',
    projects: [],
    secretHash: 'hash-of-the-secret',
    expiresAt: inDays(30),
    actor: owner,
    ...overrides,
  };
}

test('a token is read back by its id with its hash, and its owner is read with it', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const created = await db.apiTokens.create(
    aToken(alice.username, { scope: 'write', projects: ['vision'] }),
  );

  const found = await db.apiTokens.getWithOwner(created.id);

  expect(found?.token).toEqual({ ...created, secretHash: 'hash-of-the-secret' });
  expect(found?.token).toMatchObject({ scope: 'write', projects: ['vision'], lastUsedAt: null });
  expect(found?.owner?.username).toBe(alice.username);
  expect(await db.apiTokens.get(anId())).toBeNull();
});

test("a user's list holds their personal tokens newest first, page by page, not notebook credentials or others' tokens", async () => {
  let clock = Date.parse('2026-01-01T00:00:00.000Z');
  const { client, tableName } = await createTestTable();
  const db = createDb({ client, tableName, now: () => new Date((clock += 1000)).toISOString() });
  const alice = await aUser(db);
  const bob = await aUser(db);
  for (const name of ['one', 'two', 'three'])
    await db.apiTokens.create(aToken(alice.username, { name }));
  await db.apiTokens.create(
    aToken(alice.username, { kind: 'notebook', name: 'nb', actor: undefined }),
  );
  await db.apiTokens.create(aToken(bob.username, { name: 'bobs' }));

  const first = await db.apiTokens.listForOwner(alice.username, 'personal', { limit: 2 });
  const second = await db.apiTokens.listForOwner(alice.username, 'personal', {
    limit: 2,
    cursor: first.cursor,
  });

  expect(first.items.map((token) => token.name)).toEqual(['three', 'two']);
  expect(second).toMatchObject({ items: [{ name: 'one' }], cursor: null });
});

test("the admin list holds every user's personal tokens by creation time, in either order", async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const bob = await aUser(db);
  await db.apiTokens.create(aToken(alice.username, { name: 'first' }));
  await db.apiTokens.create(aToken(bob.username, { name: 'second' }));

  const newest = await db.apiTokens.listAll('personal', { limit: 50 });
  const oldest = await db.apiTokens.listAll('personal', { limit: 50, order: 'oldest' });

  const mine = (names: string[]) => names.filter((name) => ['first', 'second'].includes(name));
  expect(mine(newest.items.map((token) => token.name))).toEqual(['second', 'first']);
  expect(mine(oldest.items.map((token) => token.name))).toEqual(['first', 'second']);
});

test('creating past the rate limit writes nothing and names the limit', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const rateLimit = {
    subject: `apitoken-create#${alice.username}`,
    windowStart: '2026-01-01T10:00:00.000Z',
    windowEnd: '2026-01-01T11:00:00.000Z',
    max: 2,
    refusal: 'You may create at most 2 API tokens per hour',
  };
  await db.apiTokens.create(aToken(alice.username, { rateLimit }));
  await db.apiTokens.create(aToken(alice.username, { rateLimit }));

  await expect(
    db.apiTokens.create(aToken(alice.username, { name: 'third', rateLimit })),
  ).rejects.toMatchObject({ name: 'RateLimitedError', message: rateLimit.refusal });
  const listed = await db.apiTokens.listForOwner(alice.username, 'personal', { limit: 10 });
  expect(listed.items).toHaveLength(2);
  await expect(
    db.apiTokens.create(
      aToken(alice.username, { rateLimit: { ...rateLimit, windowStart: rateLimit.windowEnd } }),
    ),
  ).resolves.toMatchObject({ name: 'ci' });
});

test('revoking a token records who revoked it with an audit event, and a second revoke is a conflict', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const token = await db.apiTokens.create(aToken(alice.username));

  const revoked = await db.apiTokens.revoke(token.id, 'admin1');

  expect(revoked.revokedBy).toBe('admin1');
  expect(typeof revoked.revokedAt).toBe('string');
  expect((await db.apiTokens.get(token.id))?.revokedAt).toBe(revoked.revokedAt);
  const audit = await db.audit.list({ limit: 10, targetType: 'apiToken', targetId: token.id });
  expect(audit.items.map((event) => event.action)).toEqual(['apiToken.revoke', 'apiToken.create']);
  await expect(db.apiTokens.revoke(token.id, 'admin1')).rejects.toMatchObject({
    name: 'ConflictError',
    message: 'API token ci is already revoked',
  });
});

test("revoking all of a user's tokens revokes both kinds and leaves other users' alone", async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const bob = await aUser(db);
  const personal = await db.apiTokens.create(aToken(alice.username));
  const notebook = await db.apiTokens.create(
    aToken(alice.username, { kind: 'notebook', notebook: 'vision/nb1', actor: undefined }),
  );
  const bobs = await db.apiTokens.create(aToken(bob.username));

  expect(await db.apiTokens.revokeAllOf(alice.username, 'admin1')).toBe(2);

  expect((await db.apiTokens.get(personal.id))?.revokedAt).not.toBeNull();
  expect((await db.apiTokens.get(notebook.id))?.revokedAt).not.toBeNull();
  expect((await db.apiTokens.get(bobs.id))?.revokedAt).toBeNull();
});

test("a notebook's credentials are revoked by its name, not another notebook's", async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const nb = (notebook: string) =>
    db.apiTokens.create(aToken(alice.username, { kind: 'notebook', notebook, actor: undefined }));
  const first = await nb('vision/nb1');
  const other = await nb('vision/nb2');

  expect(await db.apiTokens.revokeForNotebook(alice.username, 'vision/nb1', 'mlspace')).toBe(1);

  expect((await db.apiTokens.get(first.id))?.revokedBy).toBe('mlspace');
  expect((await db.apiTokens.get(other.id))?.revokedAt).toBeNull();
});

test('a use is recorded at most once a minute', async () => {
  let clock = Date.parse('2026-01-01T00:00:00.000Z');
  const { client, tableName } = await createTestTable();
  const db = createDb({ client, tableName, now: () => new Date(clock).toISOString() });
  const alice = await aUser(db);
  const token = await db.apiTokens.create(aToken(alice.username));

  await db.apiTokens.recordUse(token.id);
  clock += 30_000;
  await db.apiTokens.recordUse(token.id);
  const afterHalfAMinute = (await db.apiTokens.get(token.id))?.lastUsedAt;
  clock += 31_000;
  await db.apiTokens.recordUse(token.id);

  expect(afterHalfAMinute).toBe('2026-01-01T00:00:00.000Z');
  expect((await db.apiTokens.get(token.id))?.lastUsedAt).toBe('2026-01-01T00:01:01.000Z');
});

test('audit events written while a request acts with a token record the token; others do not', async () => {
  const db = await createTestDb();
  const alice = await aUser(db);
  const project = aName();

  await withAuditCredential('apiToken 0123456789abcdef (ci)', () =>
    db.projects.create({ name: project, description: '', createdBy: alice.username }),
  );
  await db.projects.update(project, { description: 'by hand' }, alice.username);

  const events = await db.audit.list({ limit: 10, targetType: 'project', targetId: project });
  expect(events.items.map((event) => [event.action, event.actor, event.via])).toEqual([
    [expect.any(String), alice.username, null],
    [expect.any(String), alice.username, 'apiToken 0123456789abcdef (ci)'],
  ]);
});
