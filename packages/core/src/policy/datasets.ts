import type { Decision } from './decision';
import { allow, deny } from './decision';
import type { DatasetCreationFacts, DatasetFacts, Principal, ProjectFacts } from './facts';
import { isCreator } from './creator';
import { whenActive } from './gate';
import { notAMember, projectSuspended } from './reasons';

const projectMissing = 'A project dataset must belong to a project';

function sharesAGroup(dataset: DatasetFacts): boolean {
  return dataset.callerGroups.some((group) => dataset.sharedWithGroups.includes(group));
}

/** Members of the dataset's audience (other than its creator and admins), per scope. */
function audienceRule(dataset: DatasetFacts, verb: string): Decision {
  switch (dataset.scope) {
    case 'global':
      return allow;
    case 'project':
      if (dataset.project === undefined) return deny(projectMissing);
      return dataset.project.role !== null
        ? allow
        : deny(`Only members of project '${dataset.project.name}' may ${verb} its datasets`);
    case 'private':
      return deny(`Only the creator may ${verb} a private dataset`);
    case 'group':
      return sharesAGroup(dataset)
        ? allow
        : deny(`Only members of the groups a dataset is shared with may ${verb} it`);
  }
}

/** Read, list files and download. */
export function canReadDataset(principal: Principal | null, dataset: DatasetFacts): Decision {
  return whenActive(principal, (user) =>
    user.isAdmin || isCreator(user, dataset) ? allow : audienceRule(dataset, 'read'),
  );
}

/**
 * Admins may read everything but add files only where they belong, like any user; uploading into
 * a suspended project's dataset is creating something in it, so it is refused.
 */
export function canUploadToDataset(principal: Principal | null, dataset: DatasetFacts): Decision {
  return whenActive(principal, (user) => {
    const eligible = isCreator(user, dataset) ? allow : audienceRule(dataset, 'upload to');
    if (!eligible.allowed) return eligible;
    if (dataset.scope === 'project' && dataset.project?.suspended)
      return deny(projectSuspended(dataset.project));
    return allow;
  });
}

/** Edit the dataset, delete its files, delete it. */
export function canEditDataset(principal: Principal | null, dataset: DatasetFacts): Decision {
  return whenActive(principal, (user) =>
    user.isAdmin || isCreator(user, dataset)
      ? allow
      : deny("Only the dataset's creator and admins may edit it, delete its files or delete it"),
  );
}

/**
 * The caller becomes the creator. Membership rules apply to admins too: they create only in
 * projects they belong to and share only with groups they belong to.
 */
export function canCreateDataset(
  principal: Principal | null,
  request: DatasetCreationFacts,
): Decision {
  return whenActive(principal, () => {
    switch (request.scope) {
      case 'global':
      case 'private':
        return allow;
      case 'project':
        return request.project === undefined
          ? deny(projectMissing)
          : projectCreation(request.project);
      case 'group':
        return groupCreation(request);
    }
  });
}

function projectCreation(project: ProjectFacts): Decision {
  if (project.role === null) return deny(notAMember(project));
  if (project.suspended) return deny(projectSuspended(project));
  return allow;
}

/** A creator may share only with groups they belong to, so no one publishes into a group from outside. */
function groupCreation(request: DatasetCreationFacts): Decision {
  if (request.groups.length === 0)
    return deny('A group dataset must be shared with at least one group');
  const foreign = request.groups.filter((group) => !request.callerGroups.includes(group));
  if (foreign.length === 0) return allow;
  const names = foreign.map((group) => `'${group}'`).join(', ');
  return deny(
    `You may share a dataset only with groups you belong to; you are not a member of ${names}`,
  );
}
