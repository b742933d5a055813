import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient } from '@aws-sdk/client-iam';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { expect, test } from 'vitest';

import { ValidationError } from '@mlspace/core';
import {
  awsJsonError,
  fakeCloudWatchLogs,
  fakeIam,
  fakeSageMakerNotebooks,
  mockHttp,
  throttledFirst,
} from '@mlspace/testing';

import { createSageMakerNotebookBackend, type SageMakerNotebookSettings } from './backend';
import { projectUserRoleName } from './project-user-role';

const server = mockHttp();

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const clients = () => ({
  sagemaker: new SageMakerClient({ region: 'us-east-1', credentials }),
  iam: new IAMClient({ region: 'us-east-1', credentials }),
  logs: new CloudWatchLogsClient({ region: 'us-east-1', credentials }),
});

const settings: SageMakerNotebookSettings = {
  systemTag: 'MLSpace',
  kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc',
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroupIds: ['sg-1'],
  notebookRoleArn: 'arn:aws:iam::123456789012:role/mlspace-notebook',
  pickSubnet: (ids) => ids[1] ?? '',
};
const owner = { project: 'vision', username: 'alice' };
const request = {
  name: 'nb1',
  owner,
  instanceType: 'ml.t3.medium',
  volumeSizeGb: 5,
  lifecycle: { onStart: 'echo hi' },
};

test('create makes a tagged, encrypted notebook without internet or root, with its lifecycle config', async () => {
  const calls: { operation: string; body: Record<string, unknown> }[] = [];
  const sagemaker = fakeSageMakerNotebooks({ calls });
  server.use(sagemaker.handler());
  const backend = createSageMakerNotebookBackend(clients(), settings);

  const created = await backend.create(request);
  expect(created).toMatchObject({
    status: 'Pending',
    arn: 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/nb1',
  });
  expect(calls.map((call) => call.operation)).toEqual([
    'CreateNotebookInstanceLifecycleConfig',
    'CreateNotebookInstance',
  ]);
  expect(calls[0]?.body).toMatchObject({
    NotebookInstanceLifecycleConfigName: 'nb1-lifecycle',
    OnStart: [{ Content: Buffer.from('echo hi').toString('base64') }],
  });
  expect(calls[1]?.body).toEqual({
    NotebookInstanceName: 'nb1',
    InstanceType: 'ml.t3.medium',
    VolumeSizeInGB: 5,
    RoleArn: settings.notebookRoleArn,
    KmsKeyId: settings.kmsKeyId,
    SubnetId: 'subnet-b',
    SecurityGroupIds: ['sg-1'],
    DirectInternetAccess: 'Disabled',
    RootAccess: 'Disabled',
    LifecycleConfigName: 'nb1-lifecycle',
    Tags: [
      { Key: 'project', Value: 'vision' },
      { Key: 'user', Value: 'alice' },
      { Key: 'system', Value: 'MLSpace' },
    ],
  });
});

test('a notebook name that leaves no room for "-lifecycle" still gets a lifecycle config name SageMaker accepts (defect: a 62-character name gave one ending in a hyphen)', async () => {
  const calls: { operation: string; body: Record<string, unknown> }[] = [];
  server.use(fakeSageMakerNotebooks({ calls }).handler());
  const name = `nb${'a'.repeat(60)}`;

  await createSageMakerNotebookBackend(clients(), settings).create({ ...request, name });
  const lifecycle = calls[0]?.body.NotebookInstanceLifecycleConfigName;
  expect(lifecycle).toBe(name);
  expect(calls[1]?.body.LifecycleConfigName).toBe(lifecycle);
});

test('describe, start, stop, update, open and delete map to SageMaker calls and statuses', async () => {
  const sagemaker = fakeSageMakerNotebooks();
  server.use(sagemaker.handler());
  const backend = createSageMakerNotebookBackend(clients(), settings);
  await backend.create({ ...request, lifecycle: {} });
  sagemaker.setStatus('nb1', 'InService');
  expect(await backend.describe('nb1')).toMatchObject({
    status: 'InService',
    instanceType: 'ml.t3.medium',
    createdAt: '2023-11-14T22:13:20.000Z',
  });
  expect(await backend.openUrl('nb1', 'alice')).toEqual({
    url: 'https://nb1.notebook.us-east-1.sagemaker.aws?authToken=signed',
  });
  await backend.stop('nb1');
  expect((await backend.describe('nb1'))?.status).toBe('Stopping');
  sagemaker.setStatus('nb1', 'Stopped');
  await backend.update({ name: 'nb1', instanceType: 'ml.t3.large', volumeSizeGb: 20 });
  expect(sagemaker.notebooks.get('nb1')).toMatchObject({
    instanceType: 'ml.t3.large',
    volumeSizeGb: 20,
  });
  await backend.start('nb1', owner, {});
  expect((await backend.describe('nb1'))?.status).toBe('Pending');
  sagemaker.setStatus('nb1', 'Stopped');
  await backend.delete('nb1');
  expect((await backend.describe('nb1'))?.status).toBe('Deleting');
  sagemaker.notebooks.delete('nb1');
  expect(await backend.describe('nb1')).toBeNull();
  await expect(backend.delete('nb1')).resolves.toBeUndefined();
});

