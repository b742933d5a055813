/**
 * Deleting a user removes the IAM made for them when user-scoped roles are on: their role in every
 * project they were ever in (also ones they left: the role outlives the membership, and holds their
 * user policy) and their user policy. Roles are found by name (projectUserRoleName of the project
 * the name holds and this user). A role is deleted only when its tags say MLSpace made it for this user, so a role of the
 * same name that MLSpace did not create is never touched; "already gone" counts as done, so a
 * retry after a partial failure finishes the job.
 */
import {
  ListPoliciesCommand,
  ListRoleTagsCommand,
  ListRolesCommand,
  NoSuchEntityException,
  type IAMClient,
} from '@aws-sdk/client-iam';

import { deletePolicy, deleteRole } from './notebooks/project-user-role-deletion';
import { projectUserRoleName, type UserScopedRoles } from './notebooks/project-user-role';

async function tagsOf(iam: IAMClient, roleName: string): Promise<Record<string, string> | null> {
  const tags: Record<string, string> = {};
  let marker: string | undefined;
  try {
    do {
      const page = await iam.send(new ListRoleTagsCommand({ RoleName: roleName, Marker: marker }));
      for (const tag of page.Tags ?? []) if (tag.Key) tags[tag.Key] = tag.Value ?? '';
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
  } catch (error) {
    if (error instanceof NoSuchEntityException) return null;
    throw error;
  }
  return tags;
}

/** Removes the user's project-user roles and their user policy; returns what it removed. */
export async function deleteUserRoles(
  iam: IAMClient,
  settings: Pick<UserScopedRoles, 'prefix'>,
  username: string,
  projects: readonly string[],
): Promise<string[]> {
  const deleted: string[] = [];
  const start = `${settings.prefix}-`;
  const names = new Set<string>();
  let rolesMarker: string | undefined;
  do {
    const page = await iam.send(new ListRolesCommand({ Marker: rolesMarker }));
    for (const role of page.Roles ?? []) {
      const roleName = role.RoleName ?? '';
      if (!roleName.startsWith(start)) continue;
      // `{prefix}-{project}-{hash}`: project names have no hyphen.
      const project = roleName.slice(start.length, roleName.lastIndexOf('-'));
      if (project && projectUserRoleName(settings.prefix, project, username) === roleName)
        names.add(roleName);
    }
    rolesMarker = page.IsTruncated ? page.Marker : undefined;
  } while (rolesMarker);
  // The projects MLSpace knows of too, in case IAM's listing lags behind a role just made.
  for (const project of projects)
    names.add(projectUserRoleName(settings.prefix, project, username));
  for (const roleName of names) {
    const tags = await tagsOf(iam, roleName);
    if (tags?.['dynamic-user-role'] !== 'true' || tags.user !== username) continue;
    await deleteRole(iam, roleName);
    deleted.push(`role ${roleName}`);
  }
  const policyName = `${settings.prefix}-user-${username}`.toLowerCase();
  let marker: string | undefined;
  do {
    const page = await iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker: marker }));
    for (const policy of page.Policies ?? []) {
      if (policy.PolicyName?.toLowerCase() !== policyName || !policy.Arn) continue;
      await deletePolicy(iam, policy.Arn);
      deleted.push(`policy ${policy.PolicyName}`);
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return deleted;
}
