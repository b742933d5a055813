import type { Decision } from './decision';
import { allow, deny } from './decision';
import type { Principal, ProjectFacts, ResourceFacts, ScheduledResourceKind } from './facts';
import { scheduledResourceKinds } from './facts';
import { isCreator } from './creator';
import { whenActive } from './gate';
import { notAMember, projectSuspended, resourceKindLabels } from './reasons';

/**
 * Admins are not exempt from membership, because resources run under the creator's project role
 * and are billed to the project. A suspended project accepts nothing new.
 */
export function canCreateResource(principal: Principal | null, project: ProjectFacts): Decision {
  return whenActive(principal, (user) => {
    if (project.role === null) {
      return deny(
        user.isAdmin
          ? `Admins too must be members of project '${project.name}' to create anything in it`
          : notAMember(project),
      );
    }
    if (project.suspended) return deny(projectSuspended(project));
    return allow;
  });
}

/** Describe a resource and read its logs and metrics. */
export function canReadResource(principal: Principal | null, resource: ResourceFacts): Decision {
  return whenActive(principal, (user) =>
    user.isAdmin || resource.project.role !== null ? allow : deny(notAMember(resource.project)),
  );
}

/** Stop, update, delete or reschedule; allowed in a suspended project so that it can be cleaned up. */
export function canManageResource(principal: Principal | null, resource: ResourceFacts): Decision {
  return whenActive(principal, (user) => {
    const { project } = resource;
    if (user.isAdmin || project.role === 'owner') return allow;
    if (project.role === null) return deny(notAMember(project));
    if (isCreator(user, resource)) return allow;
    return deny(
      `Only the ${resourceKindLabels[resource.kind]}'s creator, owners of project '${project.name}' and admins may stop, update, delete or reschedule it`,
    );
  });
}

/** The creator's override depends on the project's switch for that kind; owners and admins always may. */
export function canOverrideSchedule(
  principal: Principal | null,
  resource: ResourceFacts,
): Decision {
  return whenActive(principal, (user) => {
    const { project, kind } = resource;
    const label = resourceKindLabels[kind];
    if (!isScheduled(kind)) return deny(`A ${label} has no stop or termination time to override`);
    if (user.isAdmin || project.role === 'owner') return allow;
    if (project.role === null) return deny(notAMember(project));
    if (!isCreator(user, resource)) {
      return deny(
        `Only the ${label}'s creator, owners of project '${project.name}' and admins may override its stop or termination time`,
      );
    }
    if (project.allowOwnerOverride?.[kind] === true) return allow;
    return deny(
      `Project '${project.name}' does not let creators override a ${label}'s stop or termination time`,
    );
  });
}

export function canInvokeEndpoint(principal: Principal | null, endpoint: ResourceFacts): Decision {
  return whenActive(principal, (user) => {
    if (endpoint.kind !== 'endpoint')
      return deny(`A ${resourceKindLabels[endpoint.kind]} cannot be invoked`);
    return user.isAdmin || endpoint.project.role !== null
      ? allow
      : deny(notAMember(endpoint.project));
  });
}

function isScheduled(kind: ResourceFacts['kind']): kind is ScheduledResourceKind {
  return (scheduledResourceKinds as readonly string[]).includes(kind);
}
