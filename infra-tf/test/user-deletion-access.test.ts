// Deleting a user (apps/api/src/services/user-deletion.ts) removes their project-user roles and
// user policy (packages/aws/src/user-role-deletion.ts) and their private files. Here the IAM calls
// that code makes against the contract-checked IAM fake are recorded and each one is evaluated
// against the synthesized roles of the Lambdas that run it (the API, and the sweep that retries).
import { IAMClient } from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, test } from 'vitest';

import { ensureProjectUserRole, deleteUserRoles, type UserScopedRoles } from '@mlspace/aws';
import { fakeIam, iamRoleDeletionActions, mockHttp } from '@mlspace/testing';

import { basicAnswers, synthesize } from './helpers';
import { evaluate, iamModel, type Context, type Request } from './iam-model';

const place = { account: basicAnswers.awsAccount, region: basicAnswers.awsRegion };
const iam = iamModel(synthesize().tf, place);
const roleArn = (name: string) => `arn:aws:iam::${place.account}:role/${name}`;
const policyArn = (name: string) => `arn:aws:iam::${place.account}:policy/${name}`;
const boundary = policyArn('MLSpace-prod-project-user-boundary');
const runners = ['api', 'sweep'].map((fn) => iam.roleOfFunction(`mlspace-prod-${fn}`));
const bucket = `mlspace-prod-data-${place.account}`;

/** As the API Lambda is configured (MLSPACE_IAM_ROLE_PREFIX and friends, infra-tf compute.ts). */
const settings: UserScopedRoles = {
  prefix: 'MLSpace-prod-pu',
  permissionsBoundaryArn: boundary,
  basePolicyArns: [
    policyArn('MLSpace-prod-project-user'),
    policyArn('MLSpace-prod-kms-instance-conditions'),
  ],
  dataBucket: bucket,
  accountId: place.account,
};

const server = mockHttp();
const calls: { action: string; params: URLSearchParams }[] = [];
const fake: ReturnType<typeof fakeIam> = fakeIam({
  calls,
  overrides: iamRoleDeletionActions(() => fake),
});
const client = new IAMClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

/** The boundary of each role before the deletion, as IAM reads it for a call on that role. */
const boundaries = new Map<string, string | null>();

/** The IAM request one recorded call is, with the condition keys IAM sets for it. */
function requestOf({ action, params }: (typeof calls)[number]): Request {
  const role = params.get('RoleName');
  const policy = params.get('PolicyArn');
  const context: Context = {};
  if (role) {
    context['iam:PermissionsBoundary'] = boundaries.get(role) ?? [];
    if (policy) context['iam:PolicyARN'] = policy;
  }
  const resource = role ? roleArn(role) : (policy ?? '*');
  return { action: `iam:${action}`, resource, context };
}

let deletionCalls: Request[] = [];

beforeAll(async () => {
  server.use(fake.handler());
  for (const project of ['vision', 'speech'])
    await ensureProjectUserRole(client, settings, { project, username: 'alice' }, 'MLSpace');
  await ensureProjectUserRole(client, settings, { project: 'vision', username: 'bob' }, 'MLSpace');
  for (const [name, role] of fake.roles) boundaries.set(name, role.boundary);
  calls.length = 0;
  const deleted = await deleteUserRoles(client, settings, 'alice', ['vision']);
  expect(deleted).toHaveLength(3);
  deletionCalls = calls.map(requestOf);
});

describe("deleting a user's IAM", () => {
  test('every IAM call the deletion makes is allowed to the API and sweep roles (defect: user deletion failed on AWS with AccessDenied)', () => {
    expect(new Set(deletionCalls.map((call) => call.action))).toEqual(
      new Set([
        'iam:ListRoles',
        'iam:ListRoleTags',
        'iam:ListAttachedRolePolicies',
        'iam:DetachRolePolicy',
        'iam:ListRolePolicies',
        'iam:DeleteRole',
        'iam:ListPolicies',
        'iam:ListPolicyVersions',
        'iam:DeletePolicy',
      ]),
    );
    for (const role of runners)
      for (const call of deletionCalls)
        expect(evaluate(role, call), `${role.name} ${call.action} ${call.resource}`).toBe(
          'allowed',
        );
  });

  test('the same calls on any role or policy outside the deployment’s project-user prefix are denied', () => {
    const outside = [
      'MLSpace-prod-app-role',
      'MLSpace-prod-notebook-role',
      'MLSpace-prod-pushy',
      'MLSpace-dev-pu-vision-0123abcd',
      'OrganizationAdmin',
    ];
    const writes = deletionCalls.filter((call) => !call.action.startsWith('iam:List'));
    for (const role of runners)
      for (const call of writes)
        for (const name of outside) {
          const resource = call.resource.includes(':role/') ? roleArn(name) : policyArn(name);
          // The most an attacker could claim: the target carries the project-user boundary.
          const context = { ...call.context, 'iam:PermissionsBoundary': boundary };
          expect(evaluate(role, { ...call, resource, context }), `${call.action} ${name}`).toBe(
            'denied',
          );
        }
  });

  test('the grant lets no Lambda role widen a role: it can neither drop a boundary, add an inline policy, attach an AWS policy nor rewrite the deployment’s policies', () => {
    const projectUserRole = roleArn('MLSpace-prod-pu-vision-0123abcd');
    const widening: Request[] = [
      { action: 'iam:DeleteRolePermissionsBoundary', resource: projectUserRole },
      { action: 'iam:PutRolePolicy', resource: projectUserRole },
      { action: 'iam:UpdateAssumeRolePolicy', resource: projectUserRole },
      {
        action: 'iam:AttachRolePolicy',
        resource: projectUserRole,
        context: {
          'iam:PermissionsBoundary': boundary,
          'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess',
        },
      },
      ...runners.flatMap((runner) =>
        ['iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:DetachRolePolicy'].map((action) => ({
          action,
          resource: runner.arn,
          context: { 'iam:PolicyARN': policyArn('MLSpace-prod-pu-user-alice') },
        })),
      ),
      ...[...iam.policies.values()].map((policy) => ({
        action: 'iam:CreatePolicyVersion',
        resource: policy.arn,
      })),
    ];
    for (const role of [...runners, iam.roleOfFunction('mlspace-prod-events')])
      for (const request of widening)
        expect(evaluate(role, request), `${role.name} ${request.action} ${request.resource}`).toBe(
          'denied',
        );
  });
});

test("the API and sweep roles may list and delete the files under a user's private prefix", () => {
  for (const role of runners) {
    expect(
      evaluate(role, {
        action: 's3:ListBucket',
        resource: `arn:aws:s3:::${bucket}`,
        context: { 's3:prefix': 'private/alice/' },
      }),
    ).toBe('allowed');
    expect(
      evaluate(role, {
        action: 's3:DeleteObject',
        resource: `arn:aws:s3:::${bucket}/private/alice/datasets/mine/a.csv`,
      }),
    ).toBe('allowed');
  }
});
