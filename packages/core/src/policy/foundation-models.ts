import type { Decision } from './decision';
import { allow, deny } from './decision';
import type { Principal, ProjectFacts } from './facts';
import { whenActive } from './gate';
import { notAMember, projectSuspended } from './reasons';

/**
 * Converse in a project's playground. A conversation is billed to the project and runs as its
 * members do, so only its members may, admins too only when members, and not while it is
 * suspended.
 */
export function canUsePlayground(principal: Principal | null, project: ProjectFacts): Decision {
  return whenActive(principal, (user) => {
    if (project.role === null)
      return deny(
        user.isAdmin
          ? `Admins too must be members of project '${project.name}' to use its playground`
          : notAMember(project),
      );
    if (project.suspended) return deny(projectSuspended(project));
    return allow;
  });
}

/** Every member's tokens used in a project: its owners and admins see them, as they see costs. */
export function canReadModelUsage(principal: Principal | null, project: ProjectFacts): Decision {
  return whenActive(principal, (user) => {
    if (user.isAdmin || project.role === 'owner') return allow;
    if (project.role === null) return deny(notAMember(project));
    return deny(`Only owners of project '${project.name}' and admins see its model usage`);
  });
}
