import { describe, expect, test } from 'vitest';
import { basicAnswers, resources, synthesize } from './helpers';
import { evaluate, iamModel, type Context, type RoleModel } from './iam-model';

const place = { account: basicAnswers.awsAccount, region: basicAnswers.awsRegion };
const { json, tf } = synthesize();
const iam = iamModel(tf, place);

const roleArn = (name: string) => `arn:aws:iam::${place.account}:role/${name}`;
const policyArn = (name: string) => `arn:aws:iam::${place.account}:policy/${name}`;
const roleNamed = (name: string): RoleModel => {
  const role = iam.roles.get(roleArn(name));
  if (!role) throw new Error(`No role ${name}`);
  return role;
};
const app = roleNamed('MLSpace-prod-app-role');
const lambdaRoles = ['api', 'sweep', 'events', 'portal'].map((fn) =>
  iam.roleOfFunction(`mlspace-prod-${fn}`),
);
// User code in a notebook runs as the notebook role (or a project-user role, whose base policy
// holds the same workload statements): it must not change IAM either.
const callers = [...lambdaRoles, roleNamed('MLSpace-prod-notebook-role')];
const boundaryArn = policyArn('MLSpace-prod-project-user-boundary');
const projectUserRole = roleArn('MLSpace-prod-pu-vision-0123abcd');
const projectUserPolicy = policyArn('MLSpace-prod-pu-project-vision');
const sagemakerArn = (resource: string) =>
  `arn:aws:sagemaker:${place.region}:${place.account}:${resource}`;
const mlspaceTags: Context = {
  'aws:RequestTag/system': 'MLSpace',
  'aws:RequestTag/project': 'vision',
  'aws:RequestTag/user': 'alice',
  'aws:TagKeys': ['project', 'user', 'system'],
};

/** The most an attacker could claim: the boundary is ours and the policy is a project-user one. */
const favourable: Context = {
  'iam:PermissionsBoundary': boundaryArn,
  'iam:PolicyARN': projectUserPolicy,
};
const policyWrites = [
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:DeletePolicyVersion',
  'iam:DeletePolicy',
  'iam:TagPolicy',
];
const roleWrites = [
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:UpdateAssumeRolePolicy',
  'iam:DeleteRole',
  'iam:TagRole',
];

describe('no role can change a policy attached to a role without a permission boundary', () => {
  test('no Lambda or notebook role may rewrite a policy of any role the stack creates (iam:CreatePolicyVersion on the instance-constraint policies let a compromised Lambda make itself account admin)', () => {
    const deploymentPolicies = [...iam.policies.values()];
    expect(deploymentPolicies.map((p) => p.name)).toEqual(
      expect.arrayContaining(['MLSpace-prod-kms-instance-conditions', 'MLSpace-prod-notebook']),
    );
    for (const role of callers)
      for (const policy of deploymentPolicies)
        for (const action of policyWrites)
          expect(
            evaluate(role, { action, resource: policy.arn, context: favourable }),
            `${role.name} ${action} ${policy.name}`,
          ).toBe('denied');
  });

  test('no Lambda or notebook role may reshape a role the stack creates, the app role and the notebook role included', () => {
    // app, system, notebook, portal, and the EMR service and instance roles.
    expect(iam.roles.size).toBe(6);
    for (const role of callers)
      for (const target of iam.roles.values())
        for (const action of roleWrites)
          expect(
            evaluate(role, { action, resource: target.arn, context: favourable }),
            `${role.name} ${action} ${target.name}`,
          ).toBe('denied');
  });

  test('the project-user boundary itself cannot be changed by the app', () => {
    for (const action of policyWrites)
      expect(evaluate(app, { action, resource: boundaryArn, context: favourable })).toBe('denied');
  });

  test('every policy the app may change is attachable only to roles that carry the boundary', () => {
    // Project-user policies are the only ones the app may write; they go on project-user roles only.
    expect(
      evaluate(app, { action: 'iam:CreatePolicy', resource: projectUserPolicy, context: {} }),
    ).toBe('allowed');
    const attach = (resource: string, context: Context) =>
      evaluate(app, { action: 'iam:AttachRolePolicy', resource, context });
    expect(attach(projectUserRole, favourable)).toBe('allowed');
    expect(attach(projectUserRole, { ...favourable, 'iam:PermissionsBoundary': [] })).toBe(
      'denied',
    );
    for (const role of iam.roles.values()) expect(attach(role.arn, favourable)).toBe('denied');
  });

  test('the app attaches only MLSpace policies to project-user roles, never an AWS managed one', () => {
    expect(
      evaluate(app, {
        action: 'iam:AttachRolePolicy',
        resource: projectUserRole,
        context: {
          ...favourable,
          'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess',
        },
      }),
    ).toBe('denied');
  });
});

