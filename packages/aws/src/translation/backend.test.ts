import { TranslateClient } from '@aws-sdk/client-translate';
import { expect, test } from 'vitest';

import { ConflictError, ValidationError } from '@mlspace/core';
import { parseTerminologyFile } from '@mlspace/core/terminology-files';
import { fakeTranslate, mockHttp } from '@mlspace/testing';

import { createAmazonTranslate, type TranslationStorage } from './backend';

const server = mockHttp();
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const owner = { project: 'vision', username: 'alice' };
const role = 'arn:aws:iam::123456789012:role/mlspace-pu-vision-alice';

function setUp(files: Record<string, string> = {}) {
  const calls: { operation: string; body: Record<string, unknown> }[] = [];
  const translate = fakeTranslate({ calls });
  server.use(...translate.handlers);
  const storage: TranslationStorage = {
    listKeys: async (uri) => Object.keys(files).filter((key) => key.startsWith(uri)),
    readText: async (uri) => files[uri] ?? null,
  };
  const backend = createAmazonTranslate(new TranslateClient({ region: 'us-east-1', credentials }), {
    systemTag: 'MLSpace',
    kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc',
    dataAccessRoleFor: async (who) => {
      expect(who).toEqual(owner);
      return role;
    },
    storage,
  });
  return { ...backend, calls, translate, files };
}

const csv = 'en,es\nfiles,archivos\n';
const terminology = (name: string) => ({
  name,
  description: 'storage words',
  format: 'CSV' as const,
  content: csv,
  parsed: parseTerminologyFile('CSV', csv),
  importedBy: 'alice',
});

test('capabilities come from ListLanguages and offer every Translate document type', async () => {
  const { translation, calls } = setUp();
  const capabilities = await translation.capabilities();
  expect(capabilities.languages).toEqual(['en', 'es', 'fr', 'de']);
  expect(capabilities).toMatchObject({ pairs: 'any', formality: true, profanity: true });
  expect(capabilities.documentTypes.flatMap((type) => type.extensions)).toContain('.docx');
  await translation.capabilities();
  expect(calls.filter((call) => call.operation === 'ListLanguages')).toHaveLength(1);
});

test('TranslateText carries the terminology and settings, and the applied terms come back', async () => {
  const { translation, terminologies, calls } = setUp();
  await terminologies.import(terminology('storage'));
  const result = await translation.translateText({
    text: 'the files',
    sourceLanguage: 'auto',
    targetLanguage: 'es',
    terminologyNames: ['storage'],
    settings: { formality: 'FORMAL', profanity: 'MASK' },
  });
  expect(calls.find((call) => call.operation === 'TranslateText')?.body).toEqual({
    Text: 'the files',
    SourceLanguageCode: 'auto',
    TargetLanguageCode: 'es',
    TerminologyNames: ['storage'],
    Settings: { Formality: 'FORMAL', Profanity: 'MASK' },
  });
  expect(result).toEqual({
    text: '[es] the archivos',
    sourceLanguage: 'en',
    targetLanguage: 'es',
    appliedTerms: [{ source: 'files', target: 'archivos' }],
  });
});

test('a terminology is imported tagged with its importer and the system, listed, viewed and deleted', async () => {
  const { terminologies, calls } = setUp();
  await terminologies.import(terminology('storage'));
  expect(calls.find((call) => call.operation === 'ImportTerminology')?.body).toMatchObject({
    Name: 'storage',
    MergeStrategy: 'OVERWRITE',
    TerminologyData: { Format: 'CSV', Directionality: 'UNI' },
    Tags: [
      { Key: 'user', Value: 'alice' },
      { Key: 'system', Value: 'MLSpace' },
    ],
  });
  const listed = await terminologies.list({ limit: 10 });
  expect(listed.items.map((item) => [item.name, item.termCount, item.targetLanguages])).toEqual([
    ['storage', 1, ['es']],
  ]);
  const detail = await terminologies.get('storage');
  expect(detail?.importedBy).toBe('alice');
  expect(detail?.entries).toEqual([{ source: 'files', targets: { es: 'archivos' } }]);
  await terminologies.delete('storage');
  expect(await terminologies.get('storage')).toBeNull();
});

test('importing over an existing terminology is refused rather than overwriting it', async () => {
  const { terminologies } = setUp();
  await terminologies.import(terminology('storage'));
  await expect(terminologies.import(terminology('storage'))).rejects.toThrow(ConflictError);
});

