import { S3Client } from '@aws-sdk/client-s3';
import { expect, test } from 'vitest';

import { createDataBucketStorage } from './data-bucket-storage';
import { lazyDataBucketStorage } from './lazy-storage';

const client = new S3Client({
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:4568',
  forcePathStyle: true,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});
const options = { bucket: 'mlspace-data', region: 'us-east-1', client };

test('what needs no S3 (bucket, object URI, report key) answers at once, as the S3 adapters do', () => {
  const lazy = lazyDataBucketStorage(options);
  const loaded = createDataBucketStorage(options);

  expect(lazy.datasetStorage.bucket).toBe(loaded.datasetStorage.bucket);
  expect(lazy.datasetStorage.uri('global/datasets/d1/a.csv')).toBe(
    loaded.datasetStorage.uri('global/datasets/d1/a.csv'),
  );
  expect(lazy.reportStorage.keyFor('resources-2026.csv')).toBe(
    loaded.reportStorage.keyFor('resources-2026.csv'),
  );
});

test('calls reach the loaded adapters with every argument, and give their answers', async () => {
  const lazy = lazyDataBucketStorage(options);

  const part = new URL(
    await lazy.datasetStorage.presignPart('global/datasets/d1/big.bin', 'upload-1', 3),
  );
  expect(part.pathname).toBe('/mlspace-data/global/datasets/d1/big.bin');
  expect(part.searchParams.get('uploadId')).toBe('upload-1');
  expect(part.searchParams.get('partNumber')).toBe('3');

  const report = new URL(await lazy.reportStorage.presignGet('reports/r.csv', 'r.csv'));
  expect(report.pathname).toBe('/mlspace-data/reports/r.csv');
  expect(report.searchParams.get('X-Amz-Expires')).toBe('120');
  expect(report.searchParams.get('response-content-disposition')).toBe(
    'attachment; filename="r.csv"',
  );
});
