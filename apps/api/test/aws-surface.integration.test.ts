/**
 * The AWS backend's endpoint updates, endpoint-config data capture and tuning-job logs, through
 * the real router on DynamoDB Local, with SageMaker and CloudWatch Logs answered by msw in the
 * services' own shapes.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';

import {
  awsComputeClients,
  awsJobsClients,
  createAwsComputeBackend,
  createSageMakerJobs,
} from '@mlspace/aws';
import type { UserView } from '@mlspace/core';
import {
  awsJsonService,
  cloudWatchLogGroup,
  mockHttp,
  sagemakerEndpointUpdates,
  sagemakerTuningChildren,
  sagemakerUrl,
  type AwsJsonOperation,
  type FakeEndpoint,
  type FakeEndpointConfig,
} from '@mlspace/testing';

import type { ApiServices } from '../src/services';
import { callerFor, createTestServices, signedUpUser } from './harness';

const server = mockHttp();
// The SageMaker client's first calls take seconds on a loaded machine; the default is tight.
vi.setConfig({ testTimeout: 90_000 });
afterEach(() => vi.unstubAllEnvs());

type Call = { operation: string; body: Record<string, unknown> };

function awsCompute() {
  // The SDK's default credential chain reads these; msw answers before any signature matters.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  const network = {
    systemTag: 'MLSpace',
    kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc',
    subnetIds: ['subnet-a'],
    securityGroupIds: ['sg-1'],
  };
  const jobs = createSageMakerJobs(awsJobsClients('us-east-1'), {
    ...network,
    region: 'us-east-1',
    executionRoleArn: 'arn:aws:iam::123456789012:role/mlspace-app',
  });
  return createAwsComputeBackend(
    awsComputeClients('us-east-1'),
    { ...network, notebookRoleArn: 'arn:aws:iam::123456789012:role/mlspace-notebook' },
    jobs,
  );
}

let services: ApiServices;
let alice: UserView;
let bob: UserView;
let project: string;

beforeEach(async () => {
  services = await createTestServices();
  services = { ...services, compute: awsCompute() };
  [alice, bob] = await Promise.all([signedUpUser(services.db), signedUpUser(services.db)]);
  project = `aws${Math.random().toString(36).slice(2, 8)}`;
  await services.db.projects.create({ name: project, description: '', createdBy: alice.username });
  await services.db.membership.addUsers(project, [bob.username], 'member', alice.username);
});

function sagemaker(operations: Record<string, AwsJsonOperation>, calls: Call[]) {
  server.use(awsJsonService(sagemakerUrl, operations, calls));
}

async function registerConfig(
  name: string,
  instanceType: string,
  count: number,
  inProject = project,
) {
  await services.db.resources.register(
    {
      kind: 'endpointConfig',
      name,
      project: inProject,
      owner: bob.username,
      status: 'Created',
      instanceType,
      instanceCount: count,
      spec: {
        variants: [
          { variantName: 'AllTraffic', modelName: 'm', instanceType, initialInstanceCount: count },
        ],
      },
    },
    bob.username,
  );
}

function endpointWorld() {
  const endpoints = new Map<string, FakeEndpoint>([
    ['churn', { name: 'churn', configName: 'churn-small', status: 'InService' }],
  ]);
  const configs = new Map<string, FakeEndpointConfig>(
    ['churn-small', 'churn-large'].map((name) => [
      name,
      {
        name,
        variants: [
          { variantName: 'AllTraffic', modelName: 'm', instanceType: 'ml.m5.large', count: 1 },
        ],
      },
    ]),
  );
  return { endpoints, configs, fake: sagemakerEndpointUpdates(endpoints, configs) };
}

async function registerServingEndpoint() {
  await registerConfig('churn-small', 'ml.m5.large', 1);
  await registerConfig('churn-large', 'ml.c5.2xlarge', 3);
  await services.db.resources.register(
    {
      kind: 'endpoint',
      name: 'churn',
      project,
      owner: bob.username,
      status: 'InService',
      instanceType: 'ml.m5.large',
      instanceCount: 1,
      spec: { endpointConfigName: 'churn-small' },
    },
    bob.username,
  );
}

test('an endpoint update on AWS keeps the old configuration serving until SageMaker brings the new one into service', async () => {
  await registerServingEndpoint();
  const { fake } = endpointWorld();
  const calls: Call[] = [];
  sagemaker(fake.operations, calls);
  const bobCalls = callerFor(services, bob);

  const updated = await bobCalls.endpoints.update({
    project,
    name: 'churn',
    endpointConfigName: 'churn-large',
  });

  expect(calls.find((call) => call.operation === 'UpdateEndpoint')?.body).toEqual({
    EndpointName: 'churn',
    EndpointConfigName: 'churn-large',
    RetainAllVariantProperties: false,
  });
  expect(updated).toMatchObject({
    status: 'Updating',
    instanceType: 'ml.c5.2xlarge',
    instanceCount: 3,
  });
  const during = await bobCalls.endpoints.get({ name: 'churn' });
  expect(during).toMatchObject({
    endpointConfigName: 'churn-small',
    updatingToConfigName: 'churn-large',
  });
  const audit = await services.db.audit.list({
    limit: 10,
    targetType: 'endpoint',
    targetId: 'churn',
  });
  // Which configuration it served before and serves after (it recorded only the instances).
  expect(audit.items.find((event) => event.action === 'endpoint.updated')).toMatchObject({
    actor: bob.username,
    before: { instanceType: 'ml.m5.large', instanceCount: 1, endpointConfigName: 'churn-small' },
    after: { instanceType: 'ml.c5.2xlarge', instanceCount: 3, endpointConfigName: 'churn-large' },
  });

  fake.finishUpdate('churn');
  const after = await bobCalls.endpoints.get({ name: 'churn' });
  expect(after).toMatchObject({
    endpointConfigName: 'churn-large',
    updatingToConfigName: null,
    endpoint: { status: 'InService', instanceType: 'ml.c5.2xlarge', instanceCount: 3 },
  });
  const listed = await bobCalls.endpoints.list({ project, limit: 10 });
  expect(listed.items[0]).toMatchObject({ instanceType: 'ml.c5.2xlarge', instanceCount: 3 });
});

test("an update to another project's configuration or naming another project changes nothing and never reaches SageMaker's UpdateEndpoint", async () => {
  await registerServingEndpoint();
  await registerConfig('elsewhere-config', 'ml.m5.large', 1, 'otherproject');
  const { fake } = endpointWorld();
  const calls: Call[] = [];
  sagemaker(fake.operations, calls);
  const bobCalls = callerFor(services, bob);

  await expect(
    bobCalls.endpoints.update({ name: 'churn', endpointConfigName: 'elsewhere-config' }),
  ).rejects.toMatchObject({
    code: 'BAD_REQUEST',
    message: expect.stringContaining('endpointConfigName'),
  });
  await expect(
    bobCalls.endpoints.update({
      project: 'otherproject',
      name: 'churn',
      endpointConfigName: 'churn-large',
    }),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('project') });

  expect(calls.map((call) => call.operation)).not.toContain('UpdateEndpoint');
  expect(await services.db.resources.get('endpoint', 'churn')).toMatchObject({
    status: 'InService',
    spec: { endpointConfigName: 'churn-small' },
  });
});

test("a tuning job's logs on AWS are each training job's own CloudWatch stream, read per training job", async () => {
  const tuning = 'churn-tune';
  const [first, second] = [`${tuning}-001-1a2b3c4d`, `${tuning}-002-5e6f7a8b`];
  await services.db.resources.register(
    { kind: 'hpoJob', name: tuning, project, owner: bob.username, status: 'InProgress' },
    bob.username,
  );
  const sagemakerCalls: Call[] = [];
  const logCalls: Call[] = [];
  sagemaker(
    sagemakerTuningChildren(tuning, [
      { name: first, status: 'Completed', objective: 0.42 },
      { name: second, status: 'InProgress' },
    ]),
    sagemakerCalls,
  );
  const at = Date.UTC(2026, 10, 30, 12);
  server.use(
    cloudWatchLogGroup(
      '/aws/sagemaker/TrainingJobs',
      [
        { logStreamName: `${first}/algo-1-1764500000`, timestamp: at, message: 'first: epoch 1\n' },
        {
          logStreamName: `${second}/algo-1-1764500001`,
          timestamp: at + 1,
          message: 'second: epoch 1',
        },
        { logStreamName: `${first}/algo-1-1764500000`, timestamp: at + 2, message: 'first: done' },
      ],
      logCalls,
    )(),
  );
  const aliceCalls = callerFor(services, alice);

  const detail = await aliceCalls.tuning.get({ name: tuning });
  const firstLog = await aliceCalls.tuning.logs({ name: tuning, trainingJob: first });
  const secondLog = await aliceCalls.tuning.logs({ name: tuning, trainingJob: second });

  expect(detail.tunerLog).toBe(false);
  expect(detail.children.map((child) => child.name).sort()).toEqual([first, second]);
  expect(firstLog.lines.map((line) => line.message)).toEqual(['first: epoch 1', 'first: done']);
  expect(secondLog.lines.map((line) => line.message)).toEqual(['second: epoch 1']);
  expect(logCalls.map((call) => call.body)).toEqual([
    expect.objectContaining({
      logGroupName: '/aws/sagemaker/TrainingJobs',
      logStreamNamePrefix: `${first}/`,
    }),
    expect.objectContaining({
      logGroupName: '/aws/sagemaker/TrainingJobs',
      logStreamNamePrefix: `${second}/`,
    }),
  ]);
});

test("a name that only looks like one of the tuning job's training jobs is refused before any log is read", async () => {
  const tuning = 'churn-tune';
  await services.db.resources.register(
    { kind: 'hpoJob', name: tuning, project, owner: bob.username, status: 'InProgress' },
    bob.username,
  );
  const logCalls: Call[] = [];
  sagemaker(
    sagemakerTuningChildren(tuning, [{ name: `${tuning}-001-1a2b3c4d`, status: 'InProgress' }]),
    [],
  );
  server.use(cloudWatchLogGroup('/aws/sagemaker/TrainingJobs', [], logCalls)());

  await expect(
    callerFor(services, alice).tuning.logs({ name: tuning, trainingJob: `${tuning}-009-deadbeef` }),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('trainingJob') });
  expect(logCalls).toEqual([]);
});

test('an endpoint configuration that captures data sends SageMaker its DataCaptureConfig and shows it on its page', async () => {
  await services.db.resources.register(
    { kind: 'model', name: 'churn-model', project, owner: bob.username, status: 'Created' },
    bob.username,
  );
  const { fake, configs } = endpointWorld();
  const calls: Call[] = [];
  sagemaker(fake.operations, calls);
  const destination = `s3://${services.settings.s3.dataBucket}/project/${project}/data-capture`;
  const bobCalls = callerFor(services, bob);

  await bobCalls.endpointConfigs.create({
    project,
    name: 'churn-capturing',
    variants: [
      {
        variantName: 'AllTraffic',
        modelName: 'churn-model',
        instanceType: 'ml.m5.large',
        initialInstanceCount: 2,
      },
    ],
    dataCapture: { s3Uri: destination, samplingPercentage: 25 },
  });

  expect(calls.find((call) => call.operation === 'CreateEndpointConfig')?.body).toMatchObject({
    DataCaptureConfig: {
      EnableCapture: true,
      InitialSamplingPercentage: 25,
      // The storage gate resolves the location to its folder.
      DestinationS3Uri: `${destination}/`,
      KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc',
      CaptureOptions: [{ CaptureMode: 'Input' }, { CaptureMode: 'Output' }],
    },
  });
  expect(configs.get('churn-capturing')?.dataCapture).toEqual({
    destination: `${destination}/`,
    samplingPercentage: 25,
  });
  expect(await bobCalls.endpointConfigs.get({ name: 'churn-capturing' })).toMatchObject({
    dataCapture: { s3Uri: `${destination}/`, samplingPercentage: 25 },
    endpointConfig: { instanceType: 'ml.m5.large', instanceCount: 2 },
  });
});
