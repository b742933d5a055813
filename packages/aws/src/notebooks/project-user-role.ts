import { createHash } from 'node:crypto';

import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  NoSuchEntityException,
  EntityAlreadyExistsException,
  type IAMClient,
} from '@aws-sdk/client-iam';

import { ValidationError } from '@mlspace/core';

import { resourceTags } from '../tags';
import { ensureConfiguredPolicies, type ConfiguredLimits } from './configured-policies';
import { ensurePolicy } from './managed-policy';
import { projectPolicyDocument, userPolicyDocument } from './project-user-policies';

export interface UserScopedRoles {
  /** Role and policy name prefix, e.g. `MLSpace`. */
  prefix: string;
  permissionsBoundaryArn: string;
  /** Managed policies every notebook role has (the deployment's notebook policy). */
  basePolicyArns: readonly string[];
  dataBucket: string;
  accountId: string;
  /**
   * The group datasets shared with the user's groups (`group/datasets/<name>/`), read when a role
   * is used; without it the role reaches no group dataset.
   */
  groupDatasetPrefixes?: (username: string) => Promise<readonly string[]>;
  /**
   * The dynamic configuration's allowed instance types and image repositories, read when a role is
   * used; with it every role carries the instance-type constraints and the image-pull grant
   * (configured-policies.ts).
   */
  configuredLimits?: () => Promise<ConfiguredLimits>;
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
  const groupDatasetPrefixes = (await settings.groupDatasetPrefixes?.(owner.username)) ?? [];
  const configuredLimits = await settings.configuredLimits?.();
  // Every use brings the documents to the current shares, rules and configuration.
  const policyArns = async () => [
    await ensurePolicy(
      iam,
      `${settings.prefix}-project-${owner.project}`,
      projectPolicyDocument(owner.project, settings.dataBucket),
      settings.accountId,
      'use a shorter project name',
    ),
    await ensurePolicy(
      iam,
      `${settings.prefix}-user-${owner.username}`,
      userPolicyDocument(owner.username, settings.dataBucket, groupDatasetPrefixes),
      settings.accountId,
      "share fewer group datasets with this user's groups",
    ),
    ...(configuredLimits ? await ensureConfiguredPolicies(iam, settings, configuredLimits) : []),
  ];
  try {
    const existing = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    if (existing.Role?.Arn) {
      // A role made before a policy existed (the configured ones) gets it now.
      const wanted = [...settings.basePolicyArns, ...(await policyArns())];
      const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
      const have = new Set((attached.AttachedPolicies ?? []).map((policy) => policy.PolicyArn));
      for (const policyArn of wanted.filter((arn) => !have.has(arn)))
        await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));
      return existing.Role.Arn;
    }
  } catch (error) {
    if (!(error instanceof NoSuchEntityException)) throw error;
  }
  const trust = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        // Translate too: a batch translation job reads and writes the project's data as this role.
        Principal: { Service: ['sagemaker.amazonaws.com', 'translate.amazonaws.com'] },
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
  for (const policyArn of [...settings.basePolicyArns, ...(await policyArns())]) {
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));
  }
  return roleArn;
}
