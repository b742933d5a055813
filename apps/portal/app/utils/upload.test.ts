import { expect, test } from 'vitest';

import { uploadFile, type PutBody, type UploadApi } from './upload';

const MB = 1024 * 1024;

function fakeApi(size: number, partSize = 16 * MB) {
  const calls: string[] = [];
  const api: UploadApi = {
    start: async () =>
      size < 16 * MB
        ? { mode: 'single', key: 'k', url: 'single-url' }
        : {
            mode: 'multipart',
            key: 'k',
            uploadId: 'u',
            partSize,
            partCount: Math.ceil(size / partSize),
          },
    presignParts: async (_key, _id, numbers) =>
      numbers.map((partNumber) => ({ partNumber, url: `part-${partNumber}` })),
    complete: async (_key, _id, parts) =>
      calls.push(`complete ${parts.map((part) => `${part.partNumber}:${part.etag}`).join(',')}`),
    abort: async () => calls.push('abort'),
  };
  return { api, calls };
}

const noWait = async () => undefined;

test('a small file goes up in one PUT and reports its full size', async () => {
  const { api } = fakeApi(10);
  const progress: number[] = [];
  const put: PutBody = async (url, body, onProgress) => {
    onProgress(body.size);
    return url;
  };

  await uploadFile({
    api,
    put,
    file: new Blob(['0123456789']),
    fileName: 'a.txt',
    onProgress: (value) => progress.push(value),
    backoff: noWait,
  });

  expect(progress.at(-1)).toBe(10);
});

test('a large file goes up in parts, completed in order with their ETags', async () => {
  const size = 40 * MB;
  const { api, calls } = fakeApi(size);
  const put: PutBody = async (url, body, onProgress) => {
    onProgress(body.size);
    return `"${url}"`;
  };
  let last = 0;

  await uploadFile({
    api,
    put,
    file: new Blob([new Uint8Array(size)]),
    fileName: 'big',
    onProgress: (value) => (last = value),
    backoff: noWait,
  });

  expect(calls).toEqual(['complete 1:"part-1",2:"part-2",3:"part-3"']);
  expect(last).toBe(size);
});

test('a failed part is retried with a fresh URL and the upload still completes', async () => {
  const { api, calls } = fakeApi(20 * MB);
  const attempts = new Map<string, number>();
  const put: PutBody = async (url) => {
    attempts.set(url, (attempts.get(url) ?? 0) + 1);
    if (url === 'part-2' && (attempts.get(url) ?? 0) < 3) throw new Error('network');
    return url;
  };

  await uploadFile({
    api,
    put,
    file: new Blob([new Uint8Array(20 * MB)]),
    fileName: 'big',
    onProgress: () => undefined,
    backoff: noWait,
  });

  expect(attempts.get('part-2')).toBe(3);
  expect(calls).toEqual(['complete 1:part-1,2:part-2']);
});

test('a part that fails three times aborts the upload', async () => {
  const { api, calls } = fakeApi(20 * MB);
  const put: PutBody = async (url) => {
    if (url === 'part-1') throw new Error('storage is down');
    return url;
  };

  await expect(
    uploadFile({
      api,
      put,
      file: new Blob([new Uint8Array(20 * MB)]),
      fileName: 'big',
      onProgress: () => undefined,
      backoff: noWait,
    }),
  ).rejects.toThrow('storage is down');
  expect(calls).toEqual(['abort']);
});
