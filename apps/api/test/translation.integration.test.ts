/**
 * Translation through the API on the local backend: Apertium for real time and batch, terminologies
 * imported, listed, applied and deleted, batch jobs over a project dataset with each document's
 * outcome, and the refusals that name their field.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { createDatasetStorage } from '@mlspace/aws';
import type { UserView } from '@mlspace/core';
import {
  createLocalComputeBackend,
  findFreePort,
  localS3ClientConfig,
  startLocalS3,
  type LocalComputeBackend,
  type LocalS3,
} from '@mlspace/local';

import { applyComputeEvents } from '../src/services/compute';
import type { ApiServices } from '../src/services';
import { callerFor, createTestServices, signedUpUser } from './harness';

let dir: string;
let s3server: LocalS3;
let s3: S3Client;
let compute: LocalComputeBackend;
let services: ApiServices;
let alice: UserView;
let bob: UserView;
let outsider: UserView;
let admin: UserView;
const project = `xlproj${Math.random().toString(36).slice(2, 7)}`;
let bucket: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mlspace-api-translate-'));
  services = await createTestServices();
  bucket = services.settings.s3.dataBucket;
  s3server = await startLocalS3({
    port: await findFreePort(),
    dataDir: path.join(dir, 's3'),
    buckets: [bucket],
    corsOrigins: [],
  });
  s3 = new S3Client(localS3ClientConfig(s3server.endpoint));
  compute = createLocalComputeBackend({ dataDir: dir, s3 });
  services = { ...services, compute, datasetStorage: createDatasetStorage({ client: s3, bucket }) };
  applyComputeEvents(services.db, compute, (error) => {
    throw error;
  });
  [alice, bob, outsider, admin] = await Promise.all([
    signedUpUser(services.db),
    signedUpUser(services.db),
    signedUpUser(services.db),
    signedUpUser(services.db, { admin: true }),
  ]);
  await services.db.projects.create({ name: project, description: 'T', createdBy: alice.username });
  await services.db.membership.addUsers(project, [bob.username], 'member', alice.username);
  for (const name of ['docs', 'translated'])
    await services.db.datasets.create({
      scope: 'project',
      scopeId: project,
      name,
      description: '',
      type: 'text',
      groups: [],
      createdBy: alice.username,
    });
  const put = (key: string, body: string) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  await put(`project/${project}/datasets/docs/readme.txt`, 'The files are in the folder.\n');
  await put(
    `project/${project}/datasets/docs/index.html`,
    '<html><body><h1>The files</h1><p>Hello <b>world</b>.</p></body></html>',
  );
  await put(`project/${project}/datasets/docs/slides.pptx`, 'a deck');
});

afterAll(async () => {
  await compute?.shutdown();
  s3?.destroy();
  await s3server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(JSON.stringify(last).slice(0, 500));
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a refusal');
}

const sentence = {
  text: 'The files in this folder were saved by the team.',
  sourceLanguage: 'en',
  targetLanguage: 'es',
};

test('the capabilities offer the installed Apertium pairs and say formality is not supported', async () => {
  const capabilities = await callerFor(services, bob).translation.capabilities();
  expect(capabilities.engine).toBe('Apertium');
  expect(capabilities.pairs).toContainEqual({ source: 'en', target: 'es' });
  expect(capabilities.formality).toBe(false);
  expect(capabilities.notes.join(' ')).toMatch(/Formality and profanity masking are not supported/);
  expect(capabilities.languageLabels.es).toBe('Spanish (es)');
});

test('a project member translates a sentence in real time', async () => {
  const result = await callerFor(services, bob).translation.translateText({ project, ...sentence });
  expect(result.text).toMatch(/equipo/);
});

test('an outsider may not translate in a project', async () => {
  expect(
    await refusal(
      callerFor(services, outsider).translation.translateText({ project, ...sentence }),
    ),
  ).toMatch(/not a member/);
});

test('profanity masking is refused locally, naming the setting', async () => {
  expect(
    await refusal(
      callerFor(services, bob).translation.translateText({
        project,
        ...sentence,
        settings: { profanity: 'MASK' },
      }),
    ),
  ).toBe('settings.profanity: is not supported by Apertium');
});

test('a pair that is not installed is refused naming the target language', async () => {
  expect(
    await refusal(
      callerFor(services, bob).translation.translateText({
        project,
        ...sentence,
        targetLanguage: 'de',
      }),
    ),
  ).toBe('targetLanguage: Apertium does not translate English (en) into German (de) here');
});

test('a malformed terminology is refused naming its line', async () => {
  expect(
    await refusal(
      callerFor(services, bob).translation.terminologies.import({
        name: 'broken',
        format: 'CSV',
        content: 'en,es\nfiles,archivos\nteam\n',
      }),
    ),
  ).toMatch(/^content: line 3: /);
});

test('an imported terminology is listed, viewed, applied and deleted only by its importer or an admin', async () => {
  const bobs = callerFor(services, bob);
  await bobs.translation.terminologies.import({
    name: 'storage',
    description: 'How we say files',
    format: 'CSV',
    content: 'en,es\nfiles,archivos\n',
  });
  const listed = await callerFor(services, outsider).translation.terminologies.list({});
  expect(listed.items.map((item) => [item.name, item.importedBy, item.termCount])).toContainEqual([
    'storage',
    bob.username,
    1,
  ]);
  expect((await bobs.translation.terminologies.get({ name: 'storage' })).entries).toEqual([
    { source: 'files', targets: { es: 'archivos' } },
  ]);
  const plain = await bobs.translation.translateText({ project, ...sentence });
  const applied = await bobs.translation.translateText({
    project,
    ...sentence,
    terminologyNames: ['storage'],
  });
  expect(plain.text).not.toMatch(/archivos/);
  expect(applied.text).toMatch(/archivos/);
  expect(applied.appliedTerms).toEqual([{ source: 'files', target: 'archivos' }]);
  expect(
    await refusal(callerFor(services, alice).translation.terminologies.delete({ name: 'storage' })),
  ).toMatch(/Only the user who imported terminology storage and admins may delete it/);
  await callerFor(services, admin).translation.terminologies.delete({ name: 'storage' });
  expect(
    await refusal(
      bobs.translation.translateText({ project, ...sentence, terminologyNames: ['storage'] }),
    ),
  ).toBe('terminologyNames: there is no terminology named storage');
});

test('a batch job over a project dataset translates text and HTML, reports the refused type, and its output is listed', async () => {
  const bobs = callerFor(services, bob);
  await bobs.translation.jobs.create({
    project,
    name: 'docs-into-spanish',
    inputS3Uri: `s3://${bucket}/project/${project}/datasets/docs/`,
    outputS3Uri: `s3://${bucket}/project/${project}/datasets/translated/`,
    sourceLanguage: 'en',
    targetLanguages: ['es'],
  });
  const detail = await until(
    () => bobs.translation.jobs.get({ name: 'docs-into-spanish' }),
    (view) => view.job.status !== 'InProgress',
  );
  expect(detail.job.status).toBe('Completed');
  expect(detail.documents).toEqual({ input: 3, translated: 2, failed: 1 });
  expect(detail.failures.map((failure) => failure.document)).toEqual(['slides.pptx']);
  expect(detail.failures[0]?.reason).toMatch(/^\.pptx is not a type/);
  const outputs = await bobs.translation.jobs.outputs({ name: 'docs-into-spanish' });
  expect(outputs.items.map((item) => item.path).sort()).toEqual([
    'docs-into-spanish/es/index.html',
    'docs-into-spanish/es/readme.txt',
  ]);
  const listed = await bobs.translation.jobs.list({ project, limit: 10 });
  expect(listed.items.map((item) => [item.name, item.status])).toEqual([
    ['docs-into-spanish', 'Completed'],
  ]);
});

test('a batch job may not write outside the datasets of its project', async () => {
  expect(
    await refusal(
      callerFor(services, bob).translation.jobs.create({
        project,
        name: 'elsewhere',
        inputS3Uri: `s3://${bucket}/project/${project}/datasets/docs/`,
        outputS3Uri: `s3://${bucket}/project/otherproject/datasets/x/`,
        sourceLanguage: 'en',
        targetLanguages: ['es'],
      }),
    ),
  ).toMatch(/^outputS3Uri: /);
});

test('a member who did not start a job may not stop it; its creator may', async () => {
  const bobs = callerFor(services, bob);
  await bobs.translation.jobs.create({
    project,
    name: 'to-stop',
    inputS3Uri: `s3://${bucket}/project/${project}/datasets/docs/`,
    outputS3Uri: `s3://${bucket}/project/${project}/datasets/translated/`,
    sourceLanguage: 'en',
    targetLanguages: ['es'],
  });
  const member = await signedUpUser(services.db);
  await services.db.membership.addUsers(project, [member.username], 'member', alice.username);
  expect(
    await refusal(callerFor(services, member).translation.jobs.stop({ name: 'to-stop' })),
  ).toMatch(/Only the batch translation job's creator/);
  await bobs.translation.jobs.stop({ name: 'to-stop' });
  const detail = await until(
    () => bobs.translation.jobs.get({ name: 'to-stop' }),
    (view) => ['Stopped', 'Completed'].includes(view.job.status),
  );
  expect(['Stopped', 'Completed']).toContain(detail.job.status);
});