test('a job starts with the project role as data-access role, the documents type and KMS output', async () => {
  const { translationJobs, calls } = setUp({
    's3://data/project/vision/datasets/docs/a.html': '<p>a</p>',
    's3://data/project/vision/datasets/docs/b.htm': '<p>b</p>',
  });
  const started = await translationJobs.create({
    name: 'docs-es',
    owner,
    inputS3Uri: 's3://data/project/vision/datasets/docs/',
    outputS3Uri: 's3://data/project/vision/datasets/out/',
    sourceLanguage: 'en',
    targetLanguages: ['es', 'fr'],
    terminologyNames: [],
    settings: {},
  });
  expect(started.status).toBe('InProgress');
  const body = calls.find((call) => call.operation === 'StartTextTranslationJob')?.body;
  expect(body).toMatchObject({
    JobName: 'docs-es',
    InputDataConfig: { S3Uri: 's3://data/project/vision/datasets/docs/', ContentType: 'text/html' },
    OutputDataConfig: {
      S3Uri: 's3://data/project/vision/datasets/out/',
      EncryptionKey: { Type: 'KMS', Id: 'arn:aws:kms:us-east-1:123456789012:key/abc' },
    },
    DataAccessRoleArn: role,
    SourceLanguageCode: 'en',
    TargetLanguageCodes: ['es', 'fr'],
  });
  expect(body).not.toHaveProperty('TerminologyNames');
});

test('a folder mixing document types is refused naming the input, since Translate takes one type per job', async () => {
  const { translationJobs } = setUp({
    's3://data/in/a.txt': 'a',
    's3://data/in/b.docx': 'b',
  });
  await expect(
    translationJobs.create({
      name: 'mixed',
      owner,
      inputS3Uri: 's3://data/in/',
      outputS3Uri: 's3://data/out/',
      sourceLanguage: 'en',
      targetLanguages: ['es'],
      terminologyNames: [],
      settings: {},
    }),
  ).rejects.toThrow(
    new ValidationError(
      'inputS3Uri',
      'mixes document types; Amazon Translate takes one type per job, so put each type in its own folder',
    ),
  );
});

test('describe finds the job by name and reports its documents and each failure from the details file', async () => {
  const { translationJobs, translate, files } = setUp({ 's3://data/in/a.txt': 'a' });
  await translationJobs.create({
    name: 'docs-es',
    owner,
    inputS3Uri: 's3://data/in/',
    outputS3Uri: 's3://data/out/',
    sourceLanguage: 'en',
    targetLanguages: ['es'],
    terminologyNames: [],
    settings: {},
  });
  expect((await translationJobs.describe('docs-es'))?.status).toBe('InProgress');
  translate.finish('docs-es', 'COMPLETED_WITH_ERROR', { input: 2, translated: 1, failed: 1 });
  const jobId = [...translate.jobs.keys()][0]!;
  files[
    `s3://data/out/123456789012-TranslateText-${jobId}/details/es.auxiliary-translation-details.json`
  ] = JSON.stringify({
    details: [
      { sourceFile: 'a.txt', targetFile: 'es.a.txt' },
      {
        sourceFile: 'big.txt',
        auxiliaryData: {
          error: { errorCode: 'InvalidRequestException', errorMessage: 'too large' },
        },
      },
    ],
  });
  const described = await translationJobs.describe('docs-es');
  expect(described).toMatchObject({
    status: 'Completed',
    documents: { input: 2, translated: 1, failed: 1 },
    failures: [
      { document: 'big.txt', targetLanguage: 'es', reason: 'InvalidRequestException: too large' },
    ],
    metadata: { jobId },
  });
  expect(await translationJobs.describe('unknown')).toBeNull();
});

test('stop asks Translate to stop a running job and leaves an ended one alone', async () => {
  const { translationJobs, translate, calls } = setUp({ 's3://data/in/a.txt': 'a' });
  const job = {
    owner,
    inputS3Uri: 's3://data/in/',
    outputS3Uri: 's3://data/out/',
    sourceLanguage: 'en',
    targetLanguages: ['es'],
    terminologyNames: [],
    settings: {},
  };
  await translationJobs.create({ ...job, name: 'running' });
  await translationJobs.create({ ...job, name: 'ended' });
  translate.finish('ended', 'COMPLETED', { input: 1, translated: 1, failed: 0 });
  await translationJobs.stop('running');
  await translationJobs.stop('ended');
  expect(calls.filter((call) => call.operation === 'StopTextTranslationJob')).toHaveLength(1);
  expect((await translationJobs.describe('running'))?.status).toBe('Stopping');
});
