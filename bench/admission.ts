// Benchmark: what the admission gate (quotas; budgets plug into the same gate) adds to a create.
// Run: npx tsx bench/admission.ts [creates]   (default 300 of each, interleaved)
// Target: the gate adds at most 5 ms to a create's p50. It prints figures; it is not a test.
//
// "Without" is the registry write a create made before the gate: one transaction with the record,
// its running and unsettled markers and its audit event. "With" is admitNewWork around the same
// registration: the configuration and the project's admission terms (quota overrides and budget,
// two GetItems in parallel, each cached 2 s as in the API), and the quota counters conditioned in
// the same transaction (one more item). "Hard-stop budget" is the whole gate in a project whose
// hard-stop budget is far from reached (its month is read once per hold, ADR 022); the budget
// check's own reads are measured by bench/budget-admission.ts.
import { performance } from 'node:perf_hooks';

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

import { createDocumentClient, createTableIfMissing, localDynamoDbConfig } from '@mlspace/db';
import { findFreePort, startDynamoDbLocal } from '@mlspace/local';

import { composeServices } from '../apps/api/src/compose';
import { readEnv } from '../apps/api/src/env';
import { admitNewWork, quotaLimitsOf } from '../apps/api/src/services/admission';
import { resolveSettings } from '../apps/api/src/settings';
import { auditItem } from '../packages/db/src/audit';
import { createModel } from '../packages/db/src/model';

const creates = Number(process.argv[2] ?? 300);
const project = 'benchproject';
const hardStopProject = 'benchhardstop';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

