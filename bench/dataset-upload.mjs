// Upload of a 200 MB file through the portal's multipart path on the local stack: the same API
// procedures the browser calls (startUpload, presignParts, completeUpload), parts PUT straight to
// s3rver with presigned URLs, 4 parts in flight as in the portal. Prints MB/s.
import { apiClient } from './lib/api-client.mjs';
import { signIn, startServer } from './lib/stack.mjs';

const sizeMB = Number(process.env.UPLOAD_MB ?? 200);
const concurrency = 4;
const server = await startServer();
try {
  const api = apiClient(server.url, await signIn(server.url, 'admin'));
  const name = `bench-upload-${Date.now().toString(36)}`;
  await api.mutate('datasets.create', {
    scope: 'global',
    name,
    type: 'other',
    description: 'upload benchmark',
  });
  const ref = { scope: 'global', name };
  const size = sizeMB * 1024 * 1024;
  const file = Buffer.alloc(size);
  for (let offset = 0; offset < size; offset += 4096) file[offset] = offset % 251;

  const runs = [];
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    const upload = await api.mutate('datasets.startUpload', {
      ref,
      fileName: `big-${run}.bin`,
      size,
    });
    if (upload.mode !== 'multipart') throw new Error('expected a multipart upload');
    const etags = new Map();
    let next = 1;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next <= upload.partCount) {
          const partNumber = next;
          next += 1;
          const { urls } = await api.mutate('datasets.presignParts', {
            ref,
            key: upload.key,
            uploadId: upload.uploadId,
            partNumbers: [partNumber],
          });
          const body = file.subarray(
            (partNumber - 1) * upload.partSize,
            Math.min(size, partNumber * upload.partSize),
          );
          const response = await fetch(urls[0].url, { method: 'PUT', body });
          if (!response.ok) throw new Error(`part ${partNumber} returned ${response.status}`);
          etags.set(partNumber, response.headers.get('etag'));
        }
      }),
    );
    const parts = [...etags].map(([partNumber, etag]) => ({ partNumber, etag }));
    await api.mutate('datasets.completeUpload', {
      ref,
      key: upload.key,
      uploadId: upload.uploadId,
      parts,
    });
    const seconds = (performance.now() - started) / 1000;
    runs.push(sizeMB / seconds);
    console.log(
      `  run ${run + 1}: ${sizeMB} MB in ${upload.partCount} parts of ${upload.partSize / 1024 / 1024} MB: ${seconds.toFixed(2)} s = ${(sizeMB / seconds).toFixed(1)} MB/s`,
    );
  }
  const listed = await api.query('datasets.files', { ref, limit: 10 });
  if (!listed.items.every((item) => item.size === size))
    throw new Error('an uploaded file has the wrong size');
  runs.sort((a, b) => a - b);
  console.log(
    `dataset upload, ${sizeMB} MB multipart through presigned URLs to s3rver: median ${runs[1].toFixed(1)} MB/s`,
  );
} finally {
  await server.stop();
}
