/**
 * The EventBridge job that keeps the registry fresh on AWS: SageMaker state-change events for
 * MLSpace's resources (system tag) become status updates of their records. Events for resources
 * without a record are ignored, so late or duplicate events never resurrect a deleted one; the
 * registry applies a report only if it is newer than the one the record holds.
 */
import { statusFromStateChange, type SageMakerStateChangeEvent } from '@mlspace/aws';
import type { Db } from '@mlspace/db';

export type ComputeEventResult =
  /** The record now holds this report. */
  | { outcome: 'applied' }
  /** The record already held it or a newer one (a duplicate or late delivery). */
  | { outcome: 'unchanged' }
  | { outcome: 'ignored'; reason: string };

export async function processComputeEvent(
  db: Db,
  event: SageMakerStateChangeEvent,
  systemTag: string,
): Promise<ComputeEventResult> {
  const change = statusFromStateChange(event, systemTag);
  if ('ignore' in change) return { outcome: 'ignored', reason: change.ignore };
  const { apply } = change;
  const before = new Date().toISOString();
  const record = await db.resources.applyStatus(apply);
  if (apply.status === 'Deleted') return record ? { outcome: 'unchanged' } : { outcome: 'applied' };
  if (!record)
    return { outcome: 'ignored', reason: `MLSpace holds no ${apply.kind} ${apply.name}` };
  // applyStatus returns the stored record untouched for a stale report: its last write is older.
  return record.updatedAt >= before ? { outcome: 'applied' } : { outcome: 'unchanged' };
}
