import { createHash } from 'node:crypto';

import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  NoSuchEntityException,
  EntityAlreadyExistsException,
  type IAMClient,
} from '@aws-sdk/client-iam';

import { ValidationError } from '@mlspace/core';

import { resourceTags } from '../tags';

export interface UserScopedRoles {
  /** Role and policy name prefix, e.g. `MLSpace`. */
  prefix: string;
  permissionsBoundaryArn: string;
  /** Managed policies every notebook role has (the deployment's notebook policy). */
  basePolicyArns: readonly string[];
  dataBucket: string;
  accountId: string;
}

const maxRoleName = 64;

/** `{prefix}-{project}-` + as much of sha256(username) as fits in 64 characters. */
export function projectUserRoleName(prefix: string, project: string, username: string): string {
  const start = `${prefix}-${project}-`;
  if (start.length >= maxRoleName) {
    throw new ValidationError(
      'project',
      `IAM role name '${start}…' would be over the 64 character limit for IAM role names; use a shorter project name or prefix`,
    );
  }
  const hash = createHash('sha256').update(username).digest('hex');
  return `${start}${hash.slice(0, maxRoleName - start.length)}`;
}

function projectPolicy(project: string, bucket: string) {
  const guarded = [
    'sagemaker:Create*',
    'sagemaker:Describe*',
    'sagemaker:Stop*',
    'sagemaker:Delete*',
    'sagemaker:Invoke*',
  ];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:PutObjectTagging'],
        Resource: `arn:aws:s3:::${bucket}/project/${project}/*`,
      },
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: `arn:aws:s3:::${bucket}`,
        Condition: { StringLike: { 's3:prefix': `project/${project}/*` } },
      },
      {
        Effect: 'Deny',
        Action: guarded,
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: {
            'aws:RequestTag/project': project,
            'aws:ResourceTag/project': project,
          },
        },
      },
    ],
  };
}

function userPolicy(username: string, bucket: string) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:PutObjectTagging'],
        Resource: [
          `arn:aws:s3:::${bucket}/private/${username}/*`,
          `arn:aws:s3:::${bucket}/global/*`,
        ],
      },
      {
        Effect: 'Deny',
        Action: ['sagemaker:Create*', 'sagemaker:Stop*', 'sagemaker:Delete*'],
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: {
            'aws:RequestTag/user': username,
            'aws:ResourceTag/user': username,
          },
        },
      },
    ],
  };
}

async function ensurePolicy(
  iam: IAMClient,
  name: string,
  document: unknown,
  accountId: string,
): Promise<string> {
  try {
    const created = await iam.send(
      new CreatePolicyCommand({ PolicyName: name, PolicyDocument: JSON.stringify(document) }),
    );
    return created.Policy?.Arn ?? `arn:aws:iam::${accountId}:policy/${name}`;
  } catch (error) {
    if (error instanceof EntityAlreadyExistsException)
      return `arn:aws:iam::${accountId}:policy/${name}`;
    throw error;
  }
}

/**
 * The role a project member's notebooks run as when user-scoped roles are on: created on first
 * use with the permissions boundary, tagged, trusting SageMaker, and given the deployment's base
 * policies plus the project and user policies.
 */
export async function ensureProjectUserRole(
  iam: IAMClient,
  settings: UserScopedRoles,
  owner: { project: string; username: string },
  systemTag: string,
): Promise<string> {
  const roleName = projectUserRoleName(settings.prefix, owner.project, owner.username);
  try {
    const existing = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    if (existing.Role?.Arn) return existing.Role.Arn;
  } catch (error) {
    if (!(error instanceof NoSuchEntityException)) throw error;
  }
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
      },
    ],
  };
  let roleArn = `arn:aws:iam::${settings.accountId}:role/${roleName}`;
  try {
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: roleName,
        AssumeRolePolicyDocument: JSON.stringify(trust),
        PermissionsBoundary: settings.permissionsBoundaryArn,
        Tags: [
          ...resourceTags({ project: owner.project, user: owner.username, systemTag }),
          { Key: 'dynamic-user-role', Value: 'true' },
        ],
      }),
    );
    roleArn = created.Role?.Arn ?? roleArn;
  } catch (error) {
    // Two first notebooks at once: the other request created it.
    if (!(error instanceof EntityAlreadyExistsException)) throw error;
  }
  const projectPolicyArn = await ensurePolicy(
    iam,
    `${settings.prefix}-project-${owner.project}`,
    projectPolicy(owner.project, settings.dataBucket),
    settings.accountId,
  );
  const userPolicyArn = await ensurePolicy(
    iam,
    `${settings.prefix}-user-${owner.username}`,
    userPolicy(owner.username, settings.dataBucket),
    settings.accountId,
  );
  for (const policyArn of [...settings.basePolicyArns, projectPolicyArn, userPolicyArn]) {
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));
  }
  return roleArn;
}