test('throttling is retried by the SDK until the call succeeds', async () => {
  const calls: { operation: string; body: Record<string, unknown> }[] = [];
  const sagemaker = fakeSageMakerNotebooks({
    calls,
    overrides: {
      CreateNotebookInstance: throttledFirst(2, () => ({
        NotebookInstanceArn: 'arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/nb1',
      })),
    },
  });
  server.use(sagemaker.handler());
  const backend = createSageMakerNotebookBackend(clients(), settings);
  await expect(backend.create({ ...request, lifecycle: {} })).resolves.toMatchObject({
    status: 'Pending',
  });
  expect(calls.filter((call) => call.operation === 'CreateNotebookInstance')).toHaveLength(3);
});

test("SageMaker's validation errors are shown with what was refused and why", async () => {
  const sagemaker = fakeSageMakerNotebooks({
    overrides: {
      CreateNotebookInstance: () =>
        awsJsonError(
          'ValidationException',
          "Value 'ml.x.huge' at 'instanceType' failed to satisfy constraint",
        ),
    },
  });
  server.use(sagemaker.handler());
  const backend = createSageMakerNotebookBackend(clients(), settings);
  const attempt = backend.create({ ...request, lifecycle: {} });
  await expect(attempt).rejects.toThrow(ValidationError);
  await expect(attempt).rejects.toThrow(
    "notebook: SageMaker refused to create notebook nb1: Value 'ml.x.huge' at 'instanceType' failed to satisfy constraint",
  );
  server.use(fakeSageMakerNotebooks().handler());
  await expect(backend.start('missing', owner, {})).rejects.toThrow(
    'SageMaker refused to start notebook missing: RecordNotFound: Notebook Instance missing does not exist',
  );
});

test('with user-scoped roles the notebook runs as the project-user role, created once with the boundary and policies', async () => {
  const iamCalls: { action: string; params: URLSearchParams }[] = [];
  const iam = fakeIam({ calls: iamCalls });
  const calls: { operation: string; body: Record<string, unknown> }[] = [];
  server.use(fakeSageMakerNotebooks({ calls }).handler(), iam.handler());
  const backend = createSageMakerNotebookBackend(clients(), {
    ...settings,
    userScopedRoles: {
      prefix: 'MLSpace',
      permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/mlspace-boundary',
      basePolicyArns: ['arn:aws:iam::123456789012:policy/mlspace-notebook-policy'],
      dataBucket: 'mlspace-data',
      accountId: '123456789012',
    },
  });
  await backend.create({ ...request, lifecycle: {} });
  const roleName = projectUserRoleName('MLSpace', 'vision', 'alice');
  expect(roleName).toHaveLength(64);
  const role = iam.roles.get(roleName);
  expect(role).toMatchObject({
    boundary: 'arn:aws:iam::123456789012:policy/mlspace-boundary',
    tags: { project: 'vision', user: 'alice', system: 'MLSpace', 'dynamic-user-role': 'true' },
  });
  expect(JSON.parse(role!.trust)).toMatchObject({
    Statement: [{ Principal: { Service: ['sagemaker.amazonaws.com', 'translate.amazonaws.com'] } }],
  });
  expect([...role!.attached].sort()).toEqual([
    'arn:aws:iam::123456789012:policy/MLSpace-project-vision',
    'arn:aws:iam::123456789012:policy/MLSpace-user-alice',
    'arn:aws:iam::123456789012:policy/mlspace-notebook-policy',
  ]);
  expect(calls.find((call) => call.operation === 'CreateNotebookInstance')?.body.RoleArn).toBe(
    `arn:aws:iam::123456789012:role/${roleName}`,
  );

  // A second notebook reuses the role; its policies are read and, unchanged and attached, left alone.
  iamCalls.length = 0;
  await backend.create({ ...request, name: 'nb2', lifecycle: {} });
  expect(iamCalls.map((call) => call.action)).toEqual([
    'GetRole',
    'GetPolicy',
    'GetPolicyVersion',
    'GetPolicy',
    'GetPolicyVersion',
    'ListAttachedRolePolicies',
  ]);
});

test('a role name that cannot fit is refused with the rule', () => {
  expect(() => projectUserRoleName('MLSpace'.repeat(8), 'vision', 'alice')).toThrow(
    'over the 64 character limit for IAM role names',
  );
});

test('logs are read from CloudWatch page by page, then followed from the last event', async () => {
  server.use(
    fakeCloudWatchLogs([
      { logStreamName: 'nb1/jupyter.log', timestamp: 1_700_000_000_000, message: 'started' },
      { logStreamName: 'nb1/LifecycleConfigOnStart', timestamp: 1_700_000_001_000, message: 'hi' },
      { logStreamName: 'nb1/jupyter.log', timestamp: 1_700_000_002_000, message: 'kernel up' },
      { logStreamName: 'nb2/jupyter.log', timestamp: 1_700_000_003_000, message: 'not mine' },
    ])(),
  );
  const backend = createSageMakerNotebookBackend(clients(), settings);
  const first = await backend.logs({ name: 'nb1' });
  expect(first.lines.map((line) => line.message)).toEqual([
    'jupyter.log: started',
    'LifecycleConfigOnStart: hi',
  ]);
  const second = await backend.logs({ name: 'nb1', cursor: first.cursor });
  expect(second.lines).toEqual([
    { at: '2023-11-14T22:13:22.000Z', message: 'jupyter.log: kernel up' },
  ]);
  expect(second.cursor).toBe('t:1700000002001');
  expect((await backend.logs({ name: 'nb1', cursor: second.cursor })).lines).toEqual([]);
});
