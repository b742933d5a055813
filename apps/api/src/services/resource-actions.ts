/**
 * The actions cascades and the sweep take on resources (stop, delete), and the bookkeeping that
 * lets a cascade retry what it could not do: a failure is recorded on the resource (pendingAction +
 * lastError, due at once on the schedule index) and a later success clears it.
 */
import type { ComputeBackend, ComputeKind, ResourceRecord } from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { removeCluster, terminateCluster } from './clusters';
import { deleteThroughBackend } from './ml-delete';
import { backendFor } from './ml-resources';

export type ResourceAction = 'stop' | 'delete';

export interface ActionOutcome {
  resource: string;
  ok: boolean;
  /** False when the resource was already in a state the action leads to. */
  acted: boolean;
  reason?: string;
  /** Why a resource asked to be deleted still exists (stopping first, or the backend is deleting it). */
  waiting?: string;
}

interface Performed {
  acted: boolean;
  waiting?: string;
}

const runningNotebook = ['InService', 'Pending', 'Stopping', 'Updating'];
const endedJob = ['Completed', 'Failed', 'Stopped'];
type JobKind = 'trainingJob' | 'hpoJob' | 'transformJob' | 'batchTranslateJob' | 'labelingJob';
const isJob = (kind: ComputeKind): kind is JobKind =>
  kind === 'trainingJob' ||
  kind === 'hpoJob' ||
  kind === 'transformJob' ||
  kind === 'batchTranslateJob' ||
  kind === 'labelingJob';

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
    if (record.status !== 'InProgress' || !isJob(record.kind)) return false;
    await backendFor(compute, record.kind).stop(record.name);
    return true;
  }

  /**
   * Asks the backend to delete (again only if the last request failed), then removes the record as
   * soon as the backend forgot the resource.
   */
  async function deleteFromBackend(
    record: ResourceRecord,
    actor: string,
    backend: { delete(name: string): Promise<void>; describe(name: string): Promise<unknown> },
  ): Promise<Performed> {
    if (record.status !== 'Deleting' || record.pendingAction === 'delete')
      await deleteThroughBackend(db, record, actor, backend);
    else if ((await backend.describe(record.name)) === null)
      await db.resources.remove(record.kind, record.name, actor);
    const left = await db.resources.get(record.kind, record.name);
    return { acted: true, waiting: left ? `is ${left.status}` : undefined };
  }

  /** A notebook is stopped first; SageMaker deletes only stopped notebooks. */
  async function deleteNotebook(record: ResourceRecord, actor: string): Promise<Performed> {
    let current: ResourceRecord | null = record;
    if (current.status !== 'Stopping' && runningNotebook.includes(current.status)) {
      await stopNotebook(current, actor);
      current = await db.resources.get('notebook', record.name);
    }
    if (!current) return { acted: true };
    if (runningNotebook.includes(current.status))
      return { acted: true, waiting: `is ${current.status}; it is deleted once stopped` };
    return deleteFromBackend(current, actor, compute.notebooks);
  }

  /** Backends keep no deletable job; a job is stopped if running and its record removed once it ended. */
  async function deleteJob(
    record: ResourceRecord,
    kind: JobKind,
    actor: string,
  ): Promise<Performed> {
    const backend = backendFor(compute, kind);
    if (record.status === 'InProgress') await backend.stop(record.name);
    const description = await backend.describe(record.name);
    if (description && !endedJob.includes(description.status)) {
      if (description.status !== record.status)
        await db.resources.applyStatus({
          kind: record.kind,
          name: record.name,
          status: description.status,
          at: new Date().toISOString(),
        });
      return { acted: true, waiting: `is ${description.status}; it is forgotten once it ended` };
    }
    // A local labeling job's objects and answers go with it; its output stays in its dataset.
    if (kind === 'labelingJob') await db.labeling.removeJob(record.name);
    await db.resources.remove(record.kind, record.name, actor);
    return { acted: true };
  }

  async function perform(
    record: ResourceRecord,
    action: ResourceAction,
    actor: string,
  ): Promise<Performed> {
    // A cluster is stopped by terminating it (it stays listed); deleting it also forgets it.
    if (record.kind === 'emrCluster')
      return action === 'delete'
        ? { acted: true, ...(await removeCluster(db, compute, record, actor)) }
        : { acted: await terminateCluster(db, compute, record, actor) };
    if (action === 'delete') {
      if (record.kind === 'notebook') return deleteNotebook(record, actor);
      const kind = record.kind;
      if (isJob(kind)) return deleteJob(record, kind, actor);
      return deleteFromBackend(record, actor, backendFor(compute, kind));
    }
    if (record.kind === 'notebook') return { acted: await stopNotebook(record, actor) };
    if (isJob(record.kind)) return { acted: await stopJob(record) };
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
        const { acted, waiting } = await perform(record, action, actor);
        if (record.pendingAction)
          await db.resources.setPendingAction(record.kind, record.name, null);
        return { resource: record.name, ok: true, acted, waiting };
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
