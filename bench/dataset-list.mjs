// Listing a dataset of 10,000 files on the local stack: seeds the files through presigned PUTs,
// then walks every page of datasets.files (S3 continuation tokens) and prints p50/p95 per page.
// Target: p50 <= 50 ms per page.
import { apiClient } from './lib/api-client.mjs';
import { percentile, signIn, startServer } from './lib/stack.mjs';

const fileCount = Number(process.env.FILE_COUNT ?? 10_000);
const pageSizes = [100, 1000];
const server = await startServer();
try {
  const api = apiClient(server.url, await signIn(server.url, 'admin'));
  const name = `bench-list-${Date.now().toString(36)}`;
  await api.mutate('datasets.create', {
    scope: 'global',
    name,
    type: 'tabular',
    description: 'listing benchmark',
  });
  const ref = { scope: 'global', name };

  const seeding = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < fileCount) {
        const index = next;
        next += 1;
        const fileName = `shard-${String(index % 100).padStart(3, '0')}/part-${String(index).padStart(5, '0')}.csv`;
        const upload = await api.mutate('datasets.startUpload', { ref, fileName, size: 16 });
        const response = await fetch(upload.url, { method: 'PUT', body: 'a,b\n1,2\n3,4\n5,6\n' });
        if (!response.ok) throw new Error(`PUT returned ${response.status}`);
      }
    }),
  );
  console.log(
    `  seeded ${fileCount} files in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );

  for (const limit of pageSizes) {
    const timings = [];
    let seen = 0;
    for (let walk = 0; walk < 3; walk += 1) {
      let cursor = null;
      seen = 0;
      do {
        const started = performance.now();
        const page = await api.query('datasets.files', { ref, cursor, limit });
        timings.push(performance.now() - started);
        seen += page.items.length;
        cursor = page.cursor;
      } while (cursor);
    }
    if (seen !== fileCount) throw new Error(`listed ${seen} files, expected ${fileCount}`);
    timings.sort((a, b) => a - b);
    console.log(
      `dataset files, ${fileCount} files, pages of ${limit} (${timings.length} pages over 3 walks): p50 ${percentile(timings, 50).toFixed(1)} ms   p95 ${percentile(timings, 95).toFixed(1)} ms   target p50 <= 50 ms`,
    );
  }
} finally {
  await server.stop();
}
