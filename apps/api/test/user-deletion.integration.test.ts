/**
 * Deleting a user, on DynamoDB Local and s3rver with every cascade hook registered: sign-in ends
 * at once, their notebooks stop as for a removed member, their private data and memberships go,
 * what they created in projects stays, and what fails is retried by the sweep.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';

import type { UserView } from '@mlspace/core';
import { createDatasetStorage, type DatasetStorage } from '@mlspace/aws';
import { findFreePort, localS3ClientConfig, startLocalS3, type LocalS3 } from '@mlspace/local';

import { createSweep } from '../src/jobs/sweep';
import type { ApiServices } from '../src/services';
import { createProjectCascade } from '../src/services/cascade';
import { registerProjectDataCascades } from '../src/services/project-data-cascades';
import { createResourceActions } from '../src/services/resource-actions';
import { registerResourceCascades } from '../src/services/resource-cascades';
import { createFakeCompute } from './fake-compute';
import { callerFor, createTestServices, signedUpUser } from './harness';

const bucket = 'mlspace-data';
let dataDir: string;
let s3: LocalS3;
let storage: DatasetStorage;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'mlspace-user-deletion-'));
  s3 = await startLocalS3({
    port: await findFreePort(),
    dataDir,
    buckets: [bucket],
    corsOrigins: ['http://localhost:3999'],
  });
  storage = createDatasetStorage({
    client: new S3Client(localS3ClientConfig(s3.endpoint)),
    bucket,
  });
});

afterAll(async () => {
  await s3?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

let sequence = 0;
const unique = (prefix: string) =>
  `${prefix}${(sequence += 1)}${Math.random().toString(36).slice(2, 6)}`;

/** alice owns a project where carol is a member (and reaches it through a group too). */
async function world() {
  const fake = createFakeCompute();
  const cascade = createProjectCascade();
  const services: ApiServices = await createTestServices({
    compute: fake.compute,
    cascade,
    datasetStorage: storage,
  });
  registerResourceCascades(
    cascade,
    services.db,
    createResourceActions({ db: services.db, compute: fake.compute }),
  );
  registerProjectDataCascades(cascade, {
    db: services.db,
    datasetStorage: storage,
    compute: fake.compute,
  });
  const [alice, carol, admin] = [
    await signedUpUser(services.db),
    await signedUpUser(services.db),
    await signedUpUser(services.db, { admin: true }),
  ];
  const as = (user: UserView) => callerFor(services, user);
  const project = unique('vision');
  const group = unique('team');
  await as(alice).projects.create({ name: project, description: '' });
  await as(alice).projects.members.add({ project, usernames: [carol.username], role: 'member' });
  await as(admin).groups.create({ name: group, description: '' });
  await as(admin).groups.addMembers({ name: group, usernames: [carol.username] });
  await as(alice).projects.groups.link({ project, group, role: 'member' });
  const notebook = await as(carol).notebooks.create({
    project,
    name: unique('nb'),
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
  const endpoint = unique('ep');
  await services.db.resources.register(
    { kind: 'endpoint', name: endpoint, project, owner: carol.username, status: 'InService' },
    carol.username,
  );
  fake.endpoints.add(endpoint);
  const dataset = unique('notes');
  await as(carol).datasets.create({ scope: 'private', name: dataset, type: 'text' });
  const upload = await as(carol).datasets.startUpload({
    ref: { scope: 'private', scopeId: carol.username, name: dataset },
    fileName: 'a.txt',
    size: 5,
  });
  if (upload.mode !== 'single') throw new Error('expected a single upload');
  expect((await fetch(upload.url, { method: 'PUT', body: 'hello' })).status).toBe(200);
  await services.db.sessions.create({
    username: carol.username,
    epoch: carol.sessionEpoch,
    ttlSeconds: 3600,
  });
  return { services, fake, alice, carol, admin, as, project, group, notebook, endpoint, dataset };
}

const privateKeys = async (username: string) =>
  (await storage.listObjects(`private/${username}/`, { limit: 1000 })).objects;

const signIn = (services: ApiServices, username: string) =>
  services.db.users.recordLogin({
    username,
    email: `${username}@example.com`,
    displayName: username,
    suspendedIfNew: false,
    adminIfNew: false,
  });

test('deleting a user stops their notebooks, deletes their private data, sessions and memberships, and leaves what they created in projects with the project', async () => {
  const w = await world();
  const { services, fake, carol, admin, as } = w;

  const outcome = await as(admin).users.delete({ username: carol.username });

  expect(outcome).toMatchObject({ complete: true, failures: [] });
  expect(await services.db.users.get(carol.username)).toBeNull();
  expect(fake.notebooks.get(w.notebook.name)).toBe('Stopped');
  expect(await services.db.resources.get('notebook', w.notebook.name)).toMatchObject({
    project: w.project,
    owner: carol.username,
  });
  expect(await services.db.resources.get('endpoint', w.endpoint)).toMatchObject({
    status: 'InService',
  });
  expect(
    await services.db.datasets.get({ scope: 'private', scopeId: carol.username, name: w.dataset }),
  ).toBeNull();
  expect(await privateKeys(carol.username)).toEqual([]);
  expect(await services.db.membership.effectiveRole(w.project, carol.username)).toBeNull();
  expect(await services.db.groups.listForUser(carol.username)).toEqual([]);
  expect(await services.db.sessions.listForUser(carol.username)).toEqual([]);
  const audit = await services.db.audit.list({
    limit: 10,
    targetType: 'user',
    targetId: carol.username,
  });
  expect(audit.items.map((event) => event.action)).toEqual(
    expect.arrayContaining(['user.deletion_requested', 'user.deleted']),
  );

  // A new account of the same name starts with nothing of the old one's.
  const again = await signIn(services, carol.username);
  expect(again.deletion).toBeNull();
  expect((await services.db.projects.listForUser(carol.username, { limit: 10 })).items).toEqual([]);
});

test("a new account of a deleted user's name, made a member again, cannot stop, start or delete what the deleted user left, nor edit their global dataset, yet manages what it creates itself", async () => {
  const w = await world();
  const { services, fake, alice, carol, admin, as } = w;
  const globalDataset = unique('shared');
  await as(carol).datasets.create({ scope: 'global', name: globalDataset, type: 'text' });
  await as(admin).users.delete({ username: carol.username });

  const again = await signIn(services, carol.username);
  await as(alice).projects.members.add({
    project: w.project,
    usernames: [carol.username],
    role: 'member',
  });

  const forbidden = { code: 'FORBIDDEN' };
  await expect(as(again).endpoints.delete({ name: w.endpoint })).rejects.toMatchObject(forbidden);
  await expect(as(again).notebooks.start({ name: w.notebook.name })).rejects.toMatchObject(
    forbidden,
  );
  await expect(as(again).notebooks.delete({ name: w.notebook.name })).rejects.toMatchObject(
    forbidden,
  );
  await expect(
    as(again).datasets.delete({ scope: 'global', name: globalDataset }),
  ).rejects.toMatchObject(forbidden);
  expect(fake.endpoints.has(w.endpoint)).toBe(true);
  expect(fake.notebooks.get(w.notebook.name)).toBe('Stopped');

  const own = await as(again).notebooks.create({
    project: w.project,
    name: unique('nb'),
    instanceType: 'ml.t3.medium',
    volumeSizeGb: 5,
    lifecycle: {},
  });
  await as(again).notebooks.stop({ name: own.name });
  expect(fake.notebooks.get(own.name)).toBe('Stopped');
});

test('a user whose notebook cannot be stopped stays a tombstone that cannot sign in, and the sweep finishes the deletion once the backend lets it', async () => {
  const w = await world();
  const { services, fake, carol, admin, as } = w;
  fake.failing.add(w.notebook.name);

  const first = await as(admin).users.delete({ username: carol.username });

  expect(first.complete).toBe(false);
  expect(first.failures).toEqual([
    expect.objectContaining({ step: 'resources', reason: expect.stringContaining('refused') }),
  ]);
  const tombstone = await services.db.users.get(carol.username);
  expect(tombstone?.deletion).toMatchObject({ requestedBy: admin.username, attempts: 1 });
  expect(tombstone?.sessionEpoch).not.toBe(carol.sessionEpoch);
  expect(await services.db.sessions.listForUser(carol.username)).toEqual([]);
  await expect(signIn(services, carol.username)).rejects.toMatchObject({
    message: expect.stringContaining('being deleted'),
  });
  // Nothing of the later stages happened yet: files go only once nothing runs as the user.
  expect(await privateKeys(carol.username)).not.toEqual([]);
  expect((await as(admin).users.list({ limit: 100 })).items).toContainEqual(
    expect.objectContaining({ username: carol.username, deletion: expect.any(Object) }),
  );

  fake.failing.delete(w.notebook.name);
  const summary = await createSweep({
    db: services.db,
    compute: fake.compute,
    cascade: services.cascade,
    datasetStorage: storage,
  }).run();

  expect(summary.usersDeleted).toEqual([carol.username]);
  expect(await services.db.users.get(carol.username)).toBeNull();
  expect(await privateKeys(carol.username)).toEqual([]);
});

test('the only owner of a project, or oneself, cannot be deleted, and nothing changes', async () => {
  const w = await world();
  const { services, alice, admin, as } = w;

  await expect(as(admin).users.delete({ username: alice.username })).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining(w.project),
  });
  await expect(as(admin).users.delete({ username: admin.username })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  expect((await services.db.users.get(alice.username))?.deletion).toBeNull();
  expect(await services.db.membership.effectiveRole(w.project, alice.username)).toBe('owner');
});

test("an admin's page of a user lists their projects (also through groups), their groups and what they created", async () => {
  const w = await world();
  const detail = await w.as(w.admin).users.get({ username: w.carol.username });

  expect(detail.projects).toEqual([
    expect.objectContaining({
      name: w.project,
      role: 'member',
      directRole: 'member',
      viaGroups: [{ group: w.group, role: 'member' }],
    }),
  ]);
  expect(detail.groups.map((group) => group.name)).toEqual([w.group]);
  expect(detail.resources.map((resource) => `${resource.kind} ${resource.name}`).sort()).toEqual(
    [`endpoint ${w.endpoint}`, `notebook ${w.notebook.name}`].sort(),
  );
  await expect(w.as(w.carol).users.get({ username: w.carol.username })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});
