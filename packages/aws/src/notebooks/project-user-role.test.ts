import { IAMClient } from '@aws-sdk/client-iam';
import { expect, test } from 'vitest';

import { fakeIam, mockHttp } from '@mlspace/testing';

import { ensureConfiguredPolicies } from './configured-policies';
import { ensureInstanceTypeConstraints } from './instance-type-constraints';
import { ensureProjectUserRole, type UserScopedRoles } from './project-user-role';

const server = mockHttp();

const iamClient = () =>
  new IAMClient({ region: 'us-east-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } });
const owner = { project: 'vision', username: 'alice' };

function rolesWith(shares: { current: string[] }): UserScopedRoles {
  return {
    prefix: 'MLSpace',
    permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/mlspace-boundary',
    basePolicyArns: [],
    dataBucket: 'mlspace-data',
    accountId: '123456789012',
    groupDatasetPrefixes: async () => shares.current,
  };
}

test("a group share removed after the role was made is gone from the user's policy at the next use", async () => {
  const iam = fakeIam();
  server.use(iam.handler());
  const shares = { current: ['group/datasets/shared/'] };
  await ensureProjectUserRole(iamClient(), rolesWith(shares), owner, 'MLSpace');
  const userPolicy = () => iam.policies.get('MLSpace-user-alice')!;
  expect(userPolicy().document).toContain('group/datasets/shared/*');

  shares.current = [];
  await ensureProjectUserRole(iamClient(), rolesWith(shares), owner, 'MLSpace');
  expect(userPolicy().document).not.toContain('group/');
  expect(userPolicy().defaultVersion).toBe('v2');
});

test('policy versions never exceed IAM’s five: the oldest non-default version is removed first', async () => {
  const iam = fakeIam();
  server.use(iam.handler());
  const shares = { current: [] as string[] };
  for (let round = 0; round < 8; round += 1) {
    shares.current = [`group/datasets/d${round}/`];
    await ensureProjectUserRole(iamClient(), rolesWith(shares), owner, 'MLSpace');
  }
  const policy = iam.policies.get('MLSpace-user-alice')!;
  expect(policy.versions.map((version) => version.id)).toEqual(['v4', 'v5', 'v6', 'v7', 'v8']);
  expect(policy.document).toContain('group/datasets/d7/*');
});

test('an unchanged policy is only read, never rewritten', async () => {
  const calls: { action: string; params: URLSearchParams }[] = [];
  const iam = fakeIam({ calls });
  server.use(iam.handler());
  const shares = { current: ['group/datasets/shared/'] };
  await ensureProjectUserRole(iamClient(), rolesWith(shares), owner, 'MLSpace');
  calls.length = 0;
  await ensureProjectUserRole(iamClient(), rolesWith(shares), owner, 'MLSpace');
  expect(calls.map((call) => call.action)).not.toContain('CreatePolicyVersion');
});

test('more group datasets than one IAM policy holds is refused with the reason, not truncated', async () => {
  server.use(fakeIam().handler());
  const shares = {
    current: Array.from({ length: 200 }, (_, index) => `group/datasets/dataset-${index}/`),
  };
  await expect(
    ensureProjectUserRole(iamClient(), rolesWith(shares), owner, 'MLSpace'),
  ).rejects.toThrow(/over IAM's 6144; share fewer group datasets/);
});

const allowed = {
  notebook: ['ml.t3.medium'],
  training: ['ml.m5.xlarge', 'ml.g5.xlarge'],
  transform: ['ml.m5.xlarge'],
  endpoint: [],
};
const trainerRepository = '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/trainer';
const haiku = 'anthropic.claude-3-haiku-20240307-v1:0';
const limits = {
  instanceTypes: allowed,
  allowedImageRepositories: [trainerRepository],
  allowedFoundationModels: { region: 'us-east-1', modelIds: [haiku] },
};
const constraintNames = ['notebook', 'training', 'transform', 'endpoint'].map(
  (kind) => `MLSpace-instance-types-${kind}`,
);

test('a project-user role carries the instance-type constraints of the dynamic configuration (they were never attached, so SDK work ignored the allowed types)', async () => {
  const iam = fakeIam();
  server.use(iam.handler());
  const settings = { ...rolesWith({ current: [] }), configuredLimits: async () => limits };
  await ensureProjectUserRole(iamClient(), settings, owner, 'MLSpace');
  const role = [...iam.roles.values()][0]!;
  expect([...role.attached]).toEqual(
    expect.arrayContaining(
      constraintNames.map((name) => `arn:aws:iam::123456789012:policy/${name}`),
    ),
  );
  expect(JSON.parse(iam.policies.get('MLSpace-instance-types-training')!.document)).toMatchObject({
    Statement: [
      {
        Effect: 'Deny',
        Action: ['sagemaker:CreateTrainingJob', 'sagemaker:CreateHyperParameterTuningJob'],
        Condition: {
          'ForAnyValue:StringNotEquals': {
            'sagemaker:InstanceTypes': ['ml.g5.xlarge', 'ml.m5.xlarge'],
          },
        },
      },
    ],
  });
  // Nothing allowed for endpoints: the create is denied whatever it names.
  const endpoint = JSON.parse(iam.policies.get('MLSpace-instance-types-endpoint')!.document) as {
    Statement: object[];
  };
  expect(endpoint.Statement[0]).not.toHaveProperty('Condition');
});

test('a role made before the constraints existed gets them attached at its next use', async () => {
  const iam = fakeIam();
  server.use(iam.handler());
  await ensureProjectUserRole(iamClient(), rolesWith({ current: [] }), owner, 'MLSpace');
  const role = [...iam.roles.values()][0]!;
  expect(role.attached.size).toBe(2);

  const settings = { ...rolesWith({ current: [] }), configuredLimits: async () => limits };
  await ensureProjectUserRole(iamClient(), settings, owner, 'MLSpace');
  expect(role.attached.size).toBe(8);
});

test("a project-user role may pull the images of the administrator's allowed repositories (without it a job on one's own image could not start)", async () => {
  const iam = fakeIam();
  server.use(iam.handler());
  const settings = { ...rolesWith({ current: [] }), configuredLimits: async () => limits };
  await ensureProjectUserRole(iamClient(), settings, owner, 'MLSpace');
  const role = [...iam.roles.values()][0]!;
  expect([...role.attached]).toContain('arn:aws:iam::123456789012:policy/MLSpace-image-pull');
  expect(JSON.parse(iam.policies.get('MLSpace-image-pull')!.document)).toMatchObject({
    Statement: [
      { Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      { Resource: ['arn:aws:ecr:us-east-1:123456789012:repository/team/trainer'] },
    ],
  });
});

test("a project-user role may invoke exactly the administrator's allowed foundation models, and none once they are withdrawn", async () => {
  const iam = fakeIam();
  server.use(iam.handler());
  const settings = { ...rolesWith({ current: [] }), configuredLimits: async () => limits };
  await ensureProjectUserRole(iamClient(), settings, owner, 'MLSpace');
  const role = [...iam.roles.values()][0]!;
  expect([...role.attached]).toContain(
    'arn:aws:iam::123456789012:policy/MLSpace-foundation-models',
  );
  expect(JSON.parse(iam.policies.get('MLSpace-foundation-models')!.document)).toMatchObject({
    Statement: [
      {
        Effect: 'Allow',
        Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        Resource: [`arn:aws:bedrock:us-east-1::foundation-model/${haiku}`],
      },
    ],
  });

  const names = { prefix: 'MLSpace', accountId: '123456789012' };
  await ensureConfiguredPolicies(iamClient(), names, {
    ...limits,
    allowedFoundationModels: { region: 'us-east-1', modelIds: [] },
  });
  expect(JSON.parse(iam.policies.get('MLSpace-foundation-models')!.document)).toMatchObject({
    Statement: [{ Effect: 'Deny', Resource: '*' }],
  });
});

test('a repository the administrator no longer allows is gone from the image-pull policy at the next save', async () => {
  const iam = fakeIam();
  server.use(iam.handler());
  const names = { prefix: 'MLSpace', accountId: '123456789012' };
  await ensureConfiguredPolicies(iamClient(), names, limits);
  await ensureConfiguredPolicies(iamClient(), names, { ...limits, allowedImageRepositories: [] });
  const pull = iam.policies.get('MLSpace-image-pull')!;
  expect(pull.defaultVersion).toBe('v2');
  expect(pull.document).not.toContain('repository/');
});

test('a changed configuration rewrites the constraint policies in place, as a new default version', async () => {
  const iam = fakeIam();
  server.use(iam.handler());
  const names = { prefix: 'MLSpace', accountId: '123456789012' };
  await ensureInstanceTypeConstraints(iamClient(), names, allowed);
  await ensureInstanceTypeConstraints(iamClient(), names, {
    ...allowed,
    training: ['ml.m5.xlarge'],
  });
  const training = iam.policies.get('MLSpace-instance-types-training')!;
  expect(training.defaultVersion).toBe('v2');
  expect(training.document).not.toContain('ml.g5.xlarge');
  expect(iam.policies.get('MLSpace-instance-types-notebook')!.defaultVersion).toBe('v1');
});

test('using a role again with nothing changed costs eighteen IAM reads and no write, and the role holds ten managed policies, IAM’s default quota', async () => {
  const calls: { action: string; params: URLSearchParams }[] = [];
  const iam = fakeIam({ calls });
  server.use(iam.handler());
  const settings = {
    ...rolesWith({ current: [] }),
    basePolicyArns: [
      'arn:aws:iam::123456789012:policy/mlspace-project-user',
      'arn:aws:iam::123456789012:policy/mlspace-kms-instance-conditions',
    ],
    configuredLimits: async () => limits,
  };
  await ensureProjectUserRole(iamClient(), settings, owner, 'MLSpace');
  expect([...iam.roles.values()][0]!.attached.size).toBe(10);
  calls.length = 0;

  await ensureProjectUserRole(iamClient(), settings, owner, 'MLSpace');

  const counts: Record<string, number> = {};
  for (const call of calls) counts[call.action] = (counts[call.action] ?? 0) + 1;
  // Per managed policy (project, user, four instance-type constraints, image pull, foundation
  // models): GetPolicy and GetPolicyVersion; then GetRole and ListAttachedRolePolicies.
  expect(counts).toEqual({
    GetPolicy: 8,
    GetPolicyVersion: 8,
    GetRole: 1,
    ListAttachedRolePolicies: 1,
  });
});