const dynamo = await startDynamoDbLocal({ port: await findFreePort() });
try {
  const config = localDynamoDbConfig(dynamo.endpoint);
  const tableName = 'bench-admission';
  await createTableIfMissing(new DynamoDBClient(config), tableName);
  const client = createDocumentClient(config);
  // The services the API runs with, so the gate measured is the gate as composed (with every
  // check another part plugs into it, such as budgets).
  const services = composeServices(
    resolveSettings(
      readEnv({ MLSPACE_PUBLIC_URL: 'http://localhost:3999', DYNAMODB_TABLE: tableName }),
      { session: 'bench-session-secret-0123456789abcdef', oidcClient: 'bench-client-secret' },
    ),
    { documentClient: client, healthChecks: {} },
  );
  const { db } = services;
  const model = createModel(client, tableName);
  await services.configService.ensureInitialVersion();
  await db.users.recordLogin({
    username: 'alice',
    email: 'alice@example.com',
    displayName: 'Alice',
    suspendedIfNew: false,
    adminIfNew: false,
  });
  await db.projects.create({ name: project, description: '', createdBy: 'alice' });
  // Limits that hold (so every create is admitted) and are checked (so every counter is conditioned).
  await db.quotas.setOverrides(
    project,
    {
      project: { notebooks: 100_000 },
      perUser: { notebooks: 100_000 },
      instancesPerFamily: { 'ml.t3': 100_000 },
    },
    'alice',
  );

  // The same limits in a project with a hard-stop budget far from reached.
  await db.projects.create({ name: hardStopProject, description: '', createdBy: 'alice' });
  await db.quotas.setOverrides(hardStopProject, await db.quotas.overrides(project), 'alice');
  await db.budgets.set(
    hardStopProject,
    { amountUsd: 1_000_000, instanceHours: null, thresholds: [80, 100], hardStop: true },
    'alice',
  );

  const input = (name: string, inProject = project) => ({
    kind: 'notebook' as const,
    name,
    project: inProject,
    owner: 'alice',
    status: 'Pending' as const,
    instanceType: 'ml.t3.medium',
    instanceCount: 1,
    spec: { volumeSizeGb: 5, lifecycle: {} },
  });

  /** The create's registry write as it was before the gate (resources.ts before ADR 021). */
  async function createWithout(name: string) {
    const at = new Date().toISOString();
    const item = {
      ...input(name),
      createdAt: at,
      updatedAt: at,
      spec: JSON.stringify(input(name).spec),
      metadata: '{}',
      scheduleDueAt: 'unscheduled',
      scheduleIndex: 'schedule' as const,
    };
    const outcome = await model.transaction
      .write(({ resource, runningResource, unsettledResource, auditEvent }) => [
        resource.create(item).commit(),
        runningResource
          .put({ kind: 'notebook', name, project, owner: 'alice', since: at })
          .commit(),
        unsettledResource.put({ kind: 'notebook', name, since: at }).commit(),
        auditEvent
          .create(
            auditItem(
              {
                actor: 'alice',
                action: 'notebook.created',
                targetType: 'notebook',
                targetId: name,
                after: { project },
              },
              at,
            ),
          )
          .commit(),
      ])
      .go();
    if (outcome.canceled) throw new Error(`create ${name} was cancelled`);
  }

  async function createWith(name: string) {
    await admitNewWork(
      services,
      { project, user: 'alice', kind: 'notebook', instanceType: 'ml.t3.medium', count: 1 },
      (admission) => db.resources.register(input(name), 'alice', admission),
    );
  }

  async function createWithHardStop(name: string) {
    await admitNewWork(
      services,
      {
        project: hardStopProject,
        user: 'alice',
        kind: 'notebook',
        instanceType: 'ml.t3.medium',
        count: 1,
      },
      (admission) => db.resources.register(input(name, hardStopProject), 'alice', admission),
    );
  }

  /**
   * The quota share of the gate alone: the limits (the configuration and the overrides, each
   * cached 2 s as in the API) and the registration with its counters; no other check (budgets).
   */
  async function createCountedOnly(name: string) {
    const limits = await quotaLimitsOf(services, project);
    await db.resources.register(input(name), 'alice', { limits });
  }

  // Warm-up: JIT, connections, the configuration cache.
  for (let index = 0; index < 30; index++) {
    await createWithout(`warm-without-${index}`);
    await createWith(`warm-with-${index}`);
    await createCountedOnly(`warm-counted-${index}`);
    await createWithHardStop(`warm-hardstop-${index}`);
  }
  const without: number[] = [];
  const withGate: number[] = [];
  const countedOnly: number[] = [];
  const hardStop: number[] = [];
  for (let index = 0; index < creates; index++) {
    // Interleaved, so drift in the machine's load touches both alike.
    let started = performance.now();
    await createWithout(`without-${index}`);
    without.push(performance.now() - started);
    started = performance.now();
    await createWith(`with-${index}`);
    withGate.push(performance.now() - started);
    started = performance.now();
    await createCountedOnly(`counted-${index}`);
    countedOnly.push(performance.now() - started);
    started = performance.now();
    await createWithHardStop(`hardstop-${index}`);
    hardStop.push(performance.now() - started);
  }
  const a = summary(without);
  const b = summary(withGate);
  const c = summary(countedOnly);
  const d = summary(hardStop);
  const added = b.p50 - a.p50;
  console.log(`admission: ${creates} notebook creates each, one at a time, DynamoDB Local`);
  console.log(`  without the gate  p50 ${a.p50.toFixed(2)} ms  p99 ${a.p99.toFixed(2)} ms`);
  console.log(`  with the gate     p50 ${b.p50.toFixed(2)} ms  p99 ${b.p99.toFixed(2)} ms`);
  console.log(
    `  quotas only       p50 ${c.p50.toFixed(2)} ms  p99 ${c.p99.toFixed(2)} ms  (limits read + counters in the transaction; no budget check)`,
  );
  console.log(
    `  hard-stop budget  p50 ${d.p50.toFixed(2)} ms  p99 ${d.p99.toFixed(2)} ms  (the whole gate in a project with a hard-stop budget far from reached: added p50 ${(d.p50 - a.p50).toFixed(2)} ms)`,
  );
  const quotaShare = c.p50 - a.p50;
  console.log(
    `  added p50: whole gate ${added.toFixed(2)} ms, quotas ${quotaShare.toFixed(2)} ms (target <= 5 ms: ${added <= 5 ? 'met' : quotaShare <= 5 ? 'met by the quotas, not by the whole gate' : 'NOT met'}); counter now ${(await db.quotas.usage(project)).get('project#notebooks')}`,
  );
} finally {
  await dynamo.stop();
}
