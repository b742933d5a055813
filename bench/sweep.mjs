// Benchmarks for cost controls, on DynamoDB Local in memory:
//  1. the sweep over 100,000 scheduled resources of which 100 are due (query + dispatch, no-op
//     backend actions); target <= 200 ms;
//  2. report generation (all resources across projects to CSV) for 50,000 resources, rows per second.
// Run: npx tsx bench/sweep.mjs   (tsx, because it imports the TypeScript sources directly)
import { performance } from 'node:perf_hooks';

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';

import {
  createDb,
  createDocumentClient,
  createTableIfMissing,
  localDynamoDbConfig,
} from '@mlspace/db';
import { findFreePort, startDynamoDbLocal } from '@mlspace/local';

import { createSweep } from '../apps/api/src/jobs/sweep';
import { buildReportCsv } from '../apps/api/src/services/reports';
import { createModel } from '../packages/db/src/model';

const kinds = [
  'notebook',
  'trainingJob',
  'hpoJob',
  'transformJob',
  'model',
  'endpointConfig',
  'endpoint',
];

async function writeAll(client, table, source, writers = 16) {
  let count = 0;
  async function writer() {
    for (;;) {
      const batch = [];
      while (batch.length < 25) {
        const next = source.next();
        if (next.done) break;
        batch.push({ PutRequest: { Item: next.value } });
      }
      if (batch.length === 0) return;
      count += batch.length;
      let requests = batch;
      while (requests.length > 0) {
        const result = await client.send(
          new BatchWriteCommand({ RequestItems: { [table]: requests } }),
        );
        requests = result.UnprocessedItems?.[table] ?? [];
      }
    }
  }
  await Promise.all(Array.from({ length: writers }, writer));
  return count;
}

function resourceItem(model, { kind, name, project, owner, at, dueAt }) {
  return model.entities.resource
    .put({
      kind,
      name,
      project,
      owner,
      status: 'InService',
      instanceType: kind === 'notebook' ? 'ml.t3.medium' : 'ml.m5.large',
      createdAt: at,
      updatedAt: at,
      startedAt: at,
      ...(dueAt ? { terminateAt: dueAt } : {}),
      scheduleDueAt: dueAt ?? 'unscheduled',
      scheduleIndex: 'schedule',
      spec: '{}',
      metadata: '{}',
    })
    .params().Item;
}

async function table(endpoint, name) {
  const config = localDynamoDbConfig(endpoint);
  await createTableIfMissing(new DynamoDBClient(config), name);
  const client = createDocumentClient(config);
  return { client, model: createModel(client, name), db: createDb({ client, tableName: name }) };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function benchSweep(endpoint) {
  const { client, model, db } = await table(endpoint, 'bench-sweep');
  const now = Date.parse('2026-06-01T12:00:00Z');
  const at = new Date(now - 86_400_000).toISOString();
  function* items() {
    for (let index = 0; index < 100_000; index += 1) {
      // 100 are due (in the last hour); the rest fall due over the next 30 days.
      const dueAt =
        index < 100
          ? new Date(now - (index + 1) * 30_000)
          : new Date(now + 60_000 + (index % 43_200) * 60_000);
      yield resourceItem(model, {
        kind: 'endpoint',
        name: `ep${index}`,
        project: `p${index % 200}`,
        owner: `u${index % 1000}`,
        at,
        dueAt: dueAt.toISOString(),
      });
    }
  }
  const started = performance.now();
  const written = await writeAll(client, 'bench-sweep', items());
  console.log(
    `sweep: seeded ${written} scheduled resources in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  let dispatched = 0;
  const noOp = {
    attempt: async (record) => (
      (dispatched += 1),
      { resource: record.name, ok: true, acted: true }
    ),
  };
  const sweep = createSweep({ db, compute: null, actions: noOp, now: () => new Date(now) });
  for (let index = 0; index < 5; index += 1) await sweep.run(); // warm-up
  const timings = [];
  let due = 0;
  for (let index = 0; index < 30; index += 1) {
    const start = performance.now();
    const summary = await sweep.run();
    timings.push(performance.now() - start);
    due = summary.due;
  }
  timings.sort((a, b) => a - b);
  console.log(
    `sweep: ${due} due of 100,000 scheduled, ${dispatched / 35} dispatched per run: ` +
      `p50 ${percentile(timings, 50).toFixed(1)} ms, p99 ${percentile(timings, 99).toFixed(1)} ms (target <= 200 ms)`,
  );
}

async function benchReport(endpoint) {
  const { client, model, db } = await table(endpoint, 'bench-report');
  const at = new Date().toISOString();
  function* items() {
    for (let index = 0; index < 100; index += 1) {
      yield model.entities.project
        .put({
          name: `p${index}`,
          description: '',
          searchText: `p${index}`,
          suspended: index % 10 === 0,
          ownerCount: 1,
          createdBy: 'u0',
          createdAt: at,
          updatedAt: at,
        })
        .params().Item;
    }
    for (let index = 0; index < 50_000; index += 1) {
      yield resourceItem(model, {
        kind: kinds[index % kinds.length],
        name: `r${index}`,
        project: `p${index % 100}`,
        owner: `u${index % 1000}`,
        at,
      });
    }
  }
  const started = performance.now();
  const written = await writeAll(client, 'bench-report', items());
  console.log(
    `report: seeded ${written} items (100 projects, 50,000 resources) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  await buildReportCsv(db); // warm-up
  const runs = [];
  let rows = 0;
  let bytes = 0;
  for (let index = 0; index < 3; index += 1) {
    const start = performance.now();
    const { csv, rowCount } = await buildReportCsv(db);
    runs.push(performance.now() - start);
    rows = rowCount;
    bytes = csv.length;
  }
  runs.sort((a, b) => a - b);
  const best = runs[0];
  console.log(
    `report: ${rows} rows (${(bytes / 1_048_576).toFixed(1)} MB CSV) in ${(best / 1000).toFixed(2)} s best of 3 ` +
      `(median ${(runs[1] / 1000).toFixed(2)} s): ${Math.round(rows / (best / 1000))} rows/s`,
  );
}

const dynamo = await startDynamoDbLocal({ port: await findFreePort() });
try {
  await benchSweep(dynamo.endpoint);
  await benchReport(dynamo.endpoint);
} finally {
  await dynamo.stop();
}
