// IAM policy simulation of a project-user role as the account holds it: the deployment's base
// policies and boundary (synthesized here) plus the documents the app writes at run time
// (packages/aws/src/notebooks), evaluated against the requests a notebook's SDK code would make.
import { describe, expect, test } from 'vitest';

import {
  foundationModelsDocument,
  imagePullDocument,
  instanceTypeConstraintDocument,
  projectPolicyDocument,
  userPolicyDocument,
} from '@mlspace/aws';
import { evaluateIam, type RequestContext } from '@mlspace/testing/iam-policy';

import { basicAnswers, synthesize } from './helpers';
import { documentOf, evaluate, iamModel } from './iam-model';

const place = { account: basicAnswers.awsAccount, region: basicAnswers.awsRegion };
const { tf } = synthesize();
const iam = iamModel(tf, place);
const policyNamed = (name: string) => {
  const found = [...iam.policies.values()].find((policy) => policy.name === name);
  if (!found) throw new Error(`No policy ${name}`);
  return documentOf(found.statements);
};
const bucket = `mlspace-prod-data-${place.account}`;
const kmsKeyArn = iam.resolve(
  `\${aws_kms_key.${Object.keys(tf.resource.aws_kms_key ?? {})[0]}.arn}`,
);
const sagemakerArn = (resource: string) =>
  `arn:aws:sagemaker:${place.region}:${place.account}:${resource}`;

const allowed = {
  notebook: ['ml.t3.medium'],
  training: ['ml.m5.xlarge', 'ml.g5.xlarge'],
  transform: ['ml.m5.xlarge'],
  endpoint: ['ml.m5.large'],
};

const allowedImageRepositories = [
  `${place.account}.dkr.ecr.${place.region}.amazonaws.com/team/trainer`,
  `111122223333.dkr.ecr.us-east-1.amazonaws.com/shared/*`,
];

const haiku = 'anthropic.claude-3-haiku-20240307-v1:0';
const allowedFoundationModels = { region: place.region, modelIds: [haiku] };

/** alice's role in project vision; alice is in group "research", which has dataset "shared". */
const aliceWith = (types: typeof allowed, models = allowedFoundationModels) => ({
  policies: [
    policyNamed('MLSpace-prod-project-user'),
    policyNamed('MLSpace-prod-kms-instance-conditions'),
    projectPolicyDocument('vision', bucket),
    userPolicyDocument('alice', bucket, ['group/datasets/shared/']),
    ...(['notebook', 'training', 'transform', 'endpoint'] as const).map((kind) =>
      instanceTypeConstraintDocument(kind, types[kind]),
    ),
    imagePullDocument(allowedImageRepositories),
    foundationModelsDocument(models),
  ],
  boundary: policyNamed('MLSpace-prod-project-user-boundary'),
});
const alice = aliceWith(allowed);
const principalTags: RequestContext = {
  'aws:PrincipalTag/project': 'vision',
  'aws:PrincipalTag/user': 'alice',
  'aws:PrincipalTag/system': 'MLSpace',
};
const mlspaceTags: RequestContext = {
  'aws:RequestTag/system': 'MLSpace',
  'aws:RequestTag/project': 'vision',
  'aws:RequestTag/user': 'alice',
  'aws:TagKeys': ['project', 'user', 'system'],
};

function createTrainingJob(context: RequestContext) {
  const request = {
    action: 'sagemaker:CreateTrainingJob',
    resource: sagemakerArn('training-job/sdk-job'),
    context: {
      ...principalTags,
      ...mlspaceTags,
      'sagemaker:InstanceTypes': ['ml.m5.xlarge'],
      'sagemaker:VolumeKmsKey': kmsKeyArn,
      ...context,
    },
  };
  return evaluateIam(alice, request);
}

