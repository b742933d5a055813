import { createHash } from 'node:crypto';

import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  ListPolicyVersionsCommand,
  NoSuchEntityException,
  EntityAlreadyExistsException,
  type IAMClient,
} from '@aws-sdk/client-iam';

import { UnavailableError, ValidationError } from '@mlspace/core';

import { resourceTags } from '../tags';
import {
  maxManagedPolicyLength,
  projectPolicyDocument,
  userPolicyDocument,
} from './project-user-policies';

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
 * Creates the managed policy, or brings an existing one to `document` (a new default version, the
 * oldest other version removed when IAM's five are used), so grants follow the rules as they are
 * now: a group share added or removed since the role was made, a tightened scope.
 */
async function ensurePolicy(
  iam: IAMClient,
  name: string,
  document: unknown,
  accountId: string,
): Promise<string> {
  const text = JSON.stringify(document);
  if (text.length > maxManagedPolicyLength)
    throw new UnavailableError(
      `The IAM policy ${name} would be ${text.length} characters, over IAM's ${maxManagedPolicyLength}; share fewer group datasets with this user's groups`,
    );
  const arn = `arn:aws:iam::${accountId}:policy/${name}`;
  let defaultVersion = await defaultVersionOf(iam, arn);
  if (defaultVersion === null) {
    try {
      const created = await iam.send(
        new CreatePolicyCommand({ PolicyName: name, PolicyDocument: text }),
      );
      return created.Policy?.Arn ?? arn;
    } catch (error) {
      // Two first uses at once: the other request created it; bring it to this document below.
      if (!(error instanceof EntityAlreadyExistsException)) throw error;
      defaultVersion = await defaultVersionOf(iam, arn);
    }
  }
  const current = defaultVersion
    ? await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: defaultVersion }))
    : undefined;
  const currentText = current?.PolicyVersion?.Document
    ? decodeURIComponent(current.PolicyVersion.Document)
    : '';
  if (sameDocument(currentText, text)) return arn;
  const versions =
    (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions ?? [];
  const others = versions.filter((version) => !version.IsDefaultVersion);
  if (versions.length >= 5 && others.length > 0) {
    const oldest = others.sort(
      (a, b) => (a.CreateDate?.getTime() ?? 0) - (b.CreateDate?.getTime() ?? 0),
    )[0]!;
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: oldest.VersionId }));
  }
  await iam.send(
    new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: text, SetAsDefault: true }),
  );
  return arn;
}

/** The policy's default version id, or null when there is no such policy. */
async function defaultVersionOf(iam: IAMClient, arn: string): Promise<string | null> {
  try {
    const policy = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    return policy.Policy?.DefaultVersionId ?? '';
  } catch (error) {
    if (error instanceof NoSuchEntityException) return null;
    throw error;
  }
}

function sameDocument(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
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
  const groupDatasetPrefixes = (await settings.groupDatasetPrefixes?.(owner.username)) ?? [];
  const projectPolicyArn = () =>
    ensurePolicy(
      iam,
      `${settings.prefix}-project-${owner.project}`,
      projectPolicyDocument(owner.project, settings.dataBucket),
      settings.accountId,
    );
  const userPolicyArn = () =>
    ensurePolicy(
      iam,
      `${settings.prefix}-user-${owner.username}`,
      userPolicyDocument(owner.username, settings.dataBucket, groupDatasetPrefixes),
      settings.accountId,
    );
  try {
    const existing = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    if (existing.Role?.Arn) {
      // The policies are attached already; their documents follow the current shares and rules.
      await projectPolicyArn();
      await userPolicyArn();
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
  const policies = [await projectPolicyArn(), await userPolicyArn()];
  for (const policyArn of [...settings.basePolicyArns, ...policies]) {
    await iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));
  }
  return roleArn;
}
