import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { createDatasetStorage, type DatasetStorage } from '@mlspace/aws';
import { findFreePort, localS3ClientConfig, startLocalS3, type LocalS3 } from '@mlspace/local';

import { callerFor, createTestServices, signedUpUser } from './harness';

const bucket = 'mlspace-data';
let dataDir: string;
let s3: LocalS3;
let storage: DatasetStorage;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'mlspace-datasets-'));
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
const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(sequence += 1)}`;

async function setup() {
  const services = await createTestServices({ datasetStorage: storage });
  const [admin, alice, bob, carol] = [
    await signedUpUser(services.db, { admin: true }),
    await signedUpUser(services.db),
    await signedUpUser(services.db),
    await signedUpUser(services.db),
  ];
  return {
    services,
    admin,
    alice,
    bob,
    carol,
    as: (user: typeof alice) => callerFor(services, user),
  };
}

async function put(url: string, body: string | Uint8Array) {
  const response = await fetch(url, { method: 'PUT', body });
  expect(response.status).toBe(200);
  return response.headers.get('etag') ?? '';
}

test('a private dataset: its creator uploads, lists and downloads; another user cannot read it; an admin can', async () => {
  const { alice, bob, admin, as } = await setup();
  const name = uniqueName('faces');
  const dataset = await as(alice).datasets.create({
    scope: 'private',
    name,
    description: 'Private faces',
    type: 'image',
  });
  const ref = { scope: 'private' as const, scopeId: alice.username, name };

  const upload = await as(alice).datasets.startUpload({ ref, fileName: 'train/a b.txt', size: 5 });
  if (upload.mode !== 'single') throw new Error('expected a single upload');
  await put(upload.url, 'hello');
  const files = await as(alice).datasets.files({ ref });
  const { url } = await as(alice).datasets.downloadUrl({ ref, fileName: 'train/a b.txt' });

  expect(dataset.location).toBe(`s3://${bucket}/private/${alice.username}/datasets/${name}/`);
  expect(files.items).toMatchObject([
    {
      name: 'train/a b.txt',
      size: 5,
      // The MD5 of 'hello': a client can tell it holds the same file without downloading it.
      etag: '5d41402abc4b2a76b9719d911017c592',
      s3Uri: `s3://${bucket}/private/${alice.username}/datasets/${name}/train/a b.txt`,
    },
  ]);
  expect(await (await fetch(url)).text()).toBe('hello');
  await expect(as(bob).datasets.get(ref)).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: 'Only the creator may read a private dataset',
  });
  await expect(as(bob).datasets.files({ ref })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(as(admin).datasets.get(ref)).resolves.toMatchObject({
    dataset: { name },
    permissions: { edit: true },
  });
});

test('a file of 16 MB or more goes up in parts and is listed whole', async () => {
  const { alice, as } = await setup();
  const name = uniqueName('big');
  await as(alice).datasets.create({ scope: 'global', name, type: 'other' });
  const ref = { scope: 'global' as const, name };
  const size = 17 * 1024 * 1024;

  const upload = await as(alice).datasets.startUpload({ ref, fileName: 'big.bin', size });
  if (upload.mode !== 'multipart') throw new Error('expected a multipart upload');
  const { urls } = await as(alice).datasets.presignParts({
    ref,
    key: upload.key,
    uploadId: upload.uploadId,
    partNumbers: [1, 2],
  });
  const parts = [];
  for (const { partNumber, url } of urls) {
    const length = partNumber === 1 ? upload.partSize : size - upload.partSize;
    parts.push({ partNumber, etag: await put(url, new Uint8Array(length).fill(partNumber)) });
  }
  await as(alice).datasets.completeUpload({
    ref,
    key: upload.key,
    uploadId: upload.uploadId,
    parts,
  });

  expect(upload).toMatchObject({ partSize: 16 * 1024 * 1024, partCount: 2 });
  expect((await as(alice).datasets.files({ ref })).items).toMatchObject([
    { name: 'big.bin', size },
  ]);
});

test('file names that could escape the dataset are refused, however they are encoded', async () => {
  const { alice, as } = await setup();
  const name = uniqueName('safe');
  await as(alice).datasets.create({ scope: 'private', name, type: 'text' });
  const ref = { scope: 'private' as const, name };

  await expect(
    as(alice).datasets.startUpload({ ref, fileName: '../other/x.txt', size: 1 }),
  ).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: 'fileName: "../other/x.txt" must not contain a .. segment',
  });
  await expect(
    as(alice).datasets.startUpload({ ref, fileName: '/abs.txt', size: 1 }),
  ).rejects.toMatchObject({ message: /must not start with \// });
  await expect(
    as(alice).datasets.deleteFiles({ ref, fileNames: ['ok.txt', '%2e%2e/x'] }),
  ).rejects.toMatchObject({ message: /^fileNames\.1: .*decodes to/ });
  await expect(
    as(alice).datasets.completeUpload({
      ref,
      key: `private/someoneelse/datasets/${name}/x`,
      uploadId: 'u',
      parts: [{ partNumber: 1, etag: 'e' }],
    }),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: /outside this dataset/ });
});

