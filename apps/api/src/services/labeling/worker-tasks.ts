/**
 * The local labeling tool's worker side (ADR 015): a worker's queue, one task with what they need
 * to label it, and their answer. When an object has every answer it was assigned, it is
 * consolidated; when every object is labeled or failed, the job completes.
 */
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  assertAnnotationFits,
  consolidate,
  labelingTaskTypeInfo,
  type Annotation,
  type ConsolidatedLabel,
  type LabelingObjectRecord,
  type ResourceRecord,
} from '@mlspace/core';

import { jobKeys, labelingSpecOf, type LabelingJobSpec } from './spec';
import { writeMask, writeOutputManifest, type LabelingOutputContext } from './output';

function assertWorker(record: ResourceRecord, worker: string): LabelingJobSpec {
  const spec = labelingSpecOf(record);
  if (!spec.workers.includes(worker))
    throw new ForbiddenError(`You are not one of the workers of labeling job ${record.name}`);
  return spec;
}

function assertLabeling(record: ResourceRecord): void {
  if (record.status !== 'InProgress')
    throw new ConflictError(
      `Labeling job ${record.name} is ${record.status}; it takes no more answers`,
    );
}

export async function workerQueue(
  ctx: LabelingOutputContext,
  record: ResourceRecord,
  worker: string,
) {
  assertWorker(record, worker);
  const open =
    record.status === 'InProgress' ? await ctx.db.labeling.queue(record.name, worker, 100) : [];
  const tallies = await ctx.db.labeling.tallies(record.name);
  const mine = tallies?.workers.find((entry) => entry.worker === worker);
  return {
    open,
    assigned: mine?.assigned ?? 0,
    answered: mine?.answered ?? 0,
  };
}

/** Opens a task: the time limit for answering starts now. */
export async function openTask(
  ctx: LabelingOutputContext,
  record: ResourceRecord,
  worker: string,
  index: number,
): Promise<{ object: LabelingObjectRecord; openedAt: string }> {
  assertWorker(record, worker);
  assertLabeling(record);
  const assignment = await ctx.db.labeling.assignment(record.name, worker, index);
  if (!assignment)
    throw new NotFoundError(`Object ${index} of ${record.name} is not one of your tasks`);
  if (assignment.answer) throw new ConflictError('You already answered this task');
  const object = await ctx.db.labeling.object(record.name, index);
  if (!object) throw new NotFoundError(`Labeling job ${record.name} has no object ${index}`);
  const openedAt = new Date().toISOString();
  await ctx.db.labeling.open(record.name, worker, index, openedAt);
  return { object, openedAt };
}

export async function submitAnswer(
  ctx: LabelingOutputContext,
  record: ResourceRecord,
  worker: string,
  index: number,
  annotation: Annotation,
): Promise<{ consolidated: boolean; jobCompleted: boolean }> {
  const spec = assertWorker(record, worker);
  assertLabeling(record);
  const assignment = await ctx.db.labeling.assignment(record.name, worker, index);
  if (!assignment)
    throw new NotFoundError(`Object ${index} of ${record.name} is not one of your tasks`);
  if (assignment.answer) throw new ConflictError('You already answered this task');
  if (!assignment.openedAt) throw new ConflictError('Open the task before answering it');
  const deadline = Date.parse(assignment.openedAt) + spec.taskTimeLimitSeconds * 1000;
  if (Date.now() > deadline)
    throw new ConflictError(
      `The time limit of ${spec.taskTimeLimitSeconds} seconds for this task has passed; open it again to answer`,
    );
  const object = await ctx.db.labeling.object(record.name, index);
  if (!object) throw new NotFoundError(`Labeling job ${record.name} has no object ${index}`);
  assertAnnotationFits(annotation, spec.taskType, spec.labels.length, {
    imageSize: object.imageSize ?? undefined,
    textLength: object.textLength ?? undefined,
  });
  await ctx.db.labeling.answer(record.name, worker, index, annotation, new Date().toISOString());
  const after = await ctx.db.labeling.object(record.name, index);
  if (!after || after.answered < after.workers.length)
    return { consolidated: false, jobCompleted: false };
  return consolidateObject(ctx, record, spec, after);
}

async function consolidateObject(
  ctx: LabelingOutputContext,
  record: ResourceRecord,
  spec: LabelingJobSpec,
  object: LabelingObjectRecord,
): Promise<{ consolidated: boolean; jobCompleted: boolean }> {
  const answers = await ctx.db.labeling.answers(record.name, object.index, object.workers);
  const label: ConsolidatedLabel = consolidate(
    spec.taskType,
    answers.map((answer) => ({ worker: answer.worker, annotation: answer.answer! })),
  );
  let maskKey: string | undefined;
  if (label.kind === 'mask') {
    maskKey = jobKeys(spec.outputPrefix, record.name).mask(object.index);
    await writeMask(ctx, maskKey, label.mask);
  }
  const at = new Date().toISOString();
  const recorded = await ctx.db.labeling.recordLabel(record.name, object.index, label, at, maskKey);
  if (!recorded) return { consolidated: false, jobCompleted: false };
  await writeOutputManifest(ctx, record.name, spec);
  const tallies = await ctx.db.labeling.tallies(record.name);
  const jobCompleted = !!tallies && tallies.labeled + tallies.failed >= tallies.total;
  if (jobCompleted) {
    // Every label is in; the manifest written above holds them all.
    await ctx.db.resources.applyStatus({
      kind: 'labelingJob',
      name: record.name,
      status: tallies.failed === tallies.total ? 'Failed' : 'Completed',
      at,
      failureReason: tallies.failed === tallies.total ? 'No object could be labeled' : undefined,
    });
  }
  return { consolidated: true, jobCompleted };
}

/** What a worker sees of the label under review (verification and adjustment jobs). */
export function reviewedLabel(spec: LabelingJobSpec, object: LabelingObjectRecord): unknown {
  if (!spec.reviewed) return null;
  return object.line[spec.reviewed.attribute] ?? null;
}

/** Refuses a task index that cannot name an object. */
export function assertTaskIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0)
    throw new ValidationError('index', 'must be a whole number from 0');
}

export function objectMedia(spec: LabelingJobSpec) {
  return labelingTaskTypeInfo[spec.taskType].media;
}
