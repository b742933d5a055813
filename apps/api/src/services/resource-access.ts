/**
 * "This caller, this resource" as policy facts, for every compute kind but notebooks (which keep
 * their own rules). A caller who may not read the resource gets the same denial whether or not it
 * exists, so names cannot be probed.
 */
import {
  ForbiddenError,
  NotFoundError,
  assertAllowed,
  type ComputeKind,
  type Decision,
  type Principal,
  type ResourceFacts,
  type ResourceRecord,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

const labels: Record<ComputeKind, string> = {
  notebook: 'notebook',
  trainingJob: 'training job',
  hpoJob: 'tuning job',
  transformJob: 'transform job',
  model: 'model',
  endpointConfig: 'endpoint configuration',
  endpoint: 'endpoint',
  labelingJob: 'labeling job',
  batchTranslateJob: 'batch translation job',
  emrCluster: 'cluster',
};

export interface ResourceAccess {
  record: ResourceRecord;
  facts: ResourceFacts;
}

export async function authorizeResource(
  db: Db,
  principal: Principal,
  kind: ComputeKind,
  name: string,
  decide: (principal: Principal, facts: ResourceFacts) => Decision,
): Promise<ResourceAccess> {
  const record = await db.resources.get(kind, name);
  const label = labels[kind];
  if (!record) {
    if (principal.isAdmin) throw new NotFoundError(`There is no ${label} named ${name}`);
    throw new ForbiddenError(`There is no ${label} named ${name} that you may see`);
  }
  const { project, role } = await db.projectAccess.of(record.project, principal.username);
  const facts: ResourceFacts = {
    kind,
    createdBy: record.owner,
    createdAt: record.createdAt,
    project: {
      name: record.project,
      suspended: project?.suspended ?? true,
      // Members of a project being deleted no longer reach its resources.
      role: project && !project.deletion ? role : null,
    },
  };
  assertAllowed(decide(principal, facts));
  return { record, facts };
}
