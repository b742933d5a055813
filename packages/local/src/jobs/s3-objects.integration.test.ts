import { readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { downloadPrefix, keysAt, parseS3Uri } from './s3-objects';
import { startJobsTestEnv, testBucket, type JobsTestEnv } from './test-support';

let env: JobsTestEnv;

beforeAll(async () => {
  env = await startJobsTestEnv();
  await env.put('private/alice/datasets/a/train.csv', 'mine');
  await env.put('private/alice/datasets/ab/secret.csv', 'not mine');
  await env.put('private/alice/datasets/a.csv', 'a sibling object');
});

afterAll(async () => {
  await env?.stop();
});

test('a channel for dataset a never downloads dataset ab, whose prefix starts the same', async () => {
  const written = await downloadPrefix(
    env.s3,
    `s3://${testBucket}/private/alice/datasets/a`,
    path.join(env.dir, 'channel-a'),
  );
  expect(written.map((file) => path.relative(env.dir, file))).toEqual(['channel-a/train.csv']);
  expect(readFileSync(written[0]!, 'utf8')).toBe('mine');
});

test('a location naming one object grants that object only', async () => {
  const keys = await keysAt(env.s3, parseS3Uri(`s3://${testBucket}/private/alice/datasets/a.csv`));
  expect(keys).toEqual(['private/alice/datasets/a.csv']);
});

test('the bucket root grants nothing: a job handed it is refused instead of reading every dataset', async () => {
  await expect(keysAt(env.s3, parseS3Uri(`s3://${testBucket}`), 'inputs.train')).rejects.toThrow(
    'inputs.train: names the whole bucket',
  );
});
