import { GetObjectCommand } from '@aws-sdk/client-s3';
import { parseTerminologyFile } from '@mlspace/core/terminology-files';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { startJobsTestEnv, testBucket, type JobsTestEnv } from '../jobs/test-support';
import { spawnedApertium } from './apertium-engine';
import { createLocalTranslation, type LocalTranslation } from './backend';

let env: JobsTestEnv;
let local: LocalTranslation;

beforeAll(async () => {
  env = await startJobsTestEnv();
  local = createLocalTranslation({
    rootDir: env.dir,
    events: env.events,
    s3: env.s3,
    maxDocumentBytes: 2_000,
  });
  const content = 'en,es\nfiles,archivos\n';
  await local.terminologies.import({
    name: 'storage-terms',
    description: 'how we say files',
    format: 'CSV',
    content,
    parsed: parseTerminologyFile('CSV', content),
    importedBy: 'alice',
  });
});

afterAll(async () => {
  await local?.shutdown();
  await env?.stop();
});

const sentence = 'The files in this folder were saved by the team.';

test('Apertium translates English into Spanish on this machine', async () => {
  const result = await local.translation.translateText({
    text: sentence,
    sourceLanguage: 'en',
    targetLanguage: 'es',
    terminologyNames: [],
    settings: {},
  });
  expect(result.text).toMatch(/equipo/);
  expect(result.sourceLanguage).toBe('en');
});

test('a terminology entry replaces what the engine would have said for its term', async () => {
  const plain = await local.translation.translateText({
    text: sentence,
    sourceLanguage: 'en',
    targetLanguage: 'es',
    terminologyNames: [],
    settings: {},
  });
  const withTerms = await local.translation.translateText({
    text: sentence,
    sourceLanguage: 'en',
    targetLanguage: 'es',
    terminologyNames: ['storage-terms'],
    settings: {},
  });
  expect(plain.text).not.toMatch(/archivos/);
  expect(withTerms.text).toMatch(/archivos/);
  expect(withTerms.text).not.toMatch(/mlsterm/);
  expect(withTerms.appliedTerms).toEqual([{ source: 'files', target: 'archivos' }]);
});

test('Apertium spawned per request translates the same HTML as the server keeps', async () => {
  const spawned = await spawnedApertium().translateHtml('eng-spa', '<p>Hello <b>world</b></p>');
  expect(spawned).toMatch(/<p>Hola <b>[Mm]undo<\/b><\/p>/);
});

test('the source language is detected when asked for auto', async () => {
  const result = await local.translation.translateText({
    text: 'La casa es grande y el perro duerme en el jardín todos los días.',
    sourceLanguage: 'auto',
    targetLanguage: 'en',
    terminologyNames: [],
    settings: {},
  });
  expect(result.sourceLanguage).toBe('es');
  expect(result.text).toMatch(/house/i);
});

test('a pair that is not installed is refused naming the target language', async () => {
  await expect(
    local.translation.translateText({
      text: sentence,
      sourceLanguage: 'en',
      targetLanguage: 'fr',
      terminologyNames: [],
      settings: {},
    }),
  ).rejects.toThrow(
    /^targetLanguage: English \(en\) to French \(fr\) is not an installed Apertium pair/,
  );
});

test('formality is refused locally, naming the setting', async () => {
  await expect(
    local.translation.translateText({
      text: sentence,
      sourceLanguage: 'en',
      targetLanguage: 'es',
      terminologyNames: [],
      settings: { formality: 'FORMAL' },
    }),
  ).rejects.toThrow(/^settings\.formality: is not supported by Apertium/);
});

async function read(key: string): Promise<string> {
  const object = await env.s3.send(new GetObjectCommand({ Bucket: testBucket, Key: key }));
  return object.Body!.transformToString();
}

test('a batch job translates text and HTML by type and fails the others with their reasons', async () => {
  await env.put('datasets/docs/notes.txt', 'The files are ready.\n');
  await env.put('datasets/docs/page.html', '<html><body><p>Hello <b>world</b></p></body></html>');
  await env.put('datasets/docs/deck.pptx', 'not really a deck');
  await env.put('datasets/docs/big.txt', 'word '.repeat(1000));
  await local.translationJobs!.create({
    name: 'docs-es',
    owner: { project: 'proj', username: 'alice' },
    inputS3Uri: `s3://${testBucket}/datasets/docs/`,
    outputS3Uri: `s3://${testBucket}/datasets/out/`,
    sourceLanguage: 'en',
    targetLanguages: ['es'],
    terminologyNames: ['storage-terms'],
    settings: {},
  });
  const done = await local.translationJobs!.settled('docs-es');
  expect(done.status).toBe('Completed');
  expect(done.documents).toEqual({ input: 4, translated: 2, failed: 2 });
  expect(done.failures.map((failure) => failure.document).sort()).toEqual(['big.txt', 'deck.pptx']);
  expect(done.failures.find((f) => f.document === 'deck.pptx')!.reason).toMatch(
    /^\.pptx is not a type Apertium translates here/,
  );
  expect(done.failures.find((f) => f.document === 'big.txt')!.reason).toMatch(
    /over the local limit of 2000 bytes/,
  );
  expect(await read('datasets/out/docs-es/es/notes.txt')).toMatch(/archivos/);
  expect(await read('datasets/out/docs-es/es/page.html')).toMatch(/<p>Hola <b>[Mm]undo<\/b><\/p>/);
  expect(env.seen.filter((event) => event.kind === 'batchTranslateJob').at(-1)?.status).toBe(
    'Completed',
  );
});
