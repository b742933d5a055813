import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect, test, vi } from 'vitest';

import type { UserView } from '@mlspace/core';
import { createDb } from '@mlspace/db';
import { createTestTable } from '@mlspace/db/testing';

import { createContextInner, resolveCaller } from '../src/context';
import { createApiHandler } from '../src/http/api-handler';
import { createCaller } from '../src/root';
import type { ApiServices } from '../src/services';
import { newTokenSecret } from '../src/services/api-tokens/token-secrets';
import { withUserCache } from '../src/services/cached-users';
import { callerFor, createTestServices, signedUpUser } from './harness';

/** Services over a table the test can read raw, with the user cache production uses. */
async function tokenServices() {
  const { client, tableName } = await createTestTable();
  const db = createDb({ client, tableName });
  const services = await createTestServices({
    db: { ...db, users: withUserCache(db.users, 60_000) },
  });
  const scanTable = async () =>
    JSON.stringify((await client.send(new ScanCommand({ TableName: tableName }))).Items);
  return { services, uncached: db, scanTable };
}

/** The real router, called with `Authorization: Bearer <token>` resolved as every request is. */
async function asToken(services: ApiServices, token: string, method = 'POST') {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  return createCaller(
    createContextInner(services, await resolveCaller(services, { method, headers })),
  );
}

function overHttp(services: ApiServices, token: string, path: string): Promise<Response> {
  return createApiHandler(services)(
    new Request(`http://localhost:3999/api/trpc/${path}`, {
      headers: { authorization: `Bearer ${token}` },
    }),
  );
}

async function aToken(
  services: ApiServices,
  owner: UserView,
  input: { scope?: 'read' | 'write'; projects?: string[]; expiresInDays?: number } = {},
) {
  const created = await callerFor(services, owner).apiTokens.create({
    name: 'script',
    scope: input.scope ?? 'write',
    projects: input.projects ?? [],
    expiresInDays: input.expiresInDays ?? 30,
  });
  return created;
}

test('a created token is shown once, works as a bearer token, and only its hash is stored', async () => {
  const { services, scanTable } = await tokenServices();
  const alice = await signedUpUser(services.db);

  const created = await aToken(services, alice, { scope: 'read' });
  const me = await (await asToken(services, created.secret)).me.get();
  const listed = await callerFor(services, alice).apiTokens.mine({});

  expect(created.secret).toMatch(/^mls_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
  expect(me.username).toBe(alice.username);
  expect(JSON.stringify(listed)).not.toContain(created.secret.slice(21));
  expect(listed.items).toMatchObject([{ id: created.token.id, scope: 'read' }]);
  expect(listed.items[0]).not.toHaveProperty('secretHash');
  const table = await scanTable();
  expect(table).toContain(created.token.id);
  expect(table).not.toContain(created.secret.slice(21));
  expect((await services.db.apiTokens.get(created.token.id))?.lastUsedAt).not.toBeNull();
});

test('an unknown, altered or malformed token is refused with 401 and no detail about the token', async () => {
  const { services } = await tokenServices();
  const alice = await signedUpUser(services.db);
  const created = await aToken(services, alice);
  const altered = created.secret.slice(0, -1) + (created.secret.endsWith('A') ? 'B' : 'A');

  for (const token of [altered, newTokenSecret().text, 'mls_nonsense']) {
    const response = await overHttp(services, token, 'me.get');
    expect(response.status).toBe(401);
    expect(await response.text()).toContain(
      'This API token is not valid: check that it was copied whole.',
    );
  }
});

test('an expired token is refused with 401 saying when it expired', async () => {
  const { services } = await tokenServices();
  const alice = await signedUpUser(services.db);
  const secret = newTokenSecret();
  await services.db.apiTokens.create({
    id: secret.id,
    owner: alice.username,
    name: 'old',
    kind: 'personal',
    scope: 'write',
    projects: [],
    secretHash: secret.secretHash,
    expiresAt: '2026-01-02T03:04:05.000Z',
  });

  const response = await overHttp(services, secret.text, 'me.get');

  expect(response.status).toBe(401);
  expect(await response.text()).toContain('This API token expired on 2026-01-02 03:04 UTC.');
});

test('a revoked token is refused with 401 saying it was revoked, on the very next call', async () => {
  const { services } = await tokenServices();
  const alice = await signedUpUser(services.db);
  const created = await aToken(services, alice);
  expect((await overHttp(services, created.secret, 'me.get')).status).toBe(200);

  await callerFor(services, alice).apiTokens.revoke({ id: created.token.id });
  const response = await overHttp(services, created.secret, 'me.get');

  expect(response.status).toBe(401);
  expect(await response.text()).toMatch(
    /This API token was revoked on \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
  );
});

test('a read-only token reads but is refused every change with 403 saying it is read-only', async () => {
  const { services } = await tokenServices();
  const alice = await signedUpUser(services.db);
  const created = await aToken(services, alice, { scope: 'read' });
  const api = await asToken(services, created.secret);

  await expect(api.projects.mine({})).resolves.toMatchObject({ items: [] });
  await expect(api.projects.create({ name: 'readonlyp', description: '' })).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: 'This API token is read-only: create a token with write scope to make changes.',
  });
  expect(await services.db.projects.get('readonlyp')).toBeNull();
});

