import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, expect, test } from 'vitest';

import { findFreePort } from './processes';
import { localS3ClientConfig, startLocalS3, type LocalS3 } from './s3';

const portalOrigin = 'http://localhost:3000';
const bucket = 'mlspace-data';
let dataDir: string;
let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'mlspace-s3-'));
  s3 = await startLocalS3({
    port: await findFreePort(),
    dataDir,
    buckets: [bucket],
    corsOrigins: [portalOrigin],
  });
  client = new S3Client(localS3ClientConfig(s3.endpoint));
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('objects put into a configured bucket are listed page by page', async () => {
  for (const name of ['a', 'b', 'c', 'd', 'e']) {
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: `paged/${name}.txt`, Body: name }),
    );
  }
  const keys: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: 'paged/',
        MaxKeys: 2,
        ContinuationToken: token,
      }),
    );
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    token = page.NextContinuationToken;
    pages += 1;
  } while (token);
  expect(pages).toBe(3);
  expect(keys).toEqual(['paged/a.txt', 'paged/b.txt', 'paged/c.txt', 'paged/d.txt', 'paged/e.txt']);
});

test('a browser upload with a presigned PUT from the portal origin gets CORS headers and the ETag', async () => {
  const url = await getSignedUrl(
    client,
    new PutObjectCommand({ Bucket: bucket, Key: 'uploads/hello.txt' }),
    {
      expiresIn: 300,
    },
  );
  const preflight = await fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin: portalOrigin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type',
    },
  });
  expect(preflight.status).toBe(200);
  // s3rver answers preflights with `*` (browsers accept it for uploads without credentials).
  expect(['*', portalOrigin]).toContain(preflight.headers.get('access-control-allow-origin'));
  expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');

  const upload = await fetch(url, {
    method: 'PUT',
    headers: { origin: portalOrigin, 'content-type': 'text/plain' },
    body: 'hello',
  });
  expect(upload.status).toBe(200);
  expect(upload.headers.get('access-control-allow-origin')).toBe(portalOrigin);
  expect(upload.headers.get('access-control-expose-headers')).toContain('ETag');
  expect(upload.headers.get('etag')).toBeTruthy();
});

test('a preflight from another origin is refused', async () => {
  const url = await getSignedUrl(
    client,
    new PutObjectCommand({ Bucket: bucket, Key: 'uploads/other.txt' }),
  );
  const preflight = await fetch(url, {
    method: 'OPTIONS',
    headers: { origin: 'http://evil.example', 'access-control-request-method': 'PUT' },
  });
  expect(preflight.status).toBe(403);
});

test('stopping and starting again keeps buckets and objects', async () => {
  const port = await findFreePort();
  const again = await startLocalS3({
    port,
    dataDir: path.join(dataDir, 'restart'),
    buckets: ['keep-me'],
    corsOrigins: [],
  });
  const restartClient = new S3Client(localS3ClientConfig(again.endpoint));
  await restartClient.send(new PutObjectCommand({ Bucket: 'keep-me', Key: 'x', Body: 'x' }));
  await again.stop();
  const third = await startLocalS3({
    port,
    dataDir: path.join(dataDir, 'restart'),
    buckets: ['keep-me'],
    corsOrigins: [],
  });
  try {
    const listed = await restartClient.send(new ListObjectsV2Command({ Bucket: 'keep-me' }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual(['x']);
  } finally {
    restartClient.destroy();
    await third.stop();
  }
});
