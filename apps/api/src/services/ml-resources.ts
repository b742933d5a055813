/**
 * Training, tuning and transform jobs, models, endpoint configs and endpoints: the registry record
 * and the compute backend kept in step. Procedures authorize; this module talks to the backend.
 */
import {
  UnavailableError,
  type ComputeBackend,
  type ComputeKind,
  type ComputeStatus,
  type ResourceRecord,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { admitNewWork, type AdmissionContext } from './admission';

type Kinds = {
  trainingJob: NonNullable<ComputeBackend['trainingJobs']>;
  hpoJob: NonNullable<ComputeBackend['tuningJobs']>;
  transformJob: NonNullable<ComputeBackend['transformJobs']>;
  model: NonNullable<ComputeBackend['models']>;
  endpointConfig: NonNullable<ComputeBackend['endpointConfigs']>;
  endpoint: NonNullable<ComputeBackend['endpoints']>;
  labelingJob: NonNullable<ComputeBackend['labelingJobs']>;
  batchTranslateJob: NonNullable<ComputeBackend['translationJobs']>;
  emrCluster: NonNullable<ComputeBackend['clusters']>;
};

const backendFields = {
  trainingJob: 'trainingJobs',
  hpoJob: 'tuningJobs',
  transformJob: 'transformJobs',
  model: 'models',
  endpointConfig: 'endpointConfigs',
  endpoint: 'endpoints',
  labelingJob: 'labelingJobs',
  batchTranslateJob: 'translationJobs',
  emrCluster: 'clusters',
} as const;

const labels: Record<keyof Kinds, string> = {
  trainingJob: 'Training jobs',
  hpoJob: 'Tuning jobs',
  transformJob: 'Transform jobs',
  model: 'Models',
  endpointConfig: 'Endpoint configurations',
  endpoint: 'Endpoints',
  labelingJob: 'Labeling jobs',
  batchTranslateJob: 'Batch translation jobs',
  emrCluster: 'Clusters',
};

/** The backend for a kind, or UnavailableError when this backend does not run it. */
export function backendFor<K extends keyof Kinds>(compute: ComputeBackend, kind: K): Kinds[K] {
  const backend = compute[backendFields[kind]] as Kinds[K] | undefined;
  if (!backend)
    throw new UnavailableError(
      `${labels[kind]} are not available on the ${compute.name} backend here`,
    );
  return backend;
}

export interface RegisterAndCreate<D> {
  kind: ComputeKind;
  name: string;
  project: string;
  owner: string;
  status: ComputeStatus;
  instanceType?: string;
  /** Instances the resource holds (summed over an endpoint's variants). */
  instanceCount?: number;
  spec: Record<string, unknown>;
  create: () => Promise<D & { status: ComputeStatus; metadata?: Record<string, string> }>;
}

/**
 * The record first (it reserves the name and, through the admission gate, its quota), then the
 * backend; a backend refusal removes the record.
 */
export async function registerAndCreate<D>(
  ctx: AdmissionContext,
  input: RegisterAndCreate<D>,
): Promise<{ record: ResourceRecord; description: D }> {
  const { db } = ctx;
  const record = await admitNewWork(
    ctx,
    {
      project: input.project,
      user: input.owner,
      kind: input.kind,
      instanceType: input.instanceType,
      count: input.instanceCount,
    },
    (admission) =>
      db.resources.register(
        {
          kind: input.kind,
          name: input.name,
          project: input.project,
          owner: input.owner,
          status: input.status,
          instanceType: input.instanceType ?? null,
          instanceCount: input.instanceCount ?? null,
          spec: input.spec,
        },
        input.owner,
        admission,
      ),
  );
  try {
    const description = await input.create();
    const fresh = await db.resources.applyStatus({
      kind: input.kind,
      name: input.name,
      status: description.status,
      at: new Date().toISOString(),
      metadata: description.metadata,
    });
    return { record: fresh ?? record, description };
  } catch (error) {
    await db.resources.remove(input.kind, input.name, input.owner);
    throw error;
  }
}

/** Applies what the backend says now to the record (events may have been missed). */
export async function refreshRecord(
  db: Db,
  record: ResourceRecord,
  description: {
    status: ComputeStatus;
    failureReason?: string;
    metadata?: Record<string, string>;
  } | null,
): Promise<ResourceRecord> {
  if (!description) return record;
  if (
    description.status === record.status &&
    (description.failureReason ?? null) === record.failureReason
  )
    return record;
  return (
    (await db.resources.applyStatus({
      kind: record.kind,
      name: record.name,
      status: description.status,
      at: new Date().toISOString(),
      failureReason: description.failureReason,
      metadata: description.metadata,
    })) ?? record
  );
}

/** The summary every list shows. */
export interface ResourceSummaryView {
  name: string;
  project: string;
  owner: string;
  status: ComputeStatus;
  instanceType: string | null;
  instanceCount: number | null;
  failureReason: string | null;
  createdAt: string;
  startedAt: string | null;
  stoppedAt: string | null;
  spec: Record<string, unknown>;
}

export function toSummaryView(record: ResourceRecord): ResourceSummaryView {
  return {
    name: record.name,
    project: record.project,
    owner: record.owner,
    status: record.status,
    instanceType: record.instanceType,
    instanceCount: record.instanceCount,
    failureReason: record.failureReason,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    stoppedAt: record.stoppedAt,
    spec: record.spec,
  };
}
