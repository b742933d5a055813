// datasets.list over all scopes, one page of 25, for a user with 1,000 memberships (900 projects,
// 100 groups each linked to one more project; a quarter hold datasets) against a user with 50 of
// the same shape, who sees full pages too, and a fresh user with none (an empty page, for scale).
// Run on the built stack: npx tsx bench/dataset-list-memberships.ts [--calls 200]
// Target: the busy user's p50 within 2x the 50-membership user's: a page of the same size costs
// the same whatever the number of memberships behind it (ADR 011).
import { apiClient } from './lib/api-client.mjs';
import { seedMemberships, stackDb } from './lib/seed-memberships';
import { percentile, signIn, startServer } from './lib/stack.mjs';

const callsFlag = process.argv.indexOf('--calls');
const calls = callsFlag > 0 ? Number(process.argv[callsFlag + 1]) : 200;

async function measure(api: ReturnType<typeof apiClient>, label: string, expectAtLeast: number) {
  const first = performance.now();
  const firstPage = await api.query('datasets.list', { scope: 'all', limit: 25 });
  const firstMs = performance.now() - first;
  if (firstPage.items.length < expectAtLeast)
    throw new Error(
      `${label}: listed ${firstPage.items.length} datasets, expected ${expectAtLeast}`,
    );
  const timings: number[] = [];
  let cursor: string | null = null;
  for (let call = 0; call < calls; call += 1) {
    const started = performance.now();
    // Alternate first pages and following pages, as a user paging through the list does.
    const page = await api.query('datasets.list', { scope: 'all', limit: 25, cursor });
    timings.push(performance.now() - started);
    cursor = page.cursor;
  }
  timings.sort((a, b) => a - b);
  console.log(
    `datasets.list, ${label}: first call ${firstMs.toFixed(0)} ms; then p50 ${percentile(timings, 50).toFixed(1)} ms   p99 ${percentile(timings, 99).toFixed(1)} ms over ${calls} pages`,
  );
  return percentile(timings, 50);
}

const server = await startServer();
try {
  const [busy, small, fresh] = [
    apiClient(server.url, await signIn(server.url, 'alice')),
    apiClient(server.url, await signIn(server.url, 'carol')),
    apiClient(server.url, await signIn(server.url, 'bob')),
  ];
  const seeding = performance.now();
  const shape = { projects: 900, groups: 100, datasetsEvery: 4 };
  await seedMemberships(stackDb(server.dynamoDbEndpoint), 'alice', shape, 'b');
  console.log(
    `  seeded alice into ${shape.projects} projects and ${shape.groups} groups in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );
  await seedMemberships(
    stackDb(server.dynamoDbEndpoint),
    'carol',
    { projects: 45, groups: 5, datasetsEvery: 4 },
    'c',
  );
  await measure(fresh, 'fresh user (0 memberships, empty pages)', 0);
  const smallP50 = await measure(small, 'user with 50 memberships', 25);
  const busyP50 = await measure(busy, 'user with 1,000 memberships', 25);
  console.log(
    `  p50 ratio (1,000 memberships / 50): ${(busyP50 / smallP50).toFixed(1)}   target <= 2`,
  );
} finally {
  await server.stop();
}
