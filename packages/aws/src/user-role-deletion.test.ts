import { IAMClient } from '@aws-sdk/client-iam';
import { expect, test } from 'vitest';

import { fakeIam, iamRoleDeletionActions, mockHttp } from '@mlspace/testing';

import {
  ensureProjectUserRole,
  projectUserRoleName,
  type UserScopedRoles,
} from './notebooks/project-user-role';
import { deleteUserRoles } from './user-role-deletion';

const server = mockHttp();

const roles: UserScopedRoles = {
  prefix: 'MLSpace',
  permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/mlspace-boundary',
  basePolicyArns: ['arn:aws:iam::123456789012:policy/mlspace-notebook-policy'],
  dataBucket: 'mlspace-data',
  accountId: '123456789012',
};

function world() {
  // The overrides read the fake's maps at call time, once fakeIam has returned them.
  const iam: ReturnType<typeof fakeIam> = fakeIam({
    overrides: iamRoleDeletionActions(() => iam),
  });
  server.use(iam.handler());
  const client = new IAMClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return { iam, client };
}

test("deleting a user removes their role in every project, also one they left, and their user policy, and nothing of anyone else's (defect: a deleted user's IAM roles and policy stayed behind)", async () => {
  const { iam, client } = world();
  for (const project of ['vision', 'speech'])
    await ensureProjectUserRole(client, roles, { project, username: 'alice' }, 'MLSpace');
  await ensureProjectUserRole(client, roles, { project: 'vision', username: 'bob' }, 'MLSpace');
  // A role of the name alice's would have, that MLSpace did not make (no tags): it stays.
  const handmade = projectUserRoleName('MLSpace', 'nlp', 'alice');
  iam.roles.set(handmade, {
    arn: `arn:aws:iam::123456789012:role/${handmade}`,
    boundary: null,
    attached: new Set(),
    trust: '{}',
    tags: {},
  });

  // alice is still in vision; she left speech earlier, but its role holds her policy.
  const deleted = await deleteUserRoles(client, roles, 'alice', ['vision']);

  expect(deleted.sort()).toEqual(
    [
      `role ${projectUserRoleName('MLSpace', 'vision', 'alice')}`,
      `role ${projectUserRoleName('MLSpace', 'speech', 'alice')}`,
      'policy MLSpace-user-alice',
    ].sort(),
  );
  expect([...iam.roles.keys()].sort()).toEqual(
    [handmade, projectUserRoleName('MLSpace', 'vision', 'bob')].sort(),
  );
  expect([...iam.policies.keys()].sort()).toEqual([
    'MLSpace-project-speech',
    'MLSpace-project-vision',
    'MLSpace-user-bob',
  ]);
  expect(await deleteUserRoles(client, roles, 'alice', ['vision'])).toEqual([]);
});
