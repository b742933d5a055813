import { S3Client } from '@aws-sdk/client-s3';
import { expect, test } from 'vitest';

import { createDatasetStorage } from './dataset-storage';

const client = new S3Client({
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:4568',
  forcePathStyle: true,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const storage = createDatasetStorage({ client, bucket: 'mlspace-data' });

test('a presigned upload URL targets the exact key, is signed and expires after an hour', async () => {
  const url = new URL(await storage.presignPut('global/datasets/d1/a b/c.csv'));

  expect(url.pathname).toBe('/mlspace-data/global/datasets/d1/a%20b/c.csv');
  expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
  expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
});

test('a presigned part URL carries the upload id and part number', async () => {
  const url = new URL(await storage.presignPart('global/datasets/d1/big.bin', 'upload-1', 3));

  expect(url.searchParams.get('uploadId')).toBe('upload-1');
  expect(url.searchParams.get('partNumber')).toBe('3');
});

test('a download URL asks the browser to save under the file name', async () => {
  const url = new URL(
    await storage.presignGet('private/alice/datasets/d/x/report é.pdf', 'report é.pdf'),
  );

  expect(url.searchParams.get('response-content-disposition')).toBe(
    "attachment; filename*=UTF-8''report%20%C3%A9.pdf",
  );
});

test('S3 URIs name the bucket and key', () => {
  expect(storage.uri('global/datasets/d1/a.csv')).toBe(
    's3://mlspace-data/global/datasets/d1/a.csv',
  );
});