describe('project-user roles always carry the boundary', () => {
  const createRole = (context: Context) =>
    evaluate(app, { action: 'iam:CreateRole', resource: projectUserRole, context });

  test('a project-user role is created only with the boundary and the MLSpace tags', () => {
    expect(createRole({ ...favourable, 'aws:RequestTag/system': 'MLSpace' })).toBe('allowed');
    expect(createRole({ 'aws:RequestTag/system': 'MLSpace' })).toBe('denied');
    expect(
      createRole({
        'iam:PermissionsBoundary': policyArn('SomethingElse'),
        'aws:RequestTag/system': 'MLSpace',
      }),
    ).toBe('denied');
  });

  test('no role outside the project-user prefix can be created, even with the boundary', () => {
    expect(
      evaluate(app, {
        action: 'iam:CreateRole',
        resource: roleArn('MLSpace-prod-escape'),
        context: { ...favourable, 'aws:RequestTag/system': 'MLSpace' },
      }),
    ).toBe('denied');
  });

  test('a boundary can be neither removed nor replaced', () => {
    expect(
      evaluate(app, {
        action: 'iam:DeleteRolePermissionsBoundary',
        resource: projectUserRole,
        context: favourable,
      }),
    ).toBe('denied');
    expect(
      evaluate(app, {
        action: 'iam:PutRolePermissionsBoundary',
        resource: projectUserRole,
        context: { 'iam:PermissionsBoundary': policyArn('Wider') },
      }),
    ).toBe('denied');
  });
});

describe('tag on create', () => {
  test('SageMaker resources are created only with the project, user and system tags', () => {
    const create = (context: Context) =>
      evaluate(app, {
        action: 'sagemaker:CreateNotebookInstance',
        resource: sagemakerArn('notebook-instance/nb1'),
        context,
      });
    expect(create(mlspaceTags)).toBe('allowed');
    expect(create({})).toBe('denied');
    expect(create({ ...mlspaceTags, 'aws:RequestTag/system': 'Other' })).toBe('denied');
    const { ['aws:RequestTag/project']: _project, ...withoutProject } = mlspaceTags;
    expect(create(withoutProject)).toBe('denied');
  });

  test('sagemaker:AddTags is allowed only with exactly the MLSpace tags a create sends', () => {
    const addTags = (context: Context) =>
      evaluate(app, {
        action: 'sagemaker:AddTags',
        resource: sagemakerArn('training-job/job1'),
        context,
      });
    expect(addTags(mlspaceTags)).toBe('allowed');
    expect(addTags({ ...mlspaceTags, 'aws:TagKeys': ['project', 'user', 'system', 'owner'] })).toBe(
      'denied',
    );
    expect(addTags({ 'aws:TagKeys': ['project'], 'aws:RequestTag/project': 'x' })).toBe('denied');
  });

  test('the app starts, stops and deletes only resources tagged with its system tag', () => {
    const start = (context: Context) =>
      evaluate(app, {
        action: 'sagemaker:StartNotebookInstance',
        resource: sagemakerArn('notebook-instance/nb1'),
        context,
      });
    expect(start({ 'aws:ResourceTag/system': 'MLSpace' })).toBe('allowed');
    expect(start({ 'aws:ResourceTag/system': 'SomeoneElse' })).toBe('denied');
  });
});

