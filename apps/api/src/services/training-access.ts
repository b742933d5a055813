/**
 * A training job by name, as every training procedure sees it: either a training job registered in
 * this project, or a training job a tuning job launched. Tuning children have no record of their
 * own (the tuner names and starts them), so they are read with their tuning job's rights, and only
 * once the tuning job's backend confirms it launched a job of that name: a name that merely looks
 * like a child reaches nothing.
 */
import {
  ForbiddenError,
  NotFoundError,
  type ComputeBackend,
  type Decision,
  type Principal,
  type ResourceFacts,
  type ResourceRecord,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { backendFor } from './ml-resources';
import { authorizeResource } from './resource-access';

export interface TrainingJobAccess {
  record: ResourceRecord;
  facts: ResourceFacts;
  /** The tuning job that launched this training job, or null for one created on its own. */
  tuningJob: string | null;
}

/**
 * SageMaker names a tuning job's training jobs `<tuning job>-<3 digits>-<8 hex>`; the local tuner
 * `<tuning job>-<3 digits>`. The name alone proves nothing; it only says which tuning job to ask.
 */
export function tuningJobNameOf(trainingJobName: string): string | null {
  const match = /^(.+)-\d{3}(?:-[0-9a-f]{8})?$/.exec(trainingJobName);
  return match?.[1] ?? null;
}

export async function authorizeTrainingJob(
  ctx: { db: Db; compute: ComputeBackend },
  principal: Principal,
  name: string,
  decide: (principal: Principal, facts: ResourceFacts) => Decision,
): Promise<TrainingJobAccess> {
  const registered = await ctx.db.resources.get('trainingJob', name);
  const parentName = registered ? null : tuningJobNameOf(name);
  const parent = parentName ? await ctx.db.resources.get('hpoJob', parentName) : null;
  if (!parent) {
    const access = await authorizeResource(ctx.db, principal, 'trainingJob', name, decide);
    return { ...access, tuningJob: null };
  }
  const { facts } = await authorizeResource(ctx.db, principal, 'hpoJob', parent.name, decide);
  const children = await backendFor(ctx.compute, 'hpoJob').listTrainingJobs(parent.name);
  const child = children.find((candidate) => candidate.name === name);
  if (!child) {
    if (principal.isAdmin) throw new NotFoundError(`There is no training job named ${name}`);
    throw new ForbiddenError(`There is no training job named ${name} that you may see`);
  }
  const training = (parent.spec.training ?? {}) as Record<string, unknown>;
  const tuned = child.metadata.tunedHyperParameters
    ? (JSON.parse(child.metadata.tunedHyperParameters) as Record<string, string>)
    : {};
  const record: ResourceRecord = {
    ...parent,
    kind: 'trainingJob',
    name: child.name,
    status: child.status,
    instanceType: child.instanceType || parent.instanceType,
    failureReason: child.failureReason ?? null,
    createdAt: child.createdAt ?? parent.createdAt,
    startedAt: child.startedAt ?? child.createdAt ?? null,
    stoppedAt: child.endedAt ?? null,
    stopAt: null,
    terminateAt: null,
    dailyStop: null,
    pendingAction: null,
    lastError: null,
    spec: {
      ...training,
      hyperParameters: {
        ...((training.hyperParameters ?? {}) as Record<string, string>),
        ...tuned,
      },
    },
    metadata: child.metadata,
  };
  return { record, facts: { ...facts, kind: 'trainingJob' }, tuningJob: parent.name };
}
