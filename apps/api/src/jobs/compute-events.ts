/**
 * The EventBridge job that keeps the registry fresh on AWS: SageMaker state-change events for
 * MLSpace's resources (system tag) become status updates of their records. Events for resources
 * without a record are ignored, so late or duplicate events never resurrect a deleted one.
 */
import { notebookStatusFromEvent, type NotebookStateChangeEvent } from '@mlspace/aws';
import type { Db } from '@mlspace/db';

export async function processComputeEvent(
  db: Db,
  event: NotebookStateChangeEvent,
  systemTag: string,
): Promise<'applied' | 'ignored'> {
  const status = notebookStatusFromEvent(event, systemTag);
  if (!status) return 'ignored';
  return (await db.resources.applyStatus(status)) || status.status === 'Deleted'
    ? 'applied'
    : 'ignored';
}