test('a token limited to one project is refused every other project, and lists spanning projects leave them out', async () => {
  const { services } = await tokenServices();
  const alice = await signedUpUser(services.db);
  const member = callerFor(services, alice);
  await member.projects.create({ name: 'inscope', description: '' });
  await member.projects.create({ name: 'outscope', description: '' });
  for (const project of ['inscope', 'outscope']) {
    await services.db.resources.register(
      {
        kind: 'notebook',
        name: `nb-${project}`,
        project,
        owner: alice.username,
        status: 'Stopped',
      },
      alice.username,
    );
    await services.db.datasets.create({
      scope: 'project',
      scopeId: project,
      name: `data-${project}`,
      description: '',
      type: 'tabular',
      groups: [],
      createdBy: alice.username,
    });
  }
  const created = await aToken(services, alice, { projects: ['inscope'] });
  const api = await asToken(services, created.secret);

  const refusal = {
    code: 'FORBIDDEN',
    message: "This API token is limited to project inscope; it cannot reach project 'outscope'.",
  };
  await expect(api.projects.get({ name: 'outscope' })).rejects.toMatchObject(refusal);
  await expect(api.notebooks.get({ name: 'nb-outscope' })).rejects.toMatchObject(refusal);
  await expect(api.datasets.list({ scope: 'project', project: 'outscope' })).rejects.toMatchObject(
    refusal,
  );
  await expect(api.projects.get({ name: 'inscope' })).resolves.toMatchObject({});
  expect((await api.projects.mine({})).items.map((project) => project.name)).toEqual(['inscope']);
  expect((await api.notebooks.mine({})).items.map((notebook) => notebook.name)).toEqual([
    'nb-inscope',
  ]);
  expect(
    (await api.datasets.list({ scope: 'project' })).items.map((dataset) => dataset.name),
  ).toEqual(['data-inscope']);
  expect((await member.notebooks.mine({})).items).toHaveLength(2);
});

test("a suspended owner's token is refused with 403 at once, although the user cache still holds the active account, and stays revoked after reinstatement", async () => {
  const { services, uncached } = await tokenServices();
  const admin = await signedUpUser(services.db, { admin: true });
  const alice = await signedUpUser(services.db);
  const created = await aToken(services, alice);
  expect((await overHttp(services, created.secret, 'me.get')).status).toBe(200);
  expect((await services.db.users.get(alice.username))?.suspended).toBe(false);

  // Another API process suspends her: this process's user cache does not hear of it.
  const elsewhere = { ...services, db: uncached };
  await callerFor(elsewhere, admin).users.setSuspended({
    username: alice.username,
    suspended: true,
  });
  const whileSuspended = await overHttp(services, created.secret, 'me.get');
  expect((await services.db.users.get(alice.username))?.suspended).toBe(false);
  await callerFor(elsewhere, admin).users.setSuspended({
    username: alice.username,
    suspended: false,
  });
  const afterReinstatement = await overHttp(services, created.secret, 'me.get');

  expect(whileSuspended.status).toBe(403);
  expect(await whileSuspended.text()).toContain(`The account ${alice.username} is suspended.`);
  expect(afterReinstatement.status).toBe(401);
  expect(await afterReinstatement.text()).toContain('This API token was revoked');
});

test("a deleted owner's token is refused with 403, and a new account of the same name does not inherit it", async () => {
  const { services } = await tokenServices();
  const admin = await signedUpUser(services.db, { admin: true });
  const alice = await signedUpUser(services.db);
  const created = await aToken(services, alice);

  await services.db.users.startDeletion(alice.username, admin.username);
  const whileDeleting = await overHttp(services, created.secret, 'me.get');
  await services.db.users.delete(alice.username, admin.username);
  await signedUpUser(services.db, { username: alice.username });
  const afterRecreation = await overHttp(services, created.secret, 'me.get');

  expect(whileDeleting.status).toBe(403);
  expect(await whileDeleting.text()).toContain(`The account ${alice.username} is being deleted.`);
  expect(afterRecreation.status).toBe(403);
  expect(await afterRecreation.text()).toContain(`The account ${alice.username} no longer exists.`);
});

