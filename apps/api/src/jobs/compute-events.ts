/**
 * The EventBridge job that keeps the registry fresh on AWS: SageMaker state-change events for
 * MLSpace's resources (system tag) become status updates of their records; the registry applies a
 * report only if it is newer than the one the record holds.
 *
 * An event for a resource without a record registers it when the resource is work started from a
 * notebook with the SDK (ADR 013): it carries MLSpace's tags for an existing project and one of its
 * members, and MLSpace never knew the name (no audit entry), so a late event for a resource
 * deleted in MLSpace never resurrects it. Anything else without a record is ignored.
 */
import { ConflictError, type ComputeStatusEvent } from '@mlspace/core';
import {
  statusFromStateChange,
  type ResourceSize,
  type SageMakerStateChangeEvent,
} from '@mlspace/aws';
import type { Db } from '@mlspace/db';

export type ComputeEventResult =
  /** The record now holds this report. */
  | { outcome: 'applied' }
  /** The record already held it or a newer one (a duplicate or late delivery). */
  | { outcome: 'unchanged' }
  /** A resource made outside MLSpace's pages (the SDK in a notebook) now has its record. */
  | { outcome: 'registered' }
  | { outcome: 'ignored'; reason: string };

export async function processComputeEvent(
  db: Db,
  event: SageMakerStateChangeEvent,
  systemTag: string,
): Promise<ComputeEventResult> {
  const change = statusFromStateChange(event, systemTag);
  if ('ignore' in change) return { outcome: 'ignored', reason: change.ignore };
  const { apply } = change;
  // EMR names are not unique: a cluster's event applies only to the record of that cluster id.
  if (apply.kind === 'emrCluster') {
    const record = await db.resources.get('emrCluster', apply.name);
    if (!record || record.metadata.clusterId !== apply.metadata?.clusterId)
      return {
        outcome: 'ignored',
        reason: `MLSpace holds no cluster ${apply.name} with id ${apply.metadata?.clusterId}`,
      };
  }
  const before = new Date().toISOString();
  const record = await db.resources.applyStatus(apply);
  if (apply.status === 'Deleted') return record ? { outcome: 'unchanged' } : { outcome: 'applied' };
  if (!record) return registerSdkResource(db, apply, change.size);
  // applyStatus returns the stored record untouched for a stale report: its last write is older.
  return record.updatedAt >= before ? { outcome: 'applied' } : { outcome: 'unchanged' };
}

/** Why a resource without a record is not registered, or null when it may be. */
async function notRegistrable(db: Db, apply: ComputeStatusEvent): Promise<string | null> {
  const { kind, name, project, owner } = apply;
  if (!project || !owner)
    return `MLSpace holds no ${kind} ${name}, and its tags name no project and user`;
  const known = await db.audit.list({ targetType: kind, targetId: name, limit: 1 });
  if (known.items.length > 0)
    return `MLSpace holds no ${kind} ${name} any more (it was deleted or never made)`;
  if (!(await db.projects.get(project)))
    return `the ${kind} ${name} is tagged with project ${project}, which does not exist`;
  if (!(await db.membership.effectiveRole(project, owner)))
    return `the ${kind} ${name} is tagged with user ${owner}, who is not a member of ${project}`;
  return null;
}

async function registerSdkResource(
  db: Db,
  apply: ComputeStatusEvent,
  size: ResourceSize,
): Promise<ComputeEventResult> {
  const reason = await notRegistrable(db, apply);
  if (reason) return { outcome: 'ignored', reason };
  try {
    await db.resources.register(
      {
        kind: apply.kind,
        name: apply.name,
        project: apply.project!,
        owner: apply.owner!,
        status: apply.status,
        instanceType: size.instanceType ?? null,
        instanceCount: size.instanceCount ?? null,
        spec: { startedFrom: 'sdk' },
        metadata: apply.metadata,
      },
      // The user whose notebook made it; the audit entry says what they created.
      apply.owner!,
    );
  } catch (error) {
    // Two events for the same new resource at once: the other registered it; apply this one.
    if (!(error instanceof ConflictError)) throw error;
  }
  // The report's instant, times and failure reason, as for any record.
  await db.resources.applyStatus(apply);
  return { outcome: 'registered' };
}