test("a group dataset is listed for members of its groups only, and may be shared only with the creator's groups", async () => {
  const { services, admin, alice, bob, carol, as } = await setup();
  const group = uniqueName('g').replace(/-/g, '').slice(0, 24);
  const other = uniqueName('o').replace(/-/g, '').slice(0, 24);
  await as(admin).groups.create({ name: group, description: '' });
  await as(admin).groups.create({ name: other, description: '' });
  await services.db.groups.addMembers(group, [alice.username, carol.username], admin.username);
  const name = uniqueName('shared');

  await expect(
    as(alice).datasets.create({ scope: 'group', name, type: 'tabular', groups: [group, other] }),
  ).rejects.toMatchObject({
    code: 'FORBIDDEN',
    message: `You may share a dataset only with groups you belong to; you are not a member of '${other}'`,
  });
  await as(alice).datasets.create({ scope: 'group', name, type: 'tabular', groups: [group] });

  const carolSees = await as(carol).datasets.list({ scope: 'all', limit: 100 });
  const bobSees = await as(bob).datasets.list({ scope: 'all', limit: 100 });
  expect(carolSees.items.map((item) => item.name)).toContain(name);
  expect(bobSees.items.map((item) => item.name)).not.toContain(name);
  await expect(as(bob).datasets.get({ scope: 'group', name })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  await expect(
    as(carol).datasets.update({ ref: { scope: 'group', name }, description: 'mine now' }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
});

test('a project dataset is for project members; the combined list pages through every source', async () => {
  const { services, alice, bob, as } = await setup();
  const project = uniqueName('p').replace(/-/g, '').slice(0, 24);
  await services.db.projects.create({ name: project, description: '', createdBy: alice.username });
  const names = [uniqueName('pd'), uniqueName('gd'), uniqueName('pv')];
  await as(alice).datasets.create({
    scope: 'project',
    project,
    name: names[0] ?? '',
    type: 'tabular',
  });
  await as(alice).datasets.create({ scope: 'global', name: names[1] ?? '', type: 'tabular' });
  await as(alice).datasets.create({ scope: 'private', name: names[2] ?? '', type: 'tabular' });

  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<ReturnType<typeof as>['datasets']['list']>> = await as(
      alice,
    ).datasets.list({ scope: 'all', limit: 1, cursor });
    seen.push(...page.items.map((item) => item.name));
    cursor = page.cursor;
  } while (cursor);

  expect(seen).toEqual(expect.arrayContaining(names));
  await expect(
    as(bob).datasets.create({ scope: 'project', project, name: uniqueName('x'), type: 'tabular' }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(
    as(bob).datasets.files({ ref: { scope: 'project', scopeId: project, name: names[0] ?? '' } }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
});

test('the creator edits the description, deletes files and deletes the dataset with its objects; names are unique per scope', async () => {
  const { alice, as } = await setup();
  const name = uniqueName('life');
  await as(alice).datasets.create({ scope: 'global', name, description: 'first', type: 'text' });
  const ref = { scope: 'global' as const, name };
  for (const fileName of ['a.txt', 'b.txt']) {
    const upload = await as(alice).datasets.startUpload({ ref, fileName, size: 1 });
    if (upload.mode === 'single') await put(upload.url, 'x');
  }

  await expect(
    as(alice).datasets.create({ scope: 'global', name, type: 'text' }),
  ).rejects.toMatchObject({
    code: 'CONFLICT',
    message: `Dataset ${name} already exists among global datasets`,
  });
  await as(alice).datasets.update({ ref, description: 'first Updated' });
  await as(alice).datasets.deleteFiles({ ref, fileNames: ['a.txt'] });
  expect((await as(alice).datasets.files({ ref })).items.map((file) => file.name)).toEqual([
    'b.txt',
  ]);
  expect((await as(alice).datasets.get(ref)).dataset.description).toBe('first Updated');

  await expect(as(alice).datasets.delete(ref)).resolves.toEqual({ deletedFiles: 1 });
  expect((await storage.listObjects(`global/datasets/${name}/`, { limit: 10 })).objects).toEqual(
    [],
  );
  await expect(as(alice).datasets.get(ref)).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

test('admins see every dataset, including those whose creator is gone', async () => {
  const { services, admin, bob, as } = await setup();
  const name = uniqueName('orphan');
  await as(bob).datasets.create({ scope: 'private', name, type: 'text' });
  await services.db.users.delete(bob.username, admin.username);

  const all = await as(admin).datasets.list({ scope: 'private', limit: 100 });

  expect(all.items.map((item) => item.name)).toContain(name);
  await expect(
    as(admin).datasets.get({ scope: 'private', scopeId: bob.username, name }),
  ).resolves.toMatchObject({ dataset: { createdBy: bob.username } });
});

test('when an admin deactivates datasets, existing datasets stay readable and every change is refused', async () => {
  const { alice, admin, as } = await setup();
  const name = uniqueName('kept');
  await as(alice).datasets.create({ scope: 'private', name, type: 'text' });
  const ref = { scope: 'private' as const, scopeId: alice.username, name };
  const { config, version } = await as(admin).config.get();
  await as(admin).config.update({
    expectedVersion: version,
    reason: 'no datasets',
    config: { ...config, services: { ...config.services, datasets: false } },
  });

  const listed = await as(alice).datasets.list({ scope: 'private', limit: 100 });
  expect(listed.items.map((item) => item.name)).toContain(name);
  await expect(as(alice).datasets.get(ref)).resolves.toMatchObject({ dataset: { name } });
  await expect(as(alice).datasets.files({ ref })).resolves.toBeDefined();
  await expect(
    as(alice).datasets.downloadUrl({ ref, fileName: 'kept.txt' }),
  ).resolves.toMatchObject({ url: expect.stringContaining('kept.txt') });
  const refused = {
    code: 'PRECONDITION_FAILED',
    message: 'Datasets is deactivated by your administrator',
  };
  await expect(
    as(alice).datasets.create({ scope: 'private', name: uniqueName('new'), type: 'text' }),
  ).rejects.toMatchObject(refused);
  await expect(
    as(alice).datasets.startUpload({ ref, fileName: 'more.txt', size: 4 }),
  ).rejects.toMatchObject(refused);
  await expect(as(alice).datasets.delete(ref)).rejects.toMatchObject(refused);
});
