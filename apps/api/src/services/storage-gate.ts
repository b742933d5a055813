/**
 * The data-plane gate: every storage location a procedure accepts passes through here before the
 * compute backend sees it. Inputs need read access to their dataset (or to a project's output area,
 * which only that project's members read); outputs need upload access to a dataset of the resource's
 * own project, or its output area. Backends receive the canonical URIs this returns, never the
 * caller's text.
 */
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  canReadDataset,
  canUploadToDataset,
  resolveStorageLocation,
  type DatasetLocation,
  type Principal,
  type ProjectOutputLocation,
  type StorageLocationRequest,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { callerGroupNames, loadDatasetAccess, projectFactsFor } from './dataset-access';

export interface StorageGateContext {
  db: Db;
  settings: { s3: { dataBucket: string } };
}

/**
 * Checks every location for `user` creating a resource in `project`; returns the canonical URIs in
 * the order given. The first refusal names its field and the rule.
 */
export async function assertStorageLocations(
  ctx: StorageGateContext,
  user: Principal,
  project: string,
  requests: readonly StorageLocationRequest[],
): Promise<string[]> {
  // Every location's shape is checked before any lookup, so a malformed one costs no reads.
  const resolved = requests.map((request) =>
    resolveStorageLocation(request.uri, ctx.settings.s3.dataBucket, request.field),
  );
  // A job may name twenty channels; the caller's groups are read once for all of them.
  let groups: Promise<string[]> | undefined;
  const callerGroups = () => (groups ??= callerGroupNames(ctx.db, user.username));
  const checks = await Promise.allSettled(
    resolved.map((location, index) => {
      const request = requests[index]!;
      return location.kind === 'dataset'
        ? assertDatasetAccess(ctx.db, user, project, location, request, callerGroups)
        : assertOutputAreaAccess(ctx.db, user, project, location, request);
    }),
  );
  // The refusal reported is the first in the caller's order, whichever lookup finished first.
  const refused = checks.find((check) => check.status === 'rejected');
  if (refused) throw refused.reason;
  return resolved.map((location) => location.uri);
}

async function assertDatasetAccess(
  db: Db,
  user: Principal,
  project: string,
  location: DatasetLocation,
  { field, access }: StorageLocationRequest,
  callerGroups: () => Promise<string[]>,
): Promise<void> {
  const { dataset } = location;
  if (access === 'write' && !(dataset.scope === 'project' && dataset.scopeId === project)) {
    throw new ForbiddenError(
      `a resource of project ${project} writes only into datasets of project ${project} or its output folder (s3://<bucket>/project/${project}/<folder>/)`,
      { field },
    );
  }
  const { facts, prefix } = await loadDatasetAccess(db, user, dataset, callerGroups()).catch(
    (error: unknown) => {
      throw withField(error, field);
    },
  );
  const decision =
    access === 'read' ? canReadDataset(user, facts) : canUploadToDataset(user, facts);
  if (!decision.allowed) throw new ForbiddenError(decision.reason, { field });
  assertSpelledAsStored(location.key, prefix, field);
}

/**
 * Records are found case-insensitively but S3 keys are not: `project/ALPHA/…` would reach the
 * record of project Alpha and yet name a prefix no cascade knows, where files could outlive the
 * project. A location must be spelled as what it names is stored.
 */
function assertSpelledAsStored(key: string, storedPrefix: string, field: string): void {
  if (!key.startsWith(storedPrefix))
    throw new ValidationError(
      field,
      `must be spelled as stored, with the same upper and lower case: s3://<bucket>/${storedPrefix}`,
    );
}

async function assertOutputAreaAccess(
  db: Db,
  user: Principal,
  project: string,
  location: ProjectOutputLocation,
  { field, access }: StorageLocationRequest,
): Promise<void> {
  if (access === 'write' && location.project !== project)
    throw new ForbiddenError(
      `a resource of project ${project} writes only into its own output folder, not into project ${location.project}'s`,
      { field },
    );
  const facts = await projectFactsFor(db, location.project, user.username);
  // A missing project and one the caller is not in read the same, so names cannot be probed.
  if (!facts?.role)
    throw new ForbiddenError(
      `only members of project ${location.project} may ${access === 'read' ? 'read' : 'write'} its output folder`,
      { field },
    );
  assertSpelledAsStored(location.key, `project/${facts.name}/`, field);
}

/** The dataset lookup's NOT_FOUND/FORBIDDEN, kept as they are (no existence leaks), with the field. */
function withField(error: unknown, field: string): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error instanceof NotFoundError) return new NotFoundError(error.rule, { field, cause: error });
  if (error instanceof ForbiddenError)
    return new ForbiddenError(error.rule, { field, cause: error });
  return error;
}
