import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { expect, test } from 'vitest';

import { fakeIam, iamRoleDeletionActions, mockHttp } from '@mlspace/testing';

import {
  ensureProjectUserRole,
  projectUserRoleName,
  type UserScopedRoles,
} from './project-user-role';
import { deleteProjectUserRoles } from './project-user-role-deletion';

const server = mockHttp();

const iamClient = () =>
  new IAMClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

const roles: UserScopedRoles = {
  prefix: 'MLSpace',
  permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/mlspace-boundary',
  basePolicyArns: ['arn:aws:iam::123456789012:policy/mlspace-notebook-policy'],
  dataBucket: 'mlspace-data',
  accountId: '123456789012',
};

function world() {
  const calls: { action: string; params: URLSearchParams }[] = [];
  // The overrides read the fake's maps at call time, once fakeIam has returned them.
  const iam: ReturnType<typeof fakeIam> = fakeIam({
    calls,
    overrides: iamRoleDeletionActions(() => iam),
  });
  server.use(iam.handler());
  return { iam, calls, client: iamClient() };
}

test('deleting a project removes its project-user roles (detached, inline policies gone) and its project policy, and nothing of other projects (defect: a deleted project left its IAM roles and policies behind)', async () => {
  const { iam, client } = world();
  for (const username of ['alice', 'bob'])
    await ensureProjectUserRole(client, roles, { project: 'vision', username }, 'MLSpace');
  await ensureProjectUserRole(
    client,
    roles,
    { project: 'visionary', username: 'alice' },
    'MLSpace',
  );
  const aliceRole = projectUserRoleName('MLSpace', 'vision', 'alice');
  await client.send(
    new PutRolePolicyCommand({
      RoleName: aliceRole,
      PolicyName: 'SMPassRolePolicy',
      PolicyDocument: '{}',
    }),
  );
  // A role with a matching name that MLSpace did not create (no dynamic-user-role tag) stays.
  iam.roles.set('MLSpace-vision-handmade', {
    arn: 'arn:aws:iam::123456789012:role/MLSpace-vision-handmade',
    boundary: null,
    attached: new Set(),
    trust: '{}',
    tags: { project: 'vision' },
  });

  const deleted = await deleteProjectUserRoles(client, roles, 'Vision');

  expect(deleted.sort()).toEqual(
    [
      `role ${aliceRole}`,
      `role ${projectUserRoleName('MLSpace', 'vision', 'bob')}`,
      'policy MLSpace-project-vision',
    ].sort(),
  );
  expect([...iam.roles.keys()].sort()).toEqual(
    ['MLSpace-vision-handmade', projectUserRoleName('MLSpace', 'visionary', 'alice')].sort(),
  );
  expect([...iam.policies.keys()].sort()).toEqual([
    'MLSpace-project-visionary',
    'MLSpace-user-alice',
    'MLSpace-user-bob',
  ]);
});

test('deleting the roles of a project again, after they are gone, succeeds and removes nothing more', async () => {
  const { client, calls } = world();
  await ensureProjectUserRole(client, roles, { project: 'vision', username: 'alice' }, 'MLSpace');
  await deleteProjectUserRoles(client, roles, 'vision');
  calls.length = 0;

  expect(await deleteProjectUserRoles(client, roles, 'vision')).toEqual([]);
  expect(calls.map((call) => call.action)).toEqual(['ListRoles', 'ListPolicies']);
});

test('a role IAM refuses to delete fails the step with IAM’s reason, so the deletion is retried', async () => {
  const iam: ReturnType<typeof fakeIam> = fakeIam({
    overrides: {
      ...iamRoleDeletionActions(() => iam),
      DeleteRole: () => ({
        error: { code: 'ServiceFailure', message: 'IAM is unavailable', status: 500 },
      }),
    },
  });
  server.use(iam.handler());
  const client = iamClient();
  await ensureProjectUserRole(client, roles, { project: 'vision', username: 'alice' }, 'MLSpace');

  await expect(deleteProjectUserRoles(client, roles, 'vision')).rejects.toThrow(
    'IAM is unavailable',
  );
  expect(iam.policies.has('MLSpace-project-vision')).toBe(true);
});