test("a write token's changes are in the audit trail as its owner, naming the token", async () => {
  const { services } = await tokenServices();
  const admin = await signedUpUser(services.db, { admin: true });
  const alice = await signedUpUser(services.db);
  const created = await aToken(services, alice);

  await (
    await asToken(services, created.secret)
  ).projects.create({
    name: 'bytoken',
    description: '',
  });

  const events = await callerFor(services, admin).audit.list({
    targetType: 'project',
    targetId: 'bytoken',
    limit: 10,
  });
  expect(events.items).toMatchObject([
    { actor: alice.username, via: `apiToken ${created.token.id} (script)` },
  ]);
});

test('creating an eleventh token within the hour is refused with 429 naming the limit', async () => {
  const { services } = await tokenServices();
  const alice = await signedUpUser(services.db);
  for (let index = 0; index < 10; index += 1) await aToken(services, alice);

  const eleventh = aToken(services, alice);

  await expect(eleventh).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  await expect(eleventh).rejects.toThrow(
    /^You may create at most 10 API tokens per hour; try again after \d{4}-\d\d-\d\d \d\d:00 UTC\.$/,
  );
  expect((await callerFor(services, alice).apiTokens.mine({ limit: 50 })).items).toHaveLength(10);
});

test("a lifetime beyond the administrator's maximum is refused naming expiresInDays", async () => {
  const { services } = await tokenServices();
  const alice = await signedUpUser(services.db);

  await expect(aToken(services, alice, { expiresInDays: 91 })).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: 'expiresInDays: must be at most 90 days (the longest your administrator allows)',
  });
});

test('a token cannot create tokens, so a short-lived credential cannot outlive itself', async () => {
  const { services } = await tokenServices();
  const alice = await signedUpUser(services.db);
  const created = await aToken(services, alice);

  await expect(
    (await asToken(services, created.secret)).apiTokens.create({
      name: 'more',
      scope: 'write',
      expiresInDays: 30,
    }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
});

test("an admin's write token does admin work; their read-only or project-limited token does not", async () => {
  const { services } = await tokenServices();
  const admin = await signedUpUser(services.db, { admin: true });
  await callerFor(services, admin).projects.create({ name: 'adminp', description: '' });
  const write = await aToken(services, admin);
  const read = await aToken(services, admin, { scope: 'read' });
  const limited = await aToken(services, admin, { projects: ['adminp'] });

  await expect((await asToken(services, write.secret)).users.list({})).resolves.toMatchObject({});
  for (const token of [read, limited])
    await expect((await asToken(services, token.secret)).users.list({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
});

test("an admin lists everyone's tokens, one user's, and revokes anyone's; a user cannot revoke another's", async () => {
  const { services } = await tokenServices();
  const admin = await signedUpUser(services.db, { admin: true });
  const alice = await signedUpUser(services.db);
  const bob = await signedUpUser(services.db);
  const alices = await aToken(services, alice);
  await aToken(services, bob);

  const all = await callerFor(services, admin).apiTokens.list({});
  const hers = await callerFor(services, admin).apiTokens.list({ owner: alice.username });
  await expect(
    callerFor(services, bob).apiTokens.revoke({ id: alices.token.id }),
  ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  await expect(callerFor(services, alice).apiTokens.list({})).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  const revoked = await callerFor(services, admin).apiTokens.adminRevoke({ id: alices.token.id });

  expect(all.items.map((token) => token.owner).sort()).toEqual(
    [alice.username, bob.username].sort(),
  );
  expect(hers.items.map((token) => token.id)).toEqual([alices.token.id]);
  expect(revoked).toMatchObject({ revokedBy: admin.username });
});

test("a failed token call's log output holds no part of the secret", async () => {
  const { services } = await tokenServices();
  const alice = await signedUpUser(services.db);
  const created = await aToken(services, alice);
  const secretPart = created.secret.slice(21);
  const logged = [
    vi.spyOn(console, 'error').mockImplementation(() => undefined),
    vi.spyOn(console, 'warn').mockImplementation(() => undefined),
    vi.spyOn(console, 'log').mockImplementation(() => undefined),
    vi.spyOn(console, 'info').mockImplementation(() => undefined),
  ];
  const broken: ApiServices = {
    ...services,
    db: {
      ...services.db,
      apiTokens: {
        ...services.db.apiTokens,
        getWithOwner: () => Promise.reject(new Error('the table is unreachable')),
      },
    },
  };

  const failed = await overHttp(broken, created.secret, 'me.get');
  const refused = await overHttp(services, created.secret.slice(0, -2), 'me.get');

  expect(failed.status).toBe(500);
  expect(refused.status).toBe(401);
  const output = logged.flatMap((spy) => spy.mock.calls).map((args) => args.map(String).join(' '));
  expect(output.join('\n')).toContain('the table is unreachable');
  expect(output.join('\n')).not.toContain(secretPart);
  expect(await failed.text()).not.toContain(secretPart);
  for (const spy of logged) spy.mockRestore();
});
