// Benchmark: what a project budget adds to the admission gate (usage.refuseIfBudgetReached).
// Run: npx tsx bench/budget-admission.ts [calls]   (default 300 per case)
// Target: with the quota check, at most 5 ms p50 added to a create (bench/admission.ts measures
// the whole gate). It prints figures; it is not a test.
//
// Cases: a project without a budget (one GetItem), a budget without the hard stop (the same
// GetItem: only a hard stop refuses), and a hard-stop budget not yet reached whose month holds a
// busy month of rows (30 days x 3 kinds x 10 users) and 10 running resources, which is measured
// live (the month's Query, the running markers' Query and one BatchGet).
import { performance } from 'node:perf_hooks';

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

import {
  createDb,
  createDocumentClient,
  createTableIfMissing,
  localDynamoDbConfig,
} from '@mlspace/db';
import { findFreePort, startDynamoDbLocal } from '@mlspace/local';

import { createUsageService } from '../apps/api/src/services/usage';

const calls = Number(process.argv[2] ?? 300);

function p(sorted: number[], percent: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((percent / 100) * sorted.length) - 1)] ?? NaN;
}

const dynamo = await startDynamoDbLocal({ port: await findFreePort() });
try {
  const config = localDynamoDbConfig(dynamo.endpoint);
  const tableName = 'bench-budget';
  await createTableIfMissing(new DynamoDBClient(config), tableName);
  const client = createDocumentClient(config);
  const start = new Date(Date.UTC(2026, 11, 1));
  let now = start;
  const db = createDb({ client, tableName, now: () => now.toISOString() });
  const usage = createUsageService({ db, region: 'us-east-1', now: () => now });
  for (const name of ['plain', 'warned', 'hardstop'])
    await db.projects.create({ name, description: '', createdBy: 'alice' });
  await db.budgets.set(
    'warned',
    { amountUsd: 1e6, instanceHours: null, thresholds: [50, 80, 100], hardStop: false },
    'alice',
  );
  await db.budgets.set(
    'hardstop',
    { amountUsd: 1e6, instanceHours: null, thresholds: [50, 80, 100], hardStop: true },
    'alice',
  );
  // A busy month: every day, three kinds, ten users, each a run of two hours.
  const kinds = ['notebook', 'trainingJob', 'endpoint'] as const;
  let sequence = 0;
  for (let day = 0; day < 30; day++) {
    for (const kind of kinds) {
      for (let user = 0; user < 10; user++) {
        sequence += 1;
        now = new Date(start.getTime() + day * 86_400_000 + 3_600_000);
        const name = `r${sequence}`;
        await db.resources.register(
          {
            kind,
            name,
            project: 'hardstop',
            owner: `user${user}`,
            status: kind === 'trainingJob' ? 'InProgress' : 'InService',
            instanceType: 'ml.m5.xlarge',
            instanceCount: 1,
          },
          `user${user}`,
        );
        now = new Date(now.getTime() + 2 * 3_600_000);
        await db.resources.applyStatus({
          kind,
          name,
          status: kind === 'trainingJob' ? 'Completed' : 'Deleted',
          at: now.toISOString(),
        });
      }
    }
  }
  for (let index = 0; index < 10; index++)
    await db.resources.register(
      {
        kind: 'notebook',
        name: `live${index}`,
        project: 'hardstop',
        owner: `user${index}`,
        status: 'InService',
        instanceType: 'ml.t3.medium',
      },
      `user${index}`,
    );
  now = new Date(start.getTime() + 30 * 86_400_000);
  const rows = (await db.usage.projectMonth('hardstop', '2026-12')).length;

  for (const project of ['plain', 'warned', 'hardstop']) {
    for (let index = 0; index < 30; index++) await usage.refuseIfBudgetReached(project);
    const latencies: number[] = [];
    for (let index = 0; index < calls; index++) {
      const started = performance.now();
      await usage.refuseIfBudgetReached(project);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `  ${project.padEnd(9)} p50 ${p(latencies, 50).toFixed(2)} ms  p99 ${p(latencies, 99).toFixed(2)} ms`,
    );
  }
  console.log(
    `budget check: ${calls} calls per case, DynamoDB Local; the hard-stop month holds ${rows} rows and 10 running notebooks`,
  );
} finally {
  await dynamo.stop();
}
