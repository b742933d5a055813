import { expect, test } from 'vitest';

import {
  effectiveQuotaLimits,
  instanceFamilyOf,
  quotaChecksFor,
  quotaDelta,
  quotaDimensionKey,
  quotaDimensionOfKey,
  quotaRefusal,
  quotaUsesOf,
  type QuotaHolder,
} from './rules';
import { noQuotaLimits, quotaLimitsSchema, quotaOverridesSchema } from './schema';

const notebook = (owner: string, name: string, instanceType = 'ml.t3.medium'): QuotaHolder => ({
  kind: 'notebook',
  name,
  owner,
  instanceType,
  instanceCount: 1,
});

test('an instance family is the type without its size', () => {
  expect(instanceFamilyOf('ml.g5.2xlarge')).toBe('ml.g5');
  expect(instanceFamilyOf('m5.xlarge')).toBe('m5');
});

test('a running notebook takes one project slot, one slot of its owner and its instances of its family', () => {
  expect(
    quotaUsesOf(notebook('alice', 'nb-a', 'ml.m5.xlarge')).map((use) => [use.key, use.amount]),
  ).toEqual([
    ['project#notebooks', 1],
    ['user#alice#notebooks', 1],
    ['family#ml.m5', 1],
  ]);
});

test('a training job on four instances takes four of its family but one job slot', () => {
  const uses = quotaUsesOf({
    kind: 'trainingJob',
    name: 't',
    owner: 'bob',
    instanceType: 'ml.g5.xlarge',
    instanceCount: 4,
  });
  expect(uses.map((use) => [use.key, use.amount])).toEqual([
    ['project#jobs', 1],
    ['user#bob#jobs', 1],
    ['family#ml.g5', 4],
  ]);
});

test('models and endpoint configurations hold no quota (they never run)', () => {
  expect(quotaUsesOf({ kind: 'model', name: 'm', owner: 'bob' })).toEqual([]);
  expect(quotaUsesOf({ kind: 'endpointConfig', name: 'c', owner: 'bob' })).toEqual([]);
});

test('an endpoint moving to another family releases the old family and takes the new one, and keeps its slot', () => {
  const before = quotaUsesOf({
    kind: 'endpoint',
    name: 'e',
    owner: 'bob',
    instanceType: 'ml.m5.large',
    instanceCount: 2,
  });
  const after = quotaUsesOf({
    kind: 'endpoint',
    name: 'e',
    owner: 'bob',
    instanceType: 'ml.g5.xlarge',
    instanceCount: 1,
  });
  expect(quotaDelta(before, after).map((use) => [use.key, use.amount])).toEqual([
    ['family#ml.m5', -2],
    ['family#ml.g5', 1],
  ]);
});

test('dimension keys read back as the dimension they were written from', () => {
  for (const use of quotaUsesOf(notebook('alice', 'nb', 'ml.g5.xlarge')))
    expect(quotaDimensionOfKey(quotaDimensionKey(use.dimension))).toEqual(use.dimension);
  expect(quotaDimensionOfKey('nonsense')).toBeNull();
});

test("a project's overrides replace the defaults they name, null lifts a limit, the rest stay", () => {
  const defaults = quotaLimitsSchema.parse({
    project: { notebooks: 3, jobs: 5, endpoints: 2, clusters: 1 },
    perUser: { notebooks: 1, jobs: null, endpoints: null, clusters: null },
    instancesPerFamily: { 'ml.g5': 4, 'ml.m5': 10 },
  });
  const overrides = quotaOverridesSchema.parse({
    project: { notebooks: 6, jobs: null },
    perUser: {},
    instancesPerFamily: { 'ml.g5': 8 },
  });
  const limits = effectiveQuotaLimits(defaults, overrides);
  expect(limits.project).toEqual({ notebooks: 6, jobs: null, endpoints: 2, clusters: 1 });
  expect(limits.perUser.notebooks).toBe(1);
  expect(limits.instancesPerFamily).toEqual({ 'ml.g5': 8, 'ml.m5': 10 });
});

test('a full quota is refused with its number and who uses it, and what to do', () => {
  const limits = { ...noQuotaLimits, project: { ...noQuotaLimits.project, notebooks: 3 } };
  const [check] = quotaChecksFor(quotaUsesOf(notebook('carol', 'nb-new')), limits);
  const error = quotaRefusal(check!, [
    notebook('alice', 'nb-a'),
    notebook('bob', 'nb-b'),
    notebook('bob', 'nb-c'),
    { kind: 'trainingJob', name: 'job', owner: 'bob', instanceType: 'ml.m5.large' },
  ]);
  expect(error.message).toBe(
    'Project quota reached: 3 running notebooks (alice/nb-a, bob/nb-b, bob/nb-c). Stop one or ask an administrator to raise the quota.',
  );
  expect(error.quota).toBe('project#notebooks');
  expect(error.field).toBeUndefined();
});

test('a full instance family names each holder with its instances and is shown next to the instance type', () => {
  const limits = { ...noQuotaLimits, instancesPerFamily: { 'ml.g5': 8 } };
  const job = {
    kind: 'trainingJob' as const,
    name: 'big',
    owner: 'carol',
    instanceType: 'ml.g5.xlarge',
    instanceCount: 2,
  };
  const check = quotaChecksFor(quotaUsesOf(job), limits).find(
    (c) => c.dimension.scope === 'family',
  );
  const error = quotaRefusal(check!, [
    {
      kind: 'trainingJob',
      name: 'train-1',
      owner: 'alice',
      instanceType: 'ml.g5.2xlarge',
      instanceCount: 4,
    },
    { kind: 'endpoint', name: 'ep', owner: 'bob', instanceType: 'ml.g5.xlarge', instanceCount: 4 },
  ]);
  expect(error.field).toBe('instanceType');
  expect(error.rule).toBe(
    'Project quota reached: 8 ml.g5 instances (alice/train-1 ×4, bob/ep ×4). Stop one or ask an administrator to raise the quota.',
  );
});

test('asking for more than a quota allows at all says so rather than blaming what runs', () => {
  const limits = { ...noQuotaLimits, instancesPerFamily: { 'ml.g5': 2 } };
  const job = {
    kind: 'trainingJob' as const,
    name: 'big',
    owner: 'carol',
    instanceType: 'ml.g5.xlarge',
    instanceCount: 3,
  };
  const check = quotaChecksFor(quotaUsesOf(job), limits).find(
    (c) => c.dimension.scope === 'family',
  );
  expect(quotaRefusal(check!, []).rule).toBe(
    'Project quota allows at most 2 ml.g5 instances at once and this asks for 3 instances; choose fewer or ask an administrator to raise the quota.',
  );
});

test('a per-member quota says it is per member and an endpoint quota says to delete one', () => {
  const limits = { ...noQuotaLimits, perUser: { ...noQuotaLimits.perUser, endpoints: 1 } };
  const endpoint = { kind: 'endpoint' as const, name: 'ep2', owner: 'bob' };
  const check = quotaChecksFor(quotaUsesOf(endpoint), limits).find(
    (c) => c.dimension.scope === 'user',
  );
  expect(
    quotaRefusal(check!, [
      { kind: 'endpoint', name: 'ep1', owner: 'bob' },
      { kind: 'endpoint', name: 'x', owner: 'alice' },
    ]).message,
  ).toBe(
    'Per-member quota reached: 1 endpoints per member (bob/ep1). Delete one or ask an administrator to raise the quota.',
  );
});
