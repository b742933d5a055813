/**
 * Folder uploads and downloads for a dataset, through the same procedures and storage path as
 * the portal's uploader: `startUpload` gives one presigned PUT for a file under 16 MB, or a
 * multipart upload whose parts are presigned (`presignParts`), sent in parallel, each retried with
 * a fresh URL, then `completeUpload` (or `abortUpload` after a failure). Files never pass
 * through the API. Both directions resume: a file whose size and ETag already match is skipped.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

import type { RouterInputs, RouterOutputs } from '@mlspace/api';

import type { MlspaceClient } from './client';
import { MlspaceError } from './errors';
import { localEtags } from './file-etag';

export type DatasetRef = RouterInputs['datasets']['get'];
export type DatasetFile = RouterOutputs['datasets']['files']['items'][number];

export interface TransferProgress {
  /** Bytes sent or received so far, skipped files included. */
  doneBytes: number;
  totalBytes: number;
  filesDone: number;
  filesTotal: number;
  /** The file that just moved on, as a path inside the dataset. */
  file: string;
}

export interface TransferOptions {
  onProgress?: (progress: TransferProgress) => void;
  /** Files moved at once (parts of one file go four at a time within that). */
  concurrency?: number;
  /** Tries per PUT or GET against storage; each retry gets a fresh presigned URL. */
  tries?: number;
}

export interface TransferResult {
  transferred: string[];
  /** Already there with the same size and content. */
  skipped: string[];
}

/** Every file of the dataset, page by page. */
export async function listDatasetFiles(
  client: MlspaceClient,
  ref: DatasetRef,
): Promise<DatasetFile[]> {
  const files: DatasetFile[] = [];
  let cursor: string | null = null;
  do {
    const page: RouterOutputs['datasets']['files'] = await client.api.datasets.files.query({
      ref,
      cursor,
      limit: 1000,
    });
    files.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return files;
}

/** Files under `folder`, as dataset paths with `/` separators, in a stable order. */
async function localFiles(folder: string): Promise<{ name: string; file: string; size: number }[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const file = path.join(entry.parentPath, entry.name);
        const name = path.relative(folder, file).split(path.sep).join('/');
        return { name, file, size: (await stat(file)).size };
      }),
  );
  return files.sort((a, b) => a.name.localeCompare(b.name));
}

async function isSameFile(
  file: string,
  size: number,
  remote: DatasetFile | undefined,
): Promise<boolean> {
  if (!remote || remote.size !== size) return false;
  // Storage that gives no ETag leaves size as the only evidence.
  if (!remote.etag) return true;
  return (await localEtags(file, size)).includes(remote.etag);
}

async function withTries<T>(tries: number, run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
    }
  }
}

async function putToStorage(fetchImpl: typeof fetch, url: string, body: Buffer): Promise<string> {
  const response = await fetchImpl(url, { method: 'PUT', body });
  await response.arrayBuffer();
  if (!response.ok)
    throw new MlspaceError(
      `Storage refused the upload (${response.status} ${response.statusText})`,
      'STORAGE_ERROR',
      response.status,
    );
  return response.headers.get('etag') ?? '';
}

async function readRange(file: string, start: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function uploadOne(
  client: MlspaceClient,
  ref: DatasetRef,
  local: { name: string; file: string; size: number },
  tries: number,
  onBytes: (bytes: number) => void,
): Promise<void> {
  const datasets = client.api.datasets;
  const started = await datasets.startUpload.mutate({
    ref,
    fileName: local.name,
    size: local.size,
  });
  if (started.mode === 'single') {
    const body = await readRange(local.file, 0, local.size);
    await withTries(tries, () => putToStorage(client.fetch, started.url, body));
    onBytes(local.size);
    return;
  }
  const { key, uploadId, partSize, partCount } = started;
  const etags = new Map<number, string>();
  let next = 1;
  const sendParts = async () => {
    for (let partNumber = next++; partNumber <= partCount; partNumber = next++) {
      const body = await readRange(local.file, (partNumber - 1) * partSize, partSize);
      const etag = await withTries(tries, async () => {
        // A retry presigns again: the first URL may be why it failed (expired, a proxy's error).
        const { urls } = await datasets.presignParts.mutate({
          ref,
          key,
          uploadId,
          partNumbers: [partNumber],
        });
        const url = urls[0]?.url;
        if (!url)
          throw new MlspaceError(
            `No upload URL for part ${partNumber}`,
            'STORAGE_ERROR',
            undefined,
          );
        return putToStorage(client.fetch, url, body);
      });
      etags.set(partNumber, etag);
      onBytes(body.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(4, partCount) }, sendParts));
    await datasets.completeUpload.mutate({
      ref,
      key,
      uploadId,
      parts: Array.from({ length: partCount }, (_, index) => ({
        partNumber: index + 1,
        etag: etags.get(index + 1) ?? '',
      })),
    });
  } catch (error) {
    await datasets.abortUpload.mutate({ ref, key, uploadId }).catch(() => undefined);
    throw error;
  }
}