describe('SageMaker work started with the SDK from a notebook', () => {
  test('a training job on an allowed instance type, tagged and with the volume key, is allowed', () => {
    expect(createTrainingJob({})).toBe('allowed');
  });

  test('a training job on an instance type the configuration does not allow is denied (the constraints were never attached)', () => {
    expect(createTrainingJob({ 'sagemaker:InstanceTypes': ['ml.p4d.24xlarge'] })).toBe('denied');
    expect(
      createTrainingJob({ 'sagemaker:InstanceTypes': ['ml.m5.xlarge', 'ml.p4d.24xlarge'] }),
    ).toBe('denied');
  });

  test('the allowed types of one use do not open another: a notebook type is not a training type', () => {
    expect(createTrainingJob({ 'sagemaker:InstanceTypes': ['ml.t3.medium'] })).toBe('denied');
  });

  test('a create without the project, user and system tags is denied', () => {
    for (const tag of ['aws:RequestTag/project', 'aws:RequestTag/user', 'aws:RequestTag/system'])
      expect(createTrainingJob({ [tag]: [] }), tag).toBe('denied');
  });

  test('a create tagged with another project or another user is denied', () => {
    expect(createTrainingJob({ 'aws:RequestTag/project': 'finance' })).toBe('denied');
    expect(createTrainingJob({ 'aws:RequestTag/user': 'bob' })).toBe('denied');
  });

  test('a create with another key or without one is denied, unless every instance has instance storage', () => {
    expect(
      createTrainingJob({
        'sagemaker:VolumeKmsKey': `arn:aws:kms:${place.region}:${place.account}:key/other`,
      }),
    ).toBe('denied');
    expect(createTrainingJob({ 'sagemaker:VolumeKmsKey': [] })).toBe('denied');
    // Instance storage is encrypted by the hardware and SageMaker refuses a key there.
    const onInstanceStorage = aliceWith({ ...allowed, training: ['ml.m5d.large'] });
    const withoutKey = (types: string[]) => ({
      action: 'sagemaker:CreateTrainingJob',
      resource: sagemakerArn('training-job/sdk-job'),
      context: { ...principalTags, ...mlspaceTags, 'sagemaker:InstanceTypes': types },
    });
    expect(evaluateIam(onInstanceStorage, withoutKey(['ml.m5d.large']))).toBe('allowed');
  });

  test("a job may run only as the caller's own role, never another member's", () => {
    const passRole = (roleTags: { project: string; user: string }) =>
      evaluateIam(alice, {
        action: 'iam:PassRole',
        resource: `arn:aws:iam::${place.account}:role/MLSpace-prod-pu-vision-0123abcd`,
        context: {
          ...principalTags,
          'iam:PassedToService': 'sagemaker.amazonaws.com',
          'aws:ResourceTag/project': roleTags.project,
          'aws:ResourceTag/user': roleTags.user,
        },
      });
    expect(passRole({ project: 'vision', user: 'alice' })).toBe('allowed');
    expect(passRole({ project: 'vision', user: 'bob' })).toBe('denied');
    expect(passRole({ project: 'finance', user: 'alice' })).toBe('denied');
  });

  test('other calls that take an instance type, such as processing jobs, are not granted', () => {
    expect(
      evaluateIam(alice, {
        action: 'sagemaker:CreateProcessingJob',
        resource: sagemakerArn('processing-job/p'),
        context: { ...principalTags, ...mlspaceTags, 'sagemaker:InstanceTypes': ['ml.m5.xlarge'] },
      }),
    ).toBe('denied');
  });

  test('a project-user role can change no role or policy, its own and its constraints included', () => {
    for (const action of [
      'iam:CreatePolicyVersion',
      'iam:SetDefaultPolicyVersion',
      'iam:DetachRolePolicy',
      'iam:DeleteRolePermissionsBoundary',
      'iam:PutRolePolicy',
    ])
      for (const resource of [
        `arn:aws:iam::${place.account}:policy/MLSpace-prod-pu-instance-types-training`,
        `arn:aws:iam::${place.account}:role/MLSpace-prod-pu-vision-0123abcd`,
      ])
        expect(
          evaluateIam(alice, { action, resource, context: principalTags }),
          `${action} ${resource}`,
        ).toBe('denied');
  });
});

