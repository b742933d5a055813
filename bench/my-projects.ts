// Benchmark: "my projects" (db.projects.listForUser) latency at two data sizes.
// Run: npx tsx bench/my-projects.ts [scale]   (scale = the larger size as a multiple of the base, default 10)
// Targets: p50 <= 10 ms, p99 <= 30 ms, p50 ratio (large / base) <= 1.3. It prints figures; it is not a test.
import { performance } from 'node:perf_hooks';

import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

import {
  createDb,
  createDocumentClient,
  createTableIfMissing,
  localDynamoDbConfig,
} from '@mlspace/db';
import { findFreePort, startDynamoDbLocal } from '@mlspace/local';

import { createModel } from '../packages/db/src/model';

const base = { users: 10_000, projects: 2_000, memberships: 50_000 };
const calls = 400;
const concurrency = 8;
const writers = 16;

type Model = ReturnType<typeof createModel>;
type Item = Record<string, unknown>;

/** Deterministic pseudo-random numbers so both sizes see the same shape of data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function* items(model: Model, size: typeof base): Generator<Item> {
  const { user, project, projectMember, group, groupMember } = model.entities;
  const at = new Date().toISOString();
  const next = random(42);
  for (let index = 0; index < size.users; index++) {
    const username = `u${index}`;
    yield user
      .put({
        username,
        email: `${username}@example.com`,
        displayName: username,
        searchText: username,
        isAdmin: false,
        suspended: false,
        preferences: {},
        createdAt: at,
        updatedAt: at,
      })
      .params().Item;
  }
  for (let index = 0; index < size.projects; index++) {
    const name = `p${index}`;
    yield project
      .put({
        name,
        description: '',
        searchText: name,
        suspended: index % 50 === 0,
        ownerCount: 1,
        createdBy: 'u0',
        createdAt: at,
        updatedAt: at,
      })
      .params().Item;
  }
  // Random memberships for everyone else; pairs are unique by construction (project-major walk).
  const perProject = Math.floor(size.memberships / size.projects);
  for (let projectIndex = 0; projectIndex < size.projects; projectIndex++) {
    const start = Math.floor(next() * size.users);
    for (let offset = 0; offset < perProject; offset++) {
      const userIndex = (start + offset * 7919) % size.users;
      if (userIndex === 0) continue;
      yield projectMember
        .put({
          project: `p${projectIndex}`,
          principalType: 'user',
          principalId: `u${userIndex}`,
          role: offset === 0 ? 'owner' : 'member',
          addedBy: 'u0',
          addedAt: at,
          updatedAt: at,
        })
        .params().Item;
    }
  }
  // The measured user, u0: 15 direct projects and 5 more through two groups (one overlapping).
  for (let index = 0; index < 15; index++) {
    yield projectMember
      .put({
        project: `p${index * 37 + 1}`,
        principalType: 'user',
        principalId: 'u0',
        role: index % 3 === 0 ? 'owner' : 'member',
        addedBy: 'u0',
        addedAt: at,
        updatedAt: at,
      })
      .params().Item;
  }
  for (const [groupIndex, projects] of [
    [0, [1001, 1002, 1003]],
    [1, [1004, 1005, 1]],
  ] as const) {
    const name = `g${groupIndex}`;
    yield group
      .put({ name, description: '', memberCount: 1, createdBy: 'u0', createdAt: at, updatedAt: at })
      .params().Item;
    yield groupMember.put({ group: name, username: 'u0', addedBy: 'u0', addedAt: at }).params()
      .Item;
    for (const projectIndex of projects) {
      yield projectMember
        .put({
          project: `p${projectIndex}`,
          principalType: 'group',
          principalId: name,
          role: 'owner',
          addedBy: 'u0',
          addedAt: at,
          updatedAt: at,
        })
        .params().Item;
    }
  }
}

async function writeBatch(
  client: DynamoDBDocumentClient,
  table: string,
  batch: Item[],
): Promise<void> {
  let requests = batch.map((Item) => ({ PutRequest: { Item } }));
  while (requests.length > 0) {
    const result = await client.send(
      new BatchWriteCommand({ RequestItems: { [table]: requests } }),
    );
    requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
  }
}

async function seed(
  client: DynamoDBDocumentClient,
  table: string,
  size: typeof base,
): Promise<number> {
  const source = items(createModel(client, table), size);
  let count = 0;
  async function writer() {
    for (;;) {
      const batch: Item[] = [];
      // next() rather than for-of: breaking a for-of would close the generator shared by all writers.
      while (batch.length < 25) {
        const next = source.next();
        if (next.done) break;
        batch.push(next.value);
      }
      if (batch.length === 0) return;
      count += batch.length;
      await writeBatch(client, table, batch);
    }
  }
  await Promise.all(Array.from({ length: writers }, writer));
  return count;
}

function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
  );
}

async function measure(
  db: ReturnType<typeof createDb>,
): Promise<{ p50: number; p99: number; projects: number }> {
  const first = await db.projects.listForUser('u0', { limit: 100 });
  for (let index = 0; index < 40; index++) await db.projects.listForUser('u0', { limit: 100 }); // warm-up
  const latencies: number[] = [];
  let remaining = calls;
  async function worker() {
    while (remaining-- > 0) {
      const start = performance.now();
      await db.projects.listForUser('u0', { limit: 100 });
      latencies.push(performance.now() - start);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    projects: first.items.length,
  };
}

async function run(endpoint: string, label: string, size: typeof base) {
  const config = localDynamoDbConfig(endpoint);
  const table = `bench-${label}`;
  await createTableIfMissing(new DynamoDBClient(config), table);
  const client = createDocumentClient(config);
  const started = performance.now();
  const written = await seed(client, table, size);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label}: seeded ${size.users} users, ${size.projects} projects, ~${size.memberships} memberships ` +
      `(${written} items) in ${seconds.toFixed(1)} s (${Math.round(written / seconds)} items/s)`,
  );
  const result = await measure(createDb({ client, tableName: table }));
  console.log(
    `${label}: listForUser over ${result.projects} projects, ${calls} calls at concurrency ${concurrency}: ` +
      `p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms`,
  );
  return result;
}

const scale = Number(process.argv[2] ?? 10);
const dynamo = await startDynamoDbLocal({ port: await findFreePort() });
try {
  const small = await run(dynamo.endpoint, 'base', base);
  const large = await run(dynamo.endpoint, `x${scale}`, {
    users: base.users * scale,
    projects: base.projects * scale,
    memberships: base.memberships * scale,
  });
  console.log(
    `ratio x${scale}/base: p50 ${(large.p50 / small.p50).toFixed(2)}, p99 ${(large.p99 / small.p99).toFixed(2)} ` +
      `(targets: p50 <= 10 ms, p99 <= 30 ms, ratio <= 1.3)`,
  );
} finally {
  await dynamo.stop();
}