/** Runs `work` over `items`, `concurrency` at a time; the first failure ends it after running work settles. */
async function eachLimited<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  let failure: { error: unknown } | null = null;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, async () => {
      for (let item = queue.shift(); item !== undefined && !failure; item = queue.shift()) {
        try {
          await work(item);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw (failure as { error: unknown }).error;
}

/**
 * Uploads every file under `folder` into the dataset, keeping relative paths. Files already in
 * the dataset with the same size and content are skipped, so running it again after an
 * interruption sends only what is missing.
 */
export async function uploadFolder(
  client: MlspaceClient,
  ref: DatasetRef,
  folder: string,
  options: TransferOptions = {},
): Promise<TransferResult> {
  const [locals, remotes] = await Promise.all([localFiles(folder), listDatasetFiles(client, ref)]);
  const remoteByName = new Map(remotes.map((remote) => [remote.name, remote]));
  const progress = {
    doneBytes: 0,
    totalBytes: locals.reduce((sum, local) => sum + local.size, 0),
    filesDone: 0,
    filesTotal: locals.length,
  };
  const result: TransferResult = { transferred: [], skipped: [] };
  await eachLimited(locals, options.concurrency ?? 3, async (local) => {
    const report = () => options.onProgress?.({ ...progress, file: local.name });
    if (await isSameFile(local.file, local.size, remoteByName.get(local.name))) {
      result.skipped.push(local.name);
      progress.doneBytes += local.size;
    } else {
      await uploadOne(client, ref, local, options.tries ?? 3, (bytes) => {
        progress.doneBytes += bytes;
        report();
      });
      result.transferred.push(local.name);
    }
    progress.filesDone += 1;
    report();
  });
  return result;
}

/** The local path of a dataset file, refusing names that would land outside the folder. */
function localPathOf(folder: string, name: string): string {
  const target = path.resolve(folder, ...name.split('/'));
  if (!target.startsWith(path.resolve(folder) + path.sep))
    throw new MlspaceError(
      `The dataset file ${name} would be written outside ${folder}`,
      'BAD_REQUEST',
      undefined,
    );
  return target;
}

async function localSize(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch {
    return null;
  }
}

/**
 * Downloads every file of the dataset into `folder`. A file is written to `<name>.mlspace-part`
 * and renamed when complete, so an interrupted download never leaves a file that looks whole;
 * files already there with the same size and content are skipped.
 */
export async function downloadDataset(
  client: MlspaceClient,
  ref: DatasetRef,
  folder: string,
  options: TransferOptions = {},
): Promise<TransferResult> {
  const remotes = await listDatasetFiles(client, ref);
  const progress = {
    doneBytes: 0,
    totalBytes: remotes.reduce((sum, remote) => sum + remote.size, 0),
    filesDone: 0,
    filesTotal: remotes.length,
  };
  const result: TransferResult = { transferred: [], skipped: [] };
  await eachLimited(remotes, options.concurrency ?? 3, async (remote) => {
    const target = localPathOf(folder, remote.name);
    const report = () => options.onProgress?.({ ...progress, file: remote.name });
    const size = await localSize(target);
    if (size !== null && (await isSameFile(target, size, remote))) {
      result.skipped.push(remote.name);
      progress.doneBytes += remote.size;
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      const partial = `${target}.mlspace-part`;
      let received = 0;
      await withTries(options.tries ?? 3, async () => {
        progress.doneBytes -= received;
        received = 0;
        const { url } = await client.api.datasets.downloadUrl.mutate({
          ref,
          fileName: remote.name,
        });
        const response = await client.fetch(url);
        if (!response.ok || !response.body)
          throw new MlspaceError(
            `Storage refused the download of ${remote.name} (${response.status})`,
            'STORAGE_ERROR',
            response.status,
          );
        const counted = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
        counted.on('data', (chunk: Buffer) => {
          received += chunk.length;
          progress.doneBytes += chunk.length;
          report();
        });
        await pipeline(counted, createWriteStream(partial));
      });
      await rename(partial, target);
      result.transferred.push(remote.name);
    }
    progress.filesDone += 1;
    report();
  });
  return result;
}