describe('data reachable as the dataset scopes say', () => {
  const s3 = (action: string, key: string, context: RequestContext = {}) =>
    evaluateIam(alice, {
      action,
      resource:
        action === 's3:ListBucket' ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`,
      context: { ...principalTags, ...context },
    });
  const list = (prefix: string) => s3('s3:ListBucket', '', { 's3:prefix': prefix });

  test("the project's, global, private and shared group datasets are read and listed", () => {
    for (const key of [
      'project/vision/datasets/images/a.png',
      'global/datasets/public/a.csv',
      'private/alice/datasets/mine/a.csv',
      'group/datasets/shared/a.csv',
    ])
      expect(s3('s3:GetObject', key), key).toBe('allowed');
    for (const prefix of [
      'project/vision/',
      'global/datasets/',
      'private/alice/',
      'group/datasets/shared/',
    ])
      expect(list(prefix), prefix).toBe('allowed');
  });

  test("another project's dataset is neither read nor listed", () => {
    expect(s3('s3:GetObject', 'project/finance/datasets/ledger/a.csv')).toBe('denied');
    expect(list('project/finance/')).toBe('denied');
    expect(list('project/')).toBe('denied');
  });

  test("a group dataset of a group alice is not in, and bob's private data, are neither read nor listed", () => {
    expect(s3('s3:GetObject', 'group/datasets/secret/a.csv')).toBe('denied');
    expect(list('group/datasets/secret/')).toBe('denied');
    expect(list('group/datasets/')).toBe('denied');
    expect(s3('s3:GetObject', 'private/bob/datasets/b/a.csv')).toBe('denied');
    expect(list('private/bob/')).toBe('denied');
  });

  test('the bucket root is not listed, and a shared prefix is not a sibling one', () => {
    expect(list('')).toBe('denied');
    expect(s3('s3:GetObject', 'group/datasets/shared-but-other/a.csv')).toBe('denied');
  });

  test('global datasets are read-only from notebooks; private ones may be deleted, shared ones not', () => {
    expect(s3('s3:PutObject', 'global/datasets/public/a.csv')).toBe('denied');
    expect(s3('s3:DeleteObject', 'private/alice/datasets/mine/a.csv')).toBe('allowed');
    expect(s3('s3:DeleteObject', 'group/datasets/shared/a.csv')).toBe('denied');
    expect(s3('s3:DeleteObject', 'project/vision/datasets/images/a.png')).toBe('denied');
  });
});

test('the app can keep the instance-type constraints current and attach them to project-user roles only', () => {
  const app = iam.roleOfFunction('mlspace-prod-api');
  const constraint = `arn:aws:iam::${place.account}:policy/MLSpace-prod-pu-instance-types-training`;
  const boundary = `arn:aws:iam::${place.account}:policy/MLSpace-prod-project-user-boundary`;
  for (const action of ['iam:CreatePolicy', 'iam:CreatePolicyVersion', 'iam:DeletePolicyVersion'])
    expect(evaluate(app, { action, resource: constraint }), action).toBe('allowed');
  const attach = (role: string, context: RequestContext) =>
    evaluate(app, {
      action: 'iam:AttachRolePolicy',
      resource: `arn:aws:iam::${place.account}:role/${role}`,
      context: { 'iam:PolicyARN': constraint, ...context },
    });
  expect(attach('MLSpace-prod-pu-vision-0123abcd', { 'iam:PermissionsBoundary': boundary })).toBe(
    'allowed',
  );
  expect(attach('MLSpace-prod-pu-vision-0123abcd', {})).toBe('denied');
  expect(attach('MLSpace-prod-app-role', { 'iam:PermissionsBoundary': boundary })).toBe('denied');
});

describe("container images from the administrator's allowed repositories", () => {
  const pull = (action: string, repository: string) =>
    evaluateIam(alice, { action, resource: repository, context: principalTags });
  const pullActions = [
    'ecr:BatchGetImage',
    'ecr:GetDownloadUrlForLayer',
    'ecr:BatchCheckLayerAvailability',
  ];

  test('a job running as a project-user role pulls from an allowed repository and from any repository under an allowed namespace (it had no ECR rights, so own images could not start)', () => {
    for (const action of pullActions) {
      expect(
        pull(action, `arn:aws:ecr:${place.region}:${place.account}:repository/team/trainer`),
      ).toBe('allowed');
      expect(pull(action, 'arn:aws:ecr:us-east-1:111122223333:repository/shared/base')).toBe(
        'allowed',
      );
    }
    expect(pull('ecr:GetAuthorizationToken', '*')).toBe('allowed');
  });

  test('no other repository is pulled from: not a sibling, not the namespace of another region or account', () => {
    for (const repository of [
      `arn:aws:ecr:${place.region}:${place.account}:repository/team/trainer-other`,
      `arn:aws:ecr:${place.region}:${place.account}:repository/team`,
      `arn:aws:ecr:${place.region}:${place.account}:repository/shared/base`,
      'arn:aws:ecr:eu-west-1:111122223333:repository/shared/base',
    ])
      for (const action of pullActions) expect(pull(action, repository), repository).toBe('denied');
  });

  test('nothing pushes to or changes a repository, allowed or not', () => {
    for (const action of ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:SetRepositoryPolicy'])
      expect(
        pull(action, `arn:aws:ecr:${place.region}:${place.account}:repository/team/trainer`),
        action,
      ).toBe('denied');
  });

  test('with no repository allowed, nothing is pulled', () => {
    const none = {
      ...alice,
      policies: [
        ...alice.policies.slice(0, -2),
        imagePullDocument([]),
        ...alice.policies.slice(-1),
      ],
    };
    expect(
      evaluateIam(none, {
        action: 'ecr:BatchGetImage',
        resource: `arn:aws:ecr:${place.region}:${place.account}:repository/team/trainer`,
        context: principalTags,
      }),
    ).toBe('denied');
  });
});

describe("foundation models from notebooks: exactly the administrator's allowed ones", () => {
  const model = (id: string, region: string = place.region) =>
    `arn:aws:bedrock:${region}::foundation-model/${id}`;
  // Converse and ConverseStream are authorized as these two actions on the model's ARN.
  const invokeActions = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'];
  const invoke = (role: ReturnType<typeof aliceWith>, action: string, resource: string) =>
    evaluateIam(role, { action, resource, context: principalTags });

  test('an allowed model is invoked, streamed or not (without the generated policy nothing was)', () => {
    for (const action of invokeActions)
      expect(invoke(alice, action, model(haiku)), action).toBe('allowed');
  });

  test('a model the administrator did not allow is denied, also the allowed one in another region', () => {
    for (const action of invokeActions) {
      expect(invoke(alice, action, model('anthropic.claude-3-opus-20240229-v1:0'))).toBe('denied');
      expect(invoke(alice, action, model(haiku, 'us-east-1'))).toBe('denied');
    }
  });

  test('with none allowed (or Bedrock deactivated) no model is invoked', () => {
    const none = aliceWith(allowed, { region: place.region, modelIds: [] });
    for (const action of invokeActions)
      expect(invoke(none, action, model(haiku)), action).toBe('denied');
  });

  test("a model allowed in a region outside the deployment's is still denied by the boundary", () => {
    const elsewhere = aliceWith(allowed, { region: 'us-east-1', modelIds: [haiku] });
    expect(invoke(elsewhere, 'bedrock:InvokeModel', model(haiku, 'us-east-1'))).toBe('denied');
  });

  test('nothing else in Bedrock is reachable: no custom models, agents, or changing model access', () => {
    for (const [action, resource] of [
      [
        'bedrock:CreateModelCustomizationJob',
        `arn:aws:bedrock:${place.region}:${place.account}:model-customization-job/x`,
      ],
      ['bedrock:PutFoundationModelEntitlement', '*'],
      ['bedrock:InvokeAgent', `arn:aws:bedrock:${place.region}:${place.account}:agent-alias/a/b`],
    ])
      expect(invoke(alice, action!, resource!), action).toBe('denied');
  });
});

test('the app may keep the foundation-models policy current and attach it to project-user roles only', () => {
  const app = iam.roleOfFunction('mlspace-prod-api');
  const policy = `arn:aws:iam::${place.account}:policy/MLSpace-prod-pu-foundation-models`;
  for (const action of ['iam:CreatePolicy', 'iam:CreatePolicyVersion', 'iam:DeletePolicyVersion'])
    expect(evaluate(app, { action, resource: policy }), action).toBe('allowed');
});

test('the API may list the region’s models and converse with its foundation models, and nothing else of Bedrock', () => {
  const app = iam.roleOfFunction('mlspace-prod-api');
  expect(evaluate(app, { action: 'bedrock:ListFoundationModels', resource: '*' })).toBe('allowed');
  for (const action of ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'])
    expect(
      evaluate(app, {
        action,
        resource: `arn:aws:bedrock:${place.region}::foundation-model/${haiku}`,
      }),
    ).toBe('allowed');
  expect(
    evaluate(app, {
      action: 'bedrock:InvokeModel',
      resource: `arn:aws:bedrock:${place.region}:${place.account}:provisioned-model/x`,
    }),
  ).toBe('denied');
  expect(evaluate(app, { action: 'bedrock:PutFoundationModelEntitlement', resource: '*' })).toBe(
    'denied',
  );
});
