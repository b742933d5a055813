/**
 * Clusters (EMR on AWS, Dask locally): the registry record and the cluster backend kept in step.
 * A cluster is reached by the backend's id kept on its record (`metadata.clusterId`); a terminated
 * cluster stays listed until someone removes it, as the reference learned to do.
 */
import {
  ValidationError,
  type ClusterBackend,
  type ClusterDescription,
  type ClusterStatus,
  type ComputeBackend,
  type ComputeStatus,
  type ResourceRecord,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { backendFor, refreshRecord } from './ml-resources';

export const endedClusterStatuses: readonly ComputeStatus[] = [
  'Terminated',
  'TerminatedWithErrors',
];

export function isClusterEnded(status: ComputeStatus): boolean {
  return endedClusterStatuses.includes(status);
}

/** The backend's id of a registered cluster; records made before the backend answered have none. */
export function clusterIdOf(record: ResourceRecord): string | null {
  return record.metadata.clusterId ?? null;
}

export function clusterBackend(compute: ComputeBackend): ClusterBackend {
  return backendFor(compute, 'emrCluster');
}

/** What the backend says of the cluster now (null: it no longer knows it). */
export async function describeCluster(
  compute: ComputeBackend,
  record: ResourceRecord,
): Promise<ClusterDescription | null> {
  const id = clusterIdOf(record);
  return id ? clusterBackend(compute).describe(id) : null;
}

/** Applies the backend's view to the record (events may have been missed) and returns both. */
export async function refreshCluster(
  db: Db,
  compute: ComputeBackend,
  record: ResourceRecord,
): Promise<{ record: ResourceRecord; description: ClusterDescription | null }> {
  const description = await describeCluster(compute, record);
  return { record: await refreshRecord(db, record, description), description };
}

/** Why the cluster ends now, as its state-change message shows it. */
function terminationReason(record: ResourceRecord, actor: string, now: Date): string {
  if (record.terminateAt && record.terminateAt <= now.toISOString())
    return `Terminated at its scheduled termination time (${record.terminateAt}), by the project's cost controls`;
  return actor === record.owner ? 'Terminated by its creator' : `Terminated by ${actor}`;
}

/**
 * Asks the backend to terminate the cluster and records Terminating; false when it had already
 * ended. The termination time is cleared, so the sweep does not pick the cluster up again.
 */
export async function terminateCluster(
  db: Db,
  compute: ComputeBackend,
  record: ResourceRecord,
  actor: string,
  now = new Date(),
): Promise<boolean> {
  if (isClusterEnded(record.status)) return false;
  const id = clusterIdOf(record);
  if (!id)
    throw new ValidationError('name', `the cluster ${record.name} has no backend id to terminate`);
  await clusterBackend(compute).terminate(id, terminationReason(record, actor, now));
  const status: ClusterStatus = 'Terminating';
  if (record.status !== status)
    await db.resources.update(
      'emrCluster',
      record.name,
      { status },
      actor,
      'emrCluster.terminate_requested',
    );
  if (record.terminateAt)
    await db.resources.setSchedule('emrCluster', record.name, { terminateAt: null }, actor);
  // Locally the cluster has ended by now; the record should say so at once.
  await refreshCluster(db, compute, (await db.resources.get('emrCluster', record.name)) ?? record);
  return true;
}

/**
 * A project being deleted: terminate, then forget the record once the backend reports the cluster
 * ended (locally at once; EMR takes minutes, and the deletion pass is repeated until then).
 */
export async function removeCluster(
  db: Db,
  compute: ComputeBackend,
  record: ResourceRecord,
  actor: string,
): Promise<{ waiting?: string }> {
  const { record: fresh, description } = await refreshCluster(db, compute, record);
  if (!isClusterEnded(fresh.status) && description) {
    await terminateCluster(db, compute, fresh, actor);
    const after = await describeCluster(compute, fresh);
    if (after && !isClusterEnded(after.status))
      return { waiting: `is ${after.status}; it is forgotten once terminated` };
  }
  await db.resources.remove('emrCluster', record.name, actor);
  return {};
}
