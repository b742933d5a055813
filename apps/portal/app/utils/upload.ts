/**
 * Browser uploads straight to storage: one presigned PUT for small files, or a multipart upload
 * whose parts go up in parallel, each retried (3 tries, backing off) with a freshly presigned
 * URL. The API calls are injected so this runs the same in the portal, the benchmark and tests.
 */

export type StartedUpload =
  | { mode: 'single'; key: string; url: string }
  | { mode: 'multipart'; key: string; uploadId: string; partSize: number; partCount: number };

export interface UploadApi {
  start(fileName: string, size: number): Promise<StartedUpload>;
  presignParts(
    key: string,
    uploadId: string,
    partNumbers: number[],
  ): Promise<{ partNumber: number; url: string }[]>;
  complete(
    key: string,
    uploadId: string,
    parts: { partNumber: number; etag: string }[],
  ): Promise<unknown>;
  abort(key: string, uploadId: string): Promise<unknown>;
}

/** Sends one body with PUT and reports bytes sent; resolves with the ETag S3 returned. */
export type PutBody = (
  url: string,
  body: Blob,
  onProgress: (sent: number) => void,
) => Promise<string>;

export interface UploadOptions {
  api: UploadApi;
  put: PutBody;
  file: Blob;
  fileName: string;
  onProgress: (uploaded: number) => void;
  tries?: number;
  concurrency?: number;
  /** Waits before retry `attempt` (1-based); injectable so tests need not sleep. */
  backoff?: (attempt: number) => Promise<void>;
}

const defaultBackoff = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, 500 * 2 ** (attempt - 1)));

async function withRetries<T>(
  tries: number,
  backoff: (attempt: number) => Promise<void>,
  run: (attempt: number) => Promise<T>,
): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= tries; attempt += 1) {
    try {
      return await run(attempt);
    } catch (error) {
      lastError = error;
      if (attempt < tries) await backoff(attempt);
    }
  }
  throw lastError;
}

export async function uploadFile(options: UploadOptions): Promise<void> {
  const { api, put, file, fileName, onProgress } = options;
  const tries = options.tries ?? 3;
  const backoff = options.backoff ?? defaultBackoff;
  const started = await api.start(fileName, file.size);
  if (started.mode === 'single') {
    await withRetries(tries, backoff, () => put(started.url, file, onProgress));
    onProgress(file.size);
    return;
  }
  const multipart = started;

  const sent = new Map<number, number>();
  const report = () => onProgress([...sent.values()].reduce((sum, value) => sum + value, 0));
  const partNumbers = Array.from({ length: multipart.partCount }, (_, index) => index + 1);
  const etags = new Map<number, string>();
  let next = 0;

  async function uploadPart(partNumber: number): Promise<void> {
    const body = file.slice(
      (partNumber - 1) * multipart.partSize,
      Math.min(file.size, partNumber * multipart.partSize),
    );
    const etag = await withRetries(tries, backoff, async () => {
      sent.set(partNumber, 0);
      report();
      // A retry presigns again: the first URL may be the reason it failed (expired, or a proxy error).
      const [presigned] = await api.presignParts(multipart.key, multipart.uploadId, [partNumber]);
      if (!presigned) throw new Error(`No URL for part ${partNumber}`);
      return put(presigned.url, body, (value) => {
        sent.set(partNumber, value);
        report();
      });
    });
    sent.set(partNumber, body.size);
    report();
    etags.set(partNumber, etag);
  }

  async function worker(): Promise<void> {
    while (next < partNumbers.length) {
      const partNumber = partNumbers[next] ?? 0;
      next += 1;
      await uploadPart(partNumber);
    }
  }

  try {
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency ?? 4, partNumbers.length) }, worker),
    );
    await api.complete(
      multipart.key,
      multipart.uploadId,
      partNumbers.map((partNumber) => ({ partNumber, etag: etags.get(partNumber) ?? '' })),
    );
  } catch (error) {
    await api.abort(multipart.key, multipart.uploadId).catch(() => undefined);
    throw error;
  }
}

/** PUT with XMLHttpRequest, the only browser API that reports upload progress. */
export const xhrPut: PutBody = (url, body, onProgress) =>
  new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      if (request.status >= 200 && request.status < 300)
        resolve(request.getResponseHeader('ETag') ?? '');
      else reject(new Error(`Storage answered ${request.status} ${request.statusText}`.trim()));
    };
    request.onerror = () => reject(new Error('The upload failed: storage could not be reached'));
    request.send(body);
  });

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