describe('EMR clusters', () => {
  const clusterArn = `arn:aws:elasticmapreduce:${place.region}:${place.account}:cluster/j-1ABCDEF`;
  const emrService = roleArn('MLSpace-prod-emr-service-role');
  const emrInstance = roleArn('MLSpace-prod-emr-instance-role');

  test('the app runs clusters only with the project, user and system tags', () => {
    const run = (context: Context) =>
      evaluate(app, { action: 'elasticmapreduce:RunJobFlow', resource: '*', context });
    expect(run(mlspaceTags)).toBe('allowed');
    expect(run({ ...mlspaceTags, 'aws:RequestTag/system': 'SomeoneElse' })).toBe('denied');
    expect(run({ 'aws:RequestTag/system': 'MLSpace', 'aws:RequestTag/project': 'vision' })).toBe(
      'denied',
    );
  });

  test('the app describes and terminates only clusters tagged with its system tag', () => {
    for (const action of [
      'elasticmapreduce:TerminateJobFlows',
      'elasticmapreduce:DescribeCluster',
    ]) {
      const act = (system: string) =>
        evaluate(app, {
          action,
          resource: clusterArn,
          context: { 'aws:ResourceTag/system': system },
        });
      expect(act('MLSpace'), action).toBe('allowed');
      expect(act('SomeoneElse'), action).toBe('denied');
    }
  });

  test('the app passes the EMR service role only to EMR and the instance role only to EC2, and no other role to either', () => {
    const pass = (resource: string, service: string) =>
      evaluate(app, {
        action: 'iam:PassRole',
        resource,
        context: { 'iam:PassedToService': service },
      });
    expect(pass(emrService, 'elasticmapreduce.amazonaws.com')).toBe('allowed');
    expect(pass(emrInstance, 'ec2.amazonaws.com')).toBe('allowed');
    expect(pass(emrService, 'ec2.amazonaws.com')).toBe('denied');
    expect(pass(emrInstance, 'sagemaker.amazonaws.com')).toBe('denied');
    expect(pass(roleArn('MLSpace-prod-app-role'), 'elasticmapreduce.amazonaws.com')).toBe('denied');
    expect(pass(projectUserRole, 'ec2.amazonaws.com')).toBe('denied');
  });

  test('no notebook role may run an EMR cluster', () => {
    expect(
      evaluate(roleNamed('MLSpace-prod-notebook-role'), {
        action: 'elasticmapreduce:RunJobFlow',
        resource: '*',
        context: mlspaceTags,
      }),
    ).toBe('denied');
  });
});

describe('Amazon Translate', () => {
  const terminologyArn = `arn:aws:translate:${place.region}:${place.account}:terminology/storage`;

  test('the app may make exactly the Translate calls its code makes', () => {
    for (const action of [
      'translate:TranslateText',
      'translate:ListLanguages',
      'translate:ListTerminologies',
      'translate:StartTextTranslationJob',
      'translate:ListTextTranslationJobs',
      'translate:DescribeTextTranslationJob',
      'translate:StopTextTranslationJob',
    ])
      expect(evaluate(app, { action, resource: '*' }), action).toBe('allowed');
    for (const action of ['translate:GetTerminology', 'translate:ListTagsForResource'])
      expect(evaluate(app, { action, resource: terminologyArn }), action).toBe('allowed');
    for (const action of [
      'translate:CreateParallelData',
      'translate:TranslateDocument',
      'translate:UntagResource',
    ])
      expect(evaluate(app, { action, resource: '*' }), action).toBe('denied');
  });

  test('the app imports terminologies only tagged with its system and the importing user', () => {
    const importing = (context: Context) =>
      evaluate(app, { action: 'translate:ImportTerminology', resource: terminologyArn, context });
    expect(importing({ 'aws:RequestTag/system': 'MLSpace', 'aws:RequestTag/user': 'alice' })).toBe(
      'allowed',
    );
    expect(importing({ 'aws:RequestTag/system': 'MLSpace' })).toBe('denied');
    expect(
      importing({ 'aws:RequestTag/system': 'SomeoneElse', 'aws:RequestTag/user': 'alice' }),
    ).toBe('denied');
  });

  test('the app deletes only terminologies tagged with its system', () => {
    const deleting = (system: string) =>
      evaluate(app, {
        action: 'translate:DeleteTerminology',
        resource: terminologyArn,
        context: { 'aws:ResourceTag/system': system },
      });
    expect(deleting('MLSpace')).toBe('allowed');
    expect(deleting('SomeoneElse')).toBe('denied');
  });

  test("the app passes workload roles to Translate, as jobs' data-access roles, and to no other new service", () => {
    const passing = (service: string) =>
      evaluate(app, {
        action: 'iam:PassRole',
        resource: roleArn('MLSpace-prod-notebook-role'),
        context: { 'iam:PassedToService': service },
      });
    expect(passing('translate.amazonaws.com')).toBe('allowed');
    expect(passing('bedrock.amazonaws.com')).toBe('denied');
    expect(passing('lambda.amazonaws.com')).toBe('denied');
  });

  test('no notebook role may import or delete terminologies', () => {
    const notebook = roleNamed('MLSpace-prod-notebook-role');
    for (const action of ['translate:ImportTerminology', 'translate:DeleteTerminology'])
      expect(
        evaluate(notebook, {
          action,
          resource: terminologyArn,
          context: { 'aws:RequestTag/system': 'MLSpace', 'aws:ResourceTag/system': 'MLSpace' },
        }),
        action,
      ).toBe('denied');
  });
});

