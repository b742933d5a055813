/**
 * Notebooks: the registry record and the compute backend kept in step. Procedures authorize; this
 * service applies the lifecycle rules (what each status allows) and talks to the backend.
 */
import {
  ConflictError,
  type ComputeBackend,
  type CreateNotebookInput,
  type LifecycleScripts,
  type NotebookStatus,
  type NotebookView,
  type ResourceRecord,
  type UpdateNotebookInput,
  withIdleStop,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { admitNewWork, type AdmissionContext } from './admission';
import { attachableCluster, withClusterAttachment } from './cluster-attachment';

export interface NotebookSpecRecord {
  volumeSizeGb: number;
  lifecycle: LifecycleScripts;
  clusterName?: string | null;
  /** Minutes without activity after which it is stopped (from the project at create); null: never. */
  idleTimeoutMinutes?: number | null;
}

export function toNotebookView(record: ResourceRecord): NotebookView {
  const spec = record.spec as Partial<NotebookSpecRecord>;
  return {
    name: record.name,
    project: record.project,
    owner: record.owner,
    status: record.status as NotebookStatus,
    instanceType: record.instanceType ?? '',
    volumeSizeGb: spec.volumeSizeGb ?? 5,
    lifecycle: { onCreate: spec.lifecycle?.onCreate ?? '', onStart: spec.lifecycle?.onStart ?? '' },
    failureReason: record.failureReason,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    startedAt: record.startedAt,
    stoppedAt: record.stoppedAt,
    stopAt: record.stopAt,
    clusterName: spec.clusterName ?? null,
    idleTimeoutMinutes: spec.idleTimeoutMinutes ?? null,
    idleStopAt: record.status === 'InService' ? (record.idleStopAt ?? null) : null,
    stopReason: record.stopReason ?? null,
  };
}

function lifecycleOf(record: ResourceRecord): LifecycleScripts {
  return (record.spec as Partial<NotebookSpecRecord>).lifecycle ?? {};
}

function requireStatus(
  record: ResourceRecord,
  allowed: readonly NotebookStatus[],
  action: string,
): void {
  if (!allowed.includes(record.status as NotebookStatus)) {
    throw new ConflictError(
      `Notebook ${record.name} is ${record.status}; it can be ${action} only when ${allowed.join(' or ')}`,
    );
  }
}

export function createNotebookService(
  services: AdmissionContext & { db: Db; compute: ComputeBackend },
) {
  const { db, compute } = services;
  const backend = compute.notebooks;

  /**
   * Where MLSpace cannot ask Jupyter for its activity (SageMaker), the instance applies the idle
   * rule itself: its onStart script gets the idle stop (core's idleStopLifecycleScript).
   */
  function withIdleRule(lifecycle: LifecycleScripts, spec: Partial<NotebookSpecRecord>) {
    const timeout = spec.idleTimeoutMinutes ?? null;
    if (backend.activity || timeout === null) return lifecycle;
    return { ...lifecycle, onStart: withIdleStop(lifecycle.onStart, timeout) };
  }

  /** Keeps the record in step with what the backend reports now. */
  async function refresh(record: ResourceRecord): Promise<ResourceRecord | null> {
    const description = await backend.describe(record.name);
    if (!description) {
      await db.resources.applyStatus({
        kind: 'notebook',
        name: record.name,
        status: 'Deleted',
        at: new Date().toISOString(),
      });
      return null;
    }
    if (description.status === record.status) return record;
    return db.resources.applyStatus({
      kind: 'notebook',
      name: record.name,
      status: description.status,
      at: description.lastModifiedAt ?? new Date().toISOString(),
      failureReason: description.failureReason,
      metadata: description.metadata,
    });
  }

  return {
    refresh,

    /** The record first (it holds the name), then the backend; a backend refusal removes the record. */
    async create(input: CreateNotebookInput, username: string): Promise<NotebookView> {
      const controls = await db.costControls.get(input.project);
      const spec: NotebookSpecRecord = {
        volumeSizeGb: input.volumeSizeGb,
        lifecycle: input.lifecycle,
        clusterName: input.clusterName ?? null,
        idleTimeoutMinutes: controls.notebook.idleTimeoutMinutes ?? null,
      };
      const attachment = await withClusterAttachment(
        db,
        compute,
        input.project,
        input.clusterName,
        input.lifecycle,
        true,
      );
      const record = await admitNewWork(
        services,
        {
          project: input.project,
          user: username,
          kind: 'notebook',
          instanceType: input.instanceType,
          count: 1,
        },
        (admission) =>
          db.resources.register(
            {
              kind: 'notebook',
              name: input.name,
              project: input.project,
              owner: username,
              status: 'Pending',
              instanceType: input.instanceType,
              // A notebook instance is always one instance.
              instanceCount: 1,
              spec: { ...spec },
            },
            username,
            admission,
          ),
      );
      try {
        const description = await backend.create({
          name: input.name,
          owner: { project: input.project, username },
          instanceType: input.instanceType,
          volumeSizeGb: input.volumeSizeGb,
          lifecycle: withIdleRule(attachment.lifecycle, spec),
          environment: attachment.environment,
        });
        if (Object.keys(description.metadata).length > 0) {
          return toNotebookView(
            (await db.resources.applyStatus({
              kind: 'notebook',
              name: input.name,
              status: description.status,
              at: new Date().toISOString(),
              metadata: description.metadata,
            })) ?? record,
          );
        }
        return toNotebookView(record);
      } catch (error) {
        await db.resources.remove('notebook', input.name, username);
        throw error;
      }
    },

    async start(record: ResourceRecord, username: string): Promise<void> {
      requireStatus(record, ['Stopped', 'Failed'], 'started');
      await admitNewWork(
        services,
        {
          project: record.project,
          user: record.owner,
          kind: 'notebook',
          instanceType: record.instanceType,
          count: 1,
        },
        (admission) =>
          db.resources.update(
            'notebook',
            record.name,
            { status: 'Pending', stopReason: null },
            username,
            'notebook.started',
            admission,
          ),
      );
      try {
        const attachment = await withClusterAttachment(
          db,
          compute,
          record.project,
          (record.spec as Partial<NotebookSpecRecord>).clusterName ?? undefined,
          lifecycleOf(record),
          false,
        );
        await backend.start(
          record.name,
          { project: record.project, username: record.owner },
          withIdleRule(attachment.lifecycle, record.spec),
          attachment.environment,
        );
      } catch (error) {
        await refresh({ ...record, status: 'Pending' });
        throw error;
      }
    },

    async stop(record: ResourceRecord, username: string): Promise<void> {
      requireStatus(record, ['InService', 'Pending'], 'stopped');
      await db.resources.update(
        'notebook',
        record.name,
        { status: 'Stopping' },
        username,
        'notebook.stopped',
      );
      await backend.stop(record.name);
      await refresh({ ...record, status: 'Stopping' });
    },

    async update(
      record: ResourceRecord,
      input: UpdateNotebookInput,
      username: string,
    ): Promise<NotebookView> {
      requireStatus(record, ['Stopped', 'Failed'], 'updated');
      const current = record.spec as Partial<NotebookSpecRecord>;
      const spec: NotebookSpecRecord = {
        volumeSizeGb: input.volumeSizeGb ?? current.volumeSizeGb ?? 5,
        lifecycle: input.lifecycle ?? current.lifecycle ?? {},
        clusterName:
          input.clusterName === undefined ? (current.clusterName ?? null) : input.clusterName,
        idleTimeoutMinutes: current.idleTimeoutMinutes ?? null,
      };
      if (input.clusterName) await attachableCluster(db, record.project, input.clusterName);
      await backend.update({
        name: record.name,
        instanceType: input.instanceType,
        volumeSizeGb: input.volumeSizeGb,
        lifecycle: input.lifecycle,
      });
      return toNotebookView(
        await db.resources.update(
          'notebook',
          record.name,
          { instanceType: input.instanceType, spec: { ...spec } },
          username,
          'notebook.updated',
        ),
      );
    },

    async delete(record: ResourceRecord, username: string): Promise<void> {
      requireStatus(record, ['Stopped', 'Failed'], 'deleted');
      await db.resources.update(
        'notebook',
        record.name,
        { status: 'Deleting' },
        username,
        'notebook.deleted',
      );
      await backend.delete(record.name);
      // Local deletion is immediate; SageMaker reports Deleting until its event removes the record.
      await refresh({ ...record, status: 'Deleting' });
    },
  };
}

export type NotebookService = ReturnType<typeof createNotebookService>;
