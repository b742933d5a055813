import type { Decision } from './decision';
import { allow, deny } from './decision';
import type { Principal, ResourceFacts } from './facts';
import { isCreator } from './creator';
import { whenActive } from './gate';
import { notAMember, projectSuspended, resourceKindLabels } from './reasons';

/**
 * A running notebook acts with its creator's credentials and holds their files, so only the
 * creator starts or opens it, admins included, and only while still a project member.
 */
function creatorOfActiveNotebook(
  principal: Principal | null,
  notebook: ResourceFacts,
  verb: 'start' | 'open',
  suspendedReason: string,
): Decision {
  return whenActive(principal, (user) => {
    if (notebook.kind !== 'notebook') {
      return deny(
        `A ${resourceKindLabels[notebook.kind]} is not a notebook and cannot be ${verb === 'start' ? 'started' : 'opened'} as one`,
      );
    }
    if (!isCreator(user, notebook)) return deny(`Only the notebook's creator may ${verb} it`);
    if (notebook.project.role === null) return deny(notAMember(notebook.project));
    if (notebook.project.suspended) return deny(suspendedReason);
    return allow;
  });
}

export function canStartNotebook(principal: Principal | null, notebook: ResourceFacts): Decision {
  return creatorOfActiveNotebook(principal, notebook, 'start', projectSuspended(notebook.project));
}

/** Open the notebook's Jupyter, through the proxy or a presigned URL. */
export function canOpenNotebook(principal: Principal | null, notebook: ResourceFacts): Decision {
  return creatorOfActiveNotebook(
    principal,
    notebook,
    'open',
    `Project '${notebook.project.name}' is suspended: its notebooks cannot be opened`,
  );
}
