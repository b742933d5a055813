/**
 * The actions cascades and the sweep take on resources (stop, delete), and the bookkeeping of Q20:
 * a failure is recorded on the resource (pendingAction + lastError, due at once on the schedule
 * index) and a later success clears it.
 */
import type { ComputeBackend, ResourceRecord } from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { deleteThroughBackend } from './ml-delete';
import { backendFor } from './ml-resources';

export type ResourceAction = 'stop' | 'delete';

export interface ActionOutcome {
  resource: string;
  ok: boolean;
  /** False when the resource was already in a state the action leads to. */
  acted: boolean;
  reason?: string;
}

const runningNotebook = ['InService', 'Pending', 'Stopping', 'Updating'];

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createResourceActions({ db, compute }: { db: Db; compute: ComputeBackend }) {
  async function stopNotebook(record: ResourceRecord, actor: string): Promise<boolean> {
    if (!runningNotebook.includes(record.status)) return false;
    if (record.status !== 'Stopping') {
      await db.resources.update(
        'notebook',
        record.name,
        { status: 'Stopping' },
        actor,
        'notebook.stopped',
      );
    }
    await compute.notebooks.stop(record.name);
    const description = await compute.notebooks.describe(record.name);
    if (description && description.status !== 'Stopping') {
      await db.resources.applyStatus({
        kind: 'notebook',
        name: record.name,
        status: description.status,
        at: new Date().toISOString(),
      });
    }
    return true;
  }

  async function stopJob(record: ResourceRecord): Promise<boolean> {
    if (record.status !== 'InProgress') return false;
    const kind = record.kind as 'trainingJob' | 'hpoJob' | 'transformJob';
    await backendFor(compute, kind).stop(record.name);
    return true;
  }

  async function perform(
    record: ResourceRecord,
    action: ResourceAction,
    actor: string,
  ): Promise<boolean> {
    if (action === 'delete' && record.kind === 'endpoint') {
      await deleteThroughBackend(db, record, actor, backendFor(compute, 'endpoint'));
      return true;
    }
    if (action === 'stop' && record.kind === 'notebook') return stopNotebook(record, actor);
    if (action === 'stop' && ['trainingJob', 'hpoJob', 'transformJob'].includes(record.kind))
      return stopJob(record);
    throw new Error(`MLSpace cannot ${action} a ${record.kind}`);
  }

  return {
    /** Acts, and records or clears the failure on the resource; never throws. */
    async attempt(
      record: ResourceRecord,
      action: ResourceAction,
      actor: string,
    ): Promise<ActionOutcome> {
      try {
        const acted = await perform(record, action, actor);
        if (record.pendingAction)
          await db.resources.setPendingAction(record.kind, record.name, null);
        return { resource: record.name, ok: true, acted };
      } catch (error) {
        const reason = reasonOf(error);
        await db.resources
          .setPendingAction(record.kind, record.name, {
            action,
            error: `Could not ${action} ${record.name}: ${reason}`,
          })
          .catch((recordError: unknown) =>
            console.error(
              `Could not record the failure on ${record.kind} ${record.name}:`,
              recordError,
            ),
          );
        return { resource: record.name, ok: false, acted: false, reason };
      }
    },
  };
}

export type ResourceActions = ReturnType<typeof createResourceActions>;
