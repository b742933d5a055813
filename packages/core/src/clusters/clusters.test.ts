import { expect, test } from 'vitest';

import { appConfigSchema, defaultAppConfig } from '../config/app-config';
import { ValidationError } from '../errors';
import { canConnectToCluster } from '../policy';
import { resolveClusterRequest } from './resolve';
import { createClusterInputSchema } from './schemas';

const emr = defaultAppConfig('aws').emr;

function refusal(run: () => unknown): { field: string; rule: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return { field: error.field, rule: error.rule };
    throw error;
  }
  throw new Error('expected a ValidationError');
}

function emrProblems(change: (value: typeof emr) => typeof emr): string[] {
  const config = defaultAppConfig('aws');
  const parsed = appConfigSchema.safeParse({ ...config, emr: change(structuredClone(config.emr)) });
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
}

test('a cluster type resolves to its instance types, count, the release label and every application', () => {
  expect(resolveClusterRequest(emr, { clusterType: 'Small' })).toEqual({
    clusterType: 'Small',
    releaseLabel: 'emr-6.15.0',
    applications: ['Hadoop', 'Spark', 'Ganglia', 'Hive', 'Livy'],
    primaryInstanceType: 'm5.xlarge',
    coreInstanceType: 'm5.xlarge',
    coreInstanceCount: 2,
    autoScaling: { minInstances: 2, maxInstances: 15 },
  });
});

test('an unknown cluster type is refused naming clusterType and the types there are', () => {
  expect(refusal(() => resolveClusterRequest(emr, { clusterType: 'Huge' }))).toEqual({
    field: 'clusterType',
    rule: 'Huge is not a cluster type; available: Small, Medium, Large',
  });
});

test('an application the administrator did not configure is refused naming applications', () => {
  const { field, rule } = refusal(() =>
    resolveClusterRequest(emr, { clusterType: 'Small', applications: ['Spark', 'Presto'] }),
  );
  expect(field).toBe('applications');
  expect(rule).toMatch(/^Presto is not configured/);
});

test('another release label than the configured one is refused naming releaseLabel', () => {
  expect(
    refusal(() => resolveClusterRequest(emr, { clusterType: 'Small', releaseLabel: 'emr-5.0.0' }))
      .field,
  ).toBe('releaseLabel');
});

test('scaling limits outside the administrator limits are refused naming the limit', () => {
  expect(
    refusal(() =>
      resolveClusterRequest(emr, {
        clusterType: 'Small',
        autoScaling: { minInstances: 2, maxInstances: 50 },
      }),
    ).field,
  ).toBe('autoScaling.maxInstances');
  expect(
    refusal(() =>
      resolveClusterRequest(emr, {
        clusterType: 'Medium',
        autoScaling: { minInstances: 2, maxInstances: 4 },
      }),
    ).field,
  ).toBe('autoScaling');
});

test('auto-scaling can be declined, and is refused when the administrator turned it off', () => {
  expect(
    resolveClusterRequest(emr, { clusterType: 'Small', autoScaling: null }).autoScaling,
  ).toBeNull();
  const off = { ...emr, autoScaling: { ...emr.autoScaling, enabled: false } };
  expect(resolveClusterRequest(off, { clusterType: 'Small' }).autoScaling).toBeNull();
  expect(
    refusal(() =>
      resolveClusterRequest(off, {
        clusterType: 'Small',
        autoScaling: { minInstances: 2, maxInstances: 3 },
      }),
    ).field,
  ).toBe('autoScaling');
});

test('a cluster name breaking EMR rules and a malformed subnet are refused by the input schema', () => {
  const parsed = createClusterInputSchema.safeParse({
    project: 'proj1',
    name: 'x',
    clusterType: 'Small',
    subnetId: 'sub-1',
  });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
    'name',
    'subnetId',
  ]);
});

test('the EMR settings refuse unknown instance types, SageMaker types, unknown applications and incoherent counts', () => {
  expect(emrProblems((value) => value)).toEqual([]);
  expect(
    emrProblems((value) => {
      value.clusterTypes[0]!.coreInstanceType = 'm5.gigantic';
      value.clusterTypes[1]!.masterInstanceType = 'ml.m5.xlarge';
      return value;
    }),
  ).toEqual(['emr.clusterTypes.0.coreInstanceType', 'emr.clusterTypes.1.masterInstanceType']);
  expect(emrProblems((value) => ({ ...value, applications: ['Spark', 'Excel'] }))).toEqual([
    'emr.applications.1',
  ]);
  expect(
    emrProblems((value) => {
      value.clusterTypes[1]!.coreInstanceCount = 40;
      return value;
    }),
  ).toEqual(['emr.clusterTypes.1.coreInstanceCount']);
  expect(
    emrProblems((value) => ({
      ...value,
      autoScaling: { ...value.autoScaling, scaleInCpuPercent: 80 },
    })),
  ).toEqual(['emr.autoScaling.scaleInCpuPercent']);
  expect(
    emrProblems((value) => ({
      ...value,
      clusterTypes: [value.clusterTypes[0]!, value.clusterTypes[0]!],
    })),
  ).toEqual(['emr.clusterTypes']);
});

test('only members of the project may learn where its cluster takes work, admins included', () => {
  const cluster = (role: 'owner' | 'member' | null, suspended = false) => ({
    kind: 'emrCluster' as const,
    createdBy: 'alice',
    project: { name: 'proj1', suspended, role },
  });
  const user = (isAdmin: boolean) => ({ username: 'bob', isAdmin, suspended: false });
  expect(canConnectToCluster(user(false), cluster('member')).allowed).toBe(true);
  expect(canConnectToCluster(user(false), cluster(null)).allowed).toBe(false);
  expect(canConnectToCluster(user(true), cluster(null)).allowed).toBe(false);
  expect(canConnectToCluster(user(true), cluster('owner', true)).allowed).toBe(false);
});