test('the portal role reads no secret and carries only the basic execution policy', () => {
  const portal = iam.roleOfFunction('mlspace-prod-portal');
  expect(portal.policies).toEqual([]);
  expect(portal.managedPolicyArns).toEqual([
    'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  ]);
});

test('no secret value is in the Terraform configuration, and so none in its state', () => {
  expect(tf.resource.random_password).toBeUndefined();
  expect(tf.resource.aws_secretsmanager_secret_version).toBeUndefined();
  expect(tf.data.aws_secretsmanager_random_password).toBeUndefined();
  expect(json).not.toMatch(/"secret_(string|binary)(_wo)?"/);
  const secrets = resources(tf, 'aws_secretsmanager_secret').map(([, s]) => s.name);
  expect(secrets.sort()).toEqual([
    'mlspace-prod/oidc-client-secret',
    'mlspace-prod/session-secret',
  ]);
  expect(tf.output.session_secret_arn?.value).toMatch(/aws_secretsmanager_secret\./);
});

describe('an organisation permission boundary', () => {
  const { tf: orgTf } = synthesize({ iam: { permissionsBoundaryPolicyName: 'CorpBoundary' } });
  const corpBoundary = policyArn('CorpBoundary');
  const org = iamModel(orgTf, place);

  test('is put on every role the stack creates', () => {
    expect(org.roles.size).toBe(6);
    for (const role of org.roles.values()) expect(role.boundary?.arn, role.name).toBe(corpBoundary);
  });

  test('is the boundary of the project-user roles the app creates', () => {
    for (const [, fn] of resources(orgTf, 'aws_lambda_function').filter(
      ([, f]) => f.function_name !== 'mlspace-prod-portal',
    )) {
      const vars = (fn.environment as { variables: Record<string, string> }).variables;
      expect(vars.MLSPACE_PERMISSIONS_BOUNDARY_ARN).toBe(corpBoundary);
    }
    expect(resources(orgTf, 'aws_iam_policy').map(([, p]) => p.name)).not.toContain(
      'MLSpace-prod-project-user-boundary',
    );
    const orgApp = org.roleOfFunction('mlspace-prod-api');
    const createRole = (boundary: string) =>
      evaluate(orgApp, {
        action: 'iam:CreateRole',
        resource: projectUserRole,
        context: { 'iam:PermissionsBoundary': boundary, 'aws:RequestTag/system': 'MLSpace' },
      });
    expect(createRole(corpBoundary)).toBe('allowed');
    expect(createRole(boundaryArn)).toBe('denied');
  });

  test('is absent unless configured', () => {
    for (const role of iam.roles.values()) expect(role.boundary, role.name).toBeUndefined();
  });
});
