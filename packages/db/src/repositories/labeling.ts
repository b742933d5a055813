/**
 * Local labeling (ADR 015): a job's objects, each worker's assignments and queue, and the tallies
 * that make progress and per-worker counts one Query. An answer, the worker's tally and the
 * object's answer count change in one transaction; so do an object's label and the job's tally.
 */
import {
  ConflictError,
  type Annotation,
  type ConsolidatedLabel,
  type LabelingAssignmentRecord,
  type LabelingObjectRecord,
  type LabelingTallies,
  type NewLabelingObject,
  type Page,
} from '@mlspace/core';

import type { LabelingAssignmentItem } from '../entities/labeling-assignment';
import type { LabelingObjectItem } from '../entities/labeling-object';
import type { Context } from '../model';
import { queryPage } from '../query-page';
import { queryParams } from '../query-params';
import { writeTransaction, writeTransactionIfConditionsHold } from '../tx';

/** The job's own tally row; workers' rows are named by username, which never contains `*`. */
const jobTally = '*';

function position(index: number): string {
  return String(index).padStart(6, '0');
}

function objectRecordOf(item: LabelingObjectItem): LabelingObjectRecord {
  return {
    job: item.job,
    index: Number(item.position),
    line: JSON.parse(item.line) as LabelingObjectRecord['line'],
    imageSize: item.imageSize
      ? (JSON.parse(item.imageSize) as LabelingObjectRecord['imageSize'])
      : null,
    textLength: item.textLength ?? null,
    workers: item.workers,
    answered: item.answered,
    state: item.state,
    label: item.label ? (JSON.parse(item.label) as ConsolidatedLabel) : null,
    labeledAt: item.labeledAt ?? null,
    maskKey: item.maskKey ?? null,
  };
}

function assignmentRecordOf(item: LabelingAssignmentItem): LabelingAssignmentRecord {
  return {
    job: item.job,
    worker: item.worker,
    index: Number(item.position),
    openedAt: item.openedAt ?? null,
    answer: item.answer ? (JSON.parse(item.answer) as Annotation) : null,
    answeredAt: item.answeredAt ?? null,
  };
}

