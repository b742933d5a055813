/**
 * Turns "this caller, this dataset" into the facts the dataset policy decides on, and the S3
 * prefix the dataset's files live under. Missing datasets are NOT_FOUND only for callers who may
 * know they exist (admins and the dataset's audience); private datasets of others stay FORBIDDEN.
 */
import {
  ForbiddenError,
  NotFoundError,
  assertAllowed,
  datasetPrefix,
  type DatasetFacts,
  type DatasetKey,
  type DatasetRecord,
  type DatasetView,
  type Decision,
  type Principal,
  type ProjectFacts,
} from '@mlspace/core';
import type { DatasetStorage } from '@mlspace/aws';
import type { Db } from '@mlspace/db';

export interface DatasetAccess {
  record: DatasetRecord;
  facts: DatasetFacts;
  prefix: string;
}

export async function callerGroupNames(db: Db, username: string): Promise<string[]> {
  return (await db.groups.listForUser(username)).map((group) => group.name);
}

export async function projectFactsFor(
  db: Db,
  project: string,
  username: string,
): Promise<ProjectFacts | undefined> {
  const { project: view, role } = await db.projectAccess.of(project, username);
  if (!view) return undefined;
  // Members of a project being deleted no longer reach its datasets.
  return { name: view.name, suspended: view.suspended, role: view.deletion ? null : role };
}

/** `callerGroups` lets a caller checking several datasets at once read the caller's groups once. */
export async function loadDatasetAccess(
  db: Db,
  principal: Principal,
  key: DatasetKey,
  callerGroups: Promise<string[]> = callerGroupNames(db, principal.username),
): Promise<DatasetAccess> {
  const [record, groups] = await Promise.all([db.datasets.get(key), callerGroups]);
  if (!record) {
    if (
      principal.isAdmin ||
      key.scope === 'global' ||
      (key.scope === 'private' && key.scopeId === principal.username)
    ) {
      throw new NotFoundError(`Dataset ${key.name} does not exist`);
    }
    throw new ForbiddenError(`Dataset ${key.name} does not exist or you may not read it`);
  }
  const project =
    record.scope === 'project'
      ? await projectFactsFor(db, record.scopeId, principal.username)
      : undefined;
  const facts: DatasetFacts = {
    scope: record.scope,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    project,
    sharedWithGroups: record.groups,
    callerGroups: groups,
  };
  return { record, facts, prefix: datasetPrefix(record.scope, record.scopeId, record.name) };
}

export async function authorizeDataset(
  db: Db,
  principal: Principal,
  key: DatasetKey,
  decide: (principal: Principal, dataset: DatasetFacts) => Decision,
): Promise<DatasetAccess> {
  const access = await loadDatasetAccess(db, principal, key);
  assertAllowed(decide(principal, access.facts));
  return access;
}

export function toDatasetView(record: DatasetRecord, storage: DatasetStorage): DatasetView {
  return {
    ...record,
    location: storage.uri(datasetPrefix(record.scope, record.scopeId, record.name)),
  };
}
