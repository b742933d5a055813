/**
 * Deleting a project removes the IAM it left behind: every project-user role of the project
 * (policies detached, inline policies deleted, then the role) and the project policy (its older
 * versions first). Roles are found by name (`{prefix}-{project}-…`, see projectUserRoleName) and
 * confirmed by their tags, so a role MLSpace did not create is never touched. Every step treats
 * "already gone" as done, so a retry after a partial failure finishes the job.
 */
import {
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  ListRolesCommand,
  NoSuchEntityException,
  type IAMClient,
} from '@aws-sdk/client-iam';

import type { UserScopedRoles } from './project-user-role';

/** The managed policy every project-user role of a project shares (created with the first role). */
export function projectPolicyName(prefix: string, project: string): string {
  return `${prefix}-project-${project}`;
}

async function ignoringMissing(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof NoSuchEntityException)) throw error;
  }
}

/** Follows IAM's Marker/IsTruncated paging to the end. */
async function allPages<T>(
  page: (
    marker: string | undefined,
  ) => Promise<{ items: T[]; marker?: string; truncated?: boolean }>,
): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const result = await page(marker);
    items.push(...result.items);
    marker = result.truncated ? result.marker : undefined;
  } while (marker);
  return items;
}

async function isProjectUserRole(iam: IAMClient, roleName: string, project: string) {
  const tags = await allPages(async (Marker) => {
    const result = await iam.send(new ListRoleTagsCommand({ RoleName: roleName, Marker }));
    return { items: result.Tags ?? [], marker: result.Marker, truncated: result.IsTruncated };
  });
  const tag = (key: string) => tags.find((candidate) => candidate.Key === key)?.Value;
  return tag('dynamic-user-role') === 'true' && tag('project')?.toLowerCase() === project;
}

export async function deleteRole(iam: IAMClient, roleName: string): Promise<void> {
  const attached = await allPages(async (Marker) => {
    const result = await iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker }),
    );
    return {
      items: result.AttachedPolicies ?? [],
      marker: result.Marker,
      truncated: result.IsTruncated,
    };
  });
  for (const policy of attached) {
    await ignoringMissing(() =>
      iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy.PolicyArn })),
    );
  }
  const inline = await allPages(async (Marker) => {
    const result = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker }));
    return {
      items: result.PolicyNames ?? [],
      marker: result.Marker,
      truncated: result.IsTruncated,
    };
  });
  for (const policyName of inline) {
    await ignoringMissing(() =>
      iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })),
    );
  }
  await ignoringMissing(() => iam.send(new DeleteRoleCommand({ RoleName: roleName })));
}

export async function deletePolicy(iam: IAMClient, policyArn: string): Promise<void> {
  const versions = await allPages(async (Marker) => {
    const result = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn, Marker }));
    return { items: result.Versions ?? [], marker: result.Marker, truncated: result.IsTruncated };
  });
  // IAM deletes a policy only once its non-default versions are gone.
  for (const version of versions.filter((candidate) => !candidate.IsDefaultVersion)) {
    await ignoringMissing(() =>
      iam.send(
        new DeletePolicyVersionCommand({ PolicyArn: policyArn, VersionId: version.VersionId }),
      ),
    );
  }
  await ignoringMissing(() => iam.send(new DeletePolicyCommand({ PolicyArn: policyArn })));
}

/**
 * Removes the project's project-user roles and its project policy; returns what it removed.
 * Project names are compared without case, as MLSpace compares them.
 */
export async function deleteProjectUserRoles(
  iam: IAMClient,
  settings: Pick<UserScopedRoles, 'prefix'>,
  project: string,
): Promise<string[]> {
  const lowerProject = project.toLowerCase();
  const rolePrefix = `${settings.prefix}-${lowerProject}-`.toLowerCase();
  const roles = await allPages(async (Marker) => {
    const result = await iam.send(new ListRolesCommand({ Marker }));
    return { items: result.Roles ?? [], marker: result.Marker, truncated: result.IsTruncated };
  });
  const deleted: string[] = [];
  for (const role of roles) {
    const roleName = role.RoleName ?? '';
    if (!roleName.toLowerCase().startsWith(rolePrefix)) continue;
    if (!(await isProjectUserRole(iam, roleName, lowerProject))) continue;
    await deleteRole(iam, roleName);
    deleted.push(`role ${roleName}`);
  }
  const policyName = projectPolicyName(settings.prefix, project).toLowerCase();
  const policies = await allPages(async (Marker) => {
    const result = await iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker }));
    return { items: result.Policies ?? [], marker: result.Marker, truncated: result.IsTruncated };
  });
  for (const policy of policies) {
    if (policy.PolicyName?.toLowerCase() !== policyName || !policy.Arn) continue;
    await deletePolicy(iam, policy.Arn);
    deleted.push(`policy ${policy.PolicyName}`);
  }
  return deleted;
}