export function createLabelingRepository(context: Context) {
  const { labelingObject, labelingAssignment, labelingTally } = context.model.entities;

  return {
    /**
     * Writes a new job's objects, assignments and tallies. Not one transaction (a job may have
     * thousands of rows): the tally of the job is written last, and a job without it is not
     * labeled (the API removes what a failed creation wrote).
     */
    async createJob(job: string, objects: readonly NewLabelingObject[]): Promise<void> {
      const assigned = new Map<string, number>();
      const objectItems = objects.map((object, index) => {
        for (const worker of object.workers) assigned.set(worker, (assigned.get(worker) ?? 0) + 1);
        return {
          job,
          position: position(index),
          line: JSON.stringify(object.line),
          imageSize: object.imageSize ? JSON.stringify(object.imageSize) : undefined,
          textLength: object.textLength,
          workers: object.workers,
          answered: 0,
          state: 'pending' as const,
        };
      });
      const assignmentItems = objects.flatMap((object, index) =>
        object.workers.map((worker) => ({
          job,
          worker,
          position: position(index),
          queue: 'open' as const,
        })),
      );
      await labelingObject.put(objectItems).go();
      await labelingAssignment.put(assignmentItems).go();
      await labelingTally
        .put([
          ...[...assigned].map(([worker, count]) => ({ job, worker, assigned: count })),
          { job, worker: jobTally, assigned: objects.length },
        ])
        .go();
    },

    async tallies(job: string): Promise<LabelingTallies | null> {
      const { data } = await labelingTally.query.byJob({ job }).go({ pages: 'all' });
      const total = data.find((row) => row.worker === jobTally);
      if (!total) return null;
      return {
        total: total.assigned,
        labeled: total.labeled,
        failed: total.failed,
        workers: data
          .filter((row) => row.worker !== jobTally)
          .map((row) => ({ worker: row.worker, assigned: row.assigned, answered: row.answered }))
          .sort((a, b) => a.worker.localeCompare(b.worker)),
      };
    },

    async object(job: string, index: number): Promise<LabelingObjectRecord | null> {
      const { data } = await labelingObject
        .get({ job, position: position(index) })
        .go({ consistent: true });
      return data ? objectRecordOf(data) : null;
    },

    /** A job's objects in the manifest's order (the gallery, the output manifest). */
    objects(
      job: string,
      page: { cursor?: string | null; limit: number },
    ): Promise<Page<LabelingObjectRecord>> {
      return queryPage(context.client, queryParams(labelingObject.query.byJob({ job }).params()), {
        cursor: page.cursor,
        limit: page.limit,
        toView: (Item) => {
          const { data } = labelingObject.parse({ Item });
          return data ? objectRecordOf(data) : null;
        },
      });
    },

    /** The worker's open tasks in order: their queue. */
    async queue(job: string, worker: string, limit: number): Promise<number[]> {
      const { data } = await labelingAssignment.query
        .open({ job, worker, queue: 'open' })
        .go({ limit });
      return data.map((item) => Number(item.position));
    },

    async assignment(
      job: string,
      worker: string,
      index: number,
    ): Promise<LabelingAssignmentRecord | null> {
      const { data } = await labelingAssignment
        .get({ job, worker, position: position(index) })
        .go({ consistent: true });
      return data ? assignmentRecordOf(data) : null;
    },

    /** The answers given for an object so far, by its assigned workers. */
    async answers(job: string, index: number, workers: readonly string[]) {
      const { data } = await labelingAssignment
        .get(workers.map((worker) => ({ job, worker, position: position(index) })))
        .go({ consistent: true });
      return data.map(assignmentRecordOf).filter((record) => record.answer !== null);
    },

    /** The time limit runs from when the worker opens the task. */
    async open(job: string, worker: string, index: number, at: string): Promise<void> {
      await labelingAssignment
        .patch({ job, worker, position: position(index) })
        .set({ openedAt: at })
        .where(({ queue }, { eq }) => eq(queue, 'open'))
        .go()
        .catch(() => {
          throw new ConflictError('this task was already answered');
        });
    },

    /**
     * Records the worker's answer, their tally and the object's answer count together; refused
     * when the worker already answered (a second tab, a double click).
     */
    async answer(
      job: string,
      worker: string,
      index: number,
      annotation: Annotation,
      at: string,
    ): Promise<void> {
      const key = { job, worker, position: position(index) };
      await writeTransaction(
        context.model,
        [
          ({ labelingAssignment }) =>
            labelingAssignment
              .patch(key)
              .set({ queue: 'answered', answer: JSON.stringify(annotation), answeredAt: at })
              .where(({ queue }, { eq }) => eq(queue, 'open'))
              .commit(),
          ({ labelingTally }) => labelingTally.patch({ job, worker }).add({ answered: 1 }).commit(),
          ({ labelingObject }) =>
            labelingObject
              .patch({ job, position: position(index) })
              .add({ answered: 1 })
              .where(({ state }, { eq }) => eq(state, 'pending'))
              .commit(),
        ],
        (failed) =>
          failed === 0 ? 'you already answered this task' : 'this object is already labeled',
      );
    },

    /**
     * Stores an object's consolidated label and counts it, once: false when another answer's
     * consolidation got there first.
     */
    recordLabel(
      job: string,
      index: number,
      label: ConsolidatedLabel,
      at: string,
      maskKey?: string,
    ): Promise<boolean> {
      const failed = label.kind === 'failed';
      return writeTransactionIfConditionsHold(context.model, [
        ({ labelingObject }) =>
          labelingObject
            .patch({ job, position: position(index) })
            .set({
              state: failed ? 'failed' : 'labeled',
              label: JSON.stringify(label),
              labeledAt: at,
              ...(maskKey ? { maskKey } : {}),
            })
            .where(({ state }, { eq }) => eq(state, 'pending'))
            .commit(),
        ({ labelingTally }) =>
          labelingTally
            .patch({ job, worker: jobTally })
            .add(failed ? { failed: 1 } : { labeled: 1 })
            .commit(),
      ]);
    },

    /** Removes every row of a job (deletion, or a creation that failed half way). */
    async removeJob(job: string): Promise<void> {
      const objects = await labelingObject.query.byJob({ job }).go({ pages: 'all' });
      const workers = new Set(objects.data.flatMap((item) => item.workers));
      const assignments = await Promise.all(
        [...workers].map((worker) =>
          labelingAssignment.query.byWorker({ job, worker }).go({ pages: 'all' }),
        ),
      );
      const tallies = await labelingTally.query.byJob({ job }).go({ pages: 'all' });
      await labelingAssignment
        .delete(
          assignments
            .flatMap((page) => page.data)
            .map(({ worker, position }) => ({ job, worker, position })),
        )
        .go();
      await labelingObject.delete(objects.data.map(({ position }) => ({ job, position }))).go();
      await labelingTally.delete(tallies.data.map(({ worker }) => ({ job, worker }))).go();
    },
  };
}

export type LabelingRepository = ReturnType<typeof createLabelingRepository>;
