import type { ComputeKind, ResourceRecord } from '@mlspace/core';
import type { Db } from '@mlspace/db';

/**
 * Marks the record Deleting (audited), asks the backend, then removes the record once the backend
 * no longer knows the resource (at once locally; SageMaker endpoints take a while and their event
 * removes the record).
 */
export async function deleteThroughBackend(
  db: Db,
  record: ResourceRecord,
  username: string,
  backend: { delete(name: string): Promise<void>; describe(name: string): Promise<unknown> },
): Promise<void> {
  const kind: ComputeKind = record.kind;
  await db.resources.update(
    kind,
    record.name,
    { status: 'Deleting' },
    username,
    `${kind}.delete_requested`,
  );
  await backend.delete(record.name);
  if ((await backend.describe(record.name)) === null)
    await db.resources.remove(kind, record.name, username);
}
