import type { Decision } from './decision';
import { allow, deny } from './decision';
import type { Principal, ProjectCreationPolicy, ProjectFacts } from './facts';
import { whenActive } from './gate';
import { notAMember } from './reasons';

type Role = ProjectFacts['role'];

/**
 * A group link gives exactly its own role, so a user is an owner only through a direct owner
 * link or a group linked as owner. Callers compute `ProjectFacts.role` with this.
 */
export function effectiveProjectRole(direct: Role, viaGroups: readonly Role[]): Role {
  const roles = [direct, ...viaGroups];
  if (roles.includes('owner')) return 'owner';
  if (roles.includes('member')) return 'member';
  return null;
}

/** Owners or admins: the shared rule behind every project-management action. */
function ownerOrAdmin(
  principal: Principal | null,
  project: ProjectFacts,
  reason: string,
): Decision {
  return whenActive(principal, (user) => {
    if (user.isAdmin || project.role === 'owner') return allow;
    if (project.role === null) return deny(notAMember(project));
    return deny(reason);
  });
}

/** The allowed-groups policy is enforced, not just stored. */
export function canCreateProject(
  principal: Principal | null,
  policy: ProjectCreationPolicy,
  callerGroups: readonly string[],
): Decision {
  return whenActive(principal, (user) => {
    if (user.isAdmin || policy.mode === 'everyone') return allow;
    if (
      policy.mode === 'groups' &&
      callerGroups.some((group) => policy.allowedGroups.includes(group))
    ) {
      return allow;
    }
    if (policy.mode === 'groups') {
      const groups = policy.allowedGroups.map((group) => `'${group}'`).join(', ');
      return deny(
        `Only admins and members of the groups ${groups || '(none)'} may create projects`,
      );
    }
    return deny('Only admins may create projects');
  });
}

/** Every active user lists the projects they belong to; the query scopes the list, not the policy. */
export function canListOwnProjects(principal: Principal | null): Decision {
  return whenActive(principal, () => allow);
}

/** Every project, suspended ones included. */
export function canListAllProjects(principal: Principal | null): Decision {
  return whenActive(principal, (user) =>
    user.isAdmin ? allow : deny('Only admins may list every project'),
  );
}

/** Read a project and list its resources; suspension does not hide a project from its members. */
export function canReadProject(principal: Principal | null, project: ProjectFacts): Decision {
  return whenActive(principal, (user) =>
    user.isAdmin || project.role !== null ? allow : deny(notAMember(project)),
  );
}

/** Update the project, its cost controls, members, groups and roles. */
export function canManageProject(principal: Principal | null, project: ProjectFacts): Decision {
  return ownerOrAdmin(
    principal,
    project,
    `Only owners of project '${project.name}' and admins may change it, its cost controls, members, groups and roles`,
  );
}

/** Suspend or reinstate. */
export function canSuspendProject(principal: Principal | null, project: ProjectFacts): Decision {
  return ownerOrAdmin(
    principal,
    project,
    `Only owners of project '${project.name}' and admins may suspend or reinstate it`,
  );
}

/** Deleting requires a suspension first so that the cascade has already stopped everything. */
export function canDeleteProject(principal: Principal | null, project: ProjectFacts): Decision {
  const allowed = ownerOrAdmin(
    principal,
    project,
    `Only owners of project '${project.name}' and admins may delete it`,
  );
  if (!allowed.allowed || project.suspended) return allowed;
  return deny(`Project '${project.name}' must be suspended before it can be deleted`);
}

/** Any member may leave, but a project always keeps an owner. */
export function canLeaveProject(
  principal: Principal | null,
  project: ProjectFacts,
  facts: { isLastOwner: boolean },
): Decision {
  return whenActive(principal, () => {
    if (project.role === null) return deny(notAMember(project));
    if (facts.isLastOwner) {
      return deny(
        `You are the last owner of project '${project.name}': make someone else an owner before leaving`,
      );
    }
    return allow;
  });
}
