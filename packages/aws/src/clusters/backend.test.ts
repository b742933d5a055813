import { EMRClient } from '@aws-sdk/client-emr';
import { expect, test } from 'vitest';

import { NotFoundError, UnavailableError, ValidationError } from '@mlspace/core';
import { awsJsonError, fakeEmr, mockHttp } from '@mlspace/testing';

import { createEmrClusterBackend, type EmrClusterSettings } from './backend';

const server = mockHttp();

const settings: EmrClusterSettings = {
  systemTag: 'MLSpace',
  serviceRoleArn: 'arn:aws:iam::123456789012:role/mlspace-prod-emr-service',
  instanceProfileName: 'mlspace-prod-emr-instance',
  securityConfiguration: 'mlspace-prod-emr',
  logUri: 's3://mlspace-logs-123456789012/emr/',
  subnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
  pickSubnet: (ids) => ids[1],
};
const request = {
  name: 'spark-1',
  owner: { project: 'vision', username: 'alice' },
  clusterType: 'Small',
  releaseLabel: 'emr-6.15.0',
  applications: ['Hadoop', 'Spark', 'Livy'],
  primaryInstanceType: 'm5.xlarge',
  coreInstanceType: 'm5.xlarge',
  coreInstanceCount: 2,
  autoScaling: { minInstances: 2, maxInstances: 15 },
};

function setUp(overrides = {}) {
  const calls: { operation: string; body: Record<string, unknown> }[] = [];
  const emr = fakeEmr({ calls, overrides });
  server.use(emr());
  const client = new EMRClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return { calls, emr, clusters: createEmrClusterBackend(client, settings) };
}

test('RunJobFlow carries the tags, the deployment roles, security configuration, logs bucket, subnet and managed scaling', async () => {
  const { calls, clusters } = setUp();
  const created = await clusters.create(request);
  expect(created).toMatchObject({ id: 'j-0000000000001', status: 'Starting' });
  const run = calls.find((call) => call.operation === 'RunJobFlow')?.body;
  expect(run).toMatchObject({
    Name: 'spark-1',
    ReleaseLabel: 'emr-6.15.0',
    LogUri: 's3://mlspace-logs-123456789012/emr/',
    ServiceRole: settings.serviceRoleArn,
    JobFlowRole: 'mlspace-prod-emr-instance',
    SecurityConfiguration: 'mlspace-prod-emr',
    Applications: [{ Name: 'Hadoop' }, { Name: 'Spark' }, { Name: 'Livy' }],
    Instances: {
      KeepJobFlowAliveWhenNoSteps: true,
      TerminationProtected: false,
      Ec2SubnetId: 'subnet-0bbbbbbbbbbbbbbbb',
      InstanceGroups: [
        { InstanceRole: 'MASTER', InstanceType: 'm5.xlarge', InstanceCount: 1 },
        { InstanceRole: 'CORE', InstanceType: 'm5.xlarge', InstanceCount: 2 },
      ],
    },
    ManagedScalingPolicy: {
      ComputeLimits: { UnitType: 'Instances', MinimumCapacityUnits: 2, MaximumCapacityUnits: 15 },
    },
    Tags: [
      { Key: 'project', Value: 'vision' },
      { Key: 'user', Value: 'alice' },
      { Key: 'system', Value: 'MLSpace' },
      { Key: 'clusterType', Value: 'Small' },
    ],
  });
});

test('a fixed-size cluster in a chosen subnet has no scaling policy', async () => {
  const { calls, clusters } = setUp();
  await clusters.create({ ...request, autoScaling: null, subnetId: 'subnet-0cccccccccccccccc' });
  const run = calls.find((call) => call.operation === 'RunJobFlow')?.body;
  expect(run?.ManagedScalingPolicy).toBeUndefined();
  expect(run?.Instances).toMatchObject({ Ec2SubnetId: 'subnet-0cccccccccccccccc' });
});

test('DescribeCluster becomes the portal status, reason, applications, timeline, and the Livy endpoint once ready', async () => {
  const { emr, clusters } = setUp();
  const { id } = await clusters.create(request);
  expect(await clusters.connection(id)).toBeNull();
  emr.advance(id, 'WAITING', { Message: 'Cluster ready to run steps.' });
  const described = await clusters.describe(id);
  expect(described).toMatchObject({
    status: 'Waiting',
    stateChangeReason: { message: 'Cluster ready to run steps.' },
    releaseLabel: 'emr-6.15.0',
    applications: [
      { name: 'Hadoop', version: '3.4.1' },
      { name: 'Spark', version: '3.4.1' },
      { name: 'Livy', version: '3.4.1' },
    ],
  });
  expect(described?.timeline.readyAt).toBe('2025-11-30T10:58:21.000Z');
  expect(await clusters.connection(id)).toEqual({
    engine: 'livy',
    livyUrl: 'http://ip-10-0-0-1.ec2.internal:8998',
  });
  const instances = await clusters.instances(id);
  expect(instances.map((instance) => [instance.role, instance.instanceType])).toEqual([
    ['primary', 'm5.xlarge'],
    ['core', 'm5.xlarge'],
    ['core', 'm5.xlarge'],
  ]);
});

test('a cluster that failed is TerminatedWithErrors with EMR reason as its failure', async () => {
  const { emr, clusters } = setUp();
  const { id } = await clusters.create(request);
  emr.advance(id, 'TERMINATED_WITH_ERRORS', {
    Code: 'VALIDATION_ERROR',
    Message: 'The subnet does not have enough free addresses',
  });
  expect(await clusters.describe(id)).toMatchObject({
    status: 'TerminatedWithErrors',
    failureReason: 'The subnet does not have enough free addresses',
    stateChangeReason: { code: 'VALIDATION_ERROR' },
  });
});

test('terminate turns termination protection off first, then terminates', async () => {
  const { calls, clusters, emr } = setUp();
  const { id } = await clusters.create(request);
  emr.clusters.get(id)!.protectedFromTermination = true;
  await clusters.terminate(id);
  expect(calls.map((call) => call.operation).slice(-2)).toEqual([
    'SetTerminationProtection',
    'TerminateJobFlows',
  ]);
  expect((await clusters.describe(id))?.status).toBe('Terminating');
});

test('an unknown cluster id is null to describe and NotFound to terminate; a cluster of another system is not ours', async () => {
  const { clusters, emr } = setUp();
  expect(await clusters.describe('j-1NOSUCHCLUSTER')).toBeNull();
  await expect(clusters.terminate('j-1NOSUCHCLUSTER')).rejects.toBeInstanceOf(NotFoundError);
  const { id } = await clusters.create({ ...request, owner: { project: 'p', username: 'u' } });
  emr.clusters.get(id)!.request.Tags = [{ Key: 'system', Value: 'OtherSystem' }];
  expect(await clusters.describe(id)).toBeNull();
});

test('EMR refusals become errors that name the service: a validation is a ValidationError, an internal error unavailable', async () => {
  const refused = setUp({
    RunJobFlow: () =>
      awsJsonError('ValidationException', "Instance type 'm5.gigantic' is not supported."),
  });
  await expect(refused.clusters.create(request)).rejects.toThrow(
    new ValidationError(
      'cluster',
      "EMR refused to create the cluster spark-1: Instance type 'm5.gigantic' is not supported.",
    ),
  );
  const down = setUp({
    RunJobFlow: () => awsJsonError('InternalServerError', 'Service unavailable', 500),
  });
  await expect(down.clusters.create(request)).rejects.toBeInstanceOf(UnavailableError);
});
