/**
 * The cost-controls sweep: stops notebooks at their daily stop time (and schedules the next day's),
 * deletes endpoints past their termination time, retries actions a cascade or an earlier sweep
 * could not finish, and carries on every unfinished project, group or user deletion. It reads only what
 * is due, by the schedule index (gsi3, time-ordered), and the projects and groups being deleted
 * (sparse indexes): no Scan. It also repairs missed state-change events: a resource unsettled
 * (Pending, InProgress, Creating, Stopping, Deleting...) for longer than a few minutes is described
 * again and what the backend says is applied (read from the unsettled markers, one Query).
 * Locally the server runs it every minute; on AWS an EventBridge schedule invokes sweep-lambda.ts.
 */
import type { DatasetStorage } from '@mlspace/aws';
import type { ComputeBackend, ComputeStatus, ProjectView, ResourceRecord } from '@mlspace/core';
import type { Db } from '@mlspace/db';

import type { ProjectCascade } from '../services/cascade';
import { deleteGroup } from '../services/group-deletion';
import { describeCluster } from '../services/clusters';
import { backendFor, refreshRecord } from '../services/ml-resources';
import { continueProjectDeletion } from '../services/project-deletion';
import {
  createResourceActions,
  type ActionOutcome,
  type ResourceActions,
} from '../services/resource-actions';
import { nextStopAt } from '../services/schedules';
import { continueUserDeletion } from '../services/user-deletion';
import { enforceBudgets, recordCompletedDays } from '../services/budget-enforcement';
import type { UsageService } from '../services/usage';
import { stopIdleNotebooks } from './idle-stop';
import { reconcileQuotas, type QuotaCorrection } from './quota-reconcile';

export const sweepActor = 'mlspace-scheduler';

export interface SweepSummary {
  at: string;
  due: number;
  stopped: string[];
  deleted: string[];
  retried: string[];
  failed: { resource: string; reason: string }[];
  /** Projects whose deletion this run completed. */
  projectsDeleted: string[];
  /** Groups whose interrupted deletion this run finished. */
  groupsDeleted: string[];
  /** Users whose unfinished deletion this run completed. */
  usersDeleted: string[];
  /** Resources whose status the backend reported differently than the record (a missed event). */
  reconciled: string[];
  /** Quota counters that did not match the running resources (a lost release), now corrected. */
  quotasCorrected: QuotaCorrection[];
  /** Notebooks stopped for idleness, and notebooks idle now whose stop is near (the portal warns). */
  idleStopped: string[];
  idleWarned: string[];
  /** Budget thresholds crossed and written to the audit trail this run (`project: 80%`). */
  budgetWarnings: string[];
  /** Notebooks stopped because their project's hard-stop budget was reached. */
  budgetStops: string[];
}

export interface SweepOptions {
  db: Db;
  compute: ComputeBackend;
  /** The clock, injectable for tests. */
  now?: () => Date;
  /** How many due resources are handled at once. */
  concurrency?: number;
  /** Replaces the backend actions (the benchmark measures query and dispatch with a no-op). */
  actions?: ResourceActions;
  /** The project cascade; with it, the sweep carries on unfinished project deletions. */
  cascade?: ProjectCascade;
  /** Dataset files; with it and the cascade, the sweep carries on unfinished user deletions. */
  datasetStorage?: DatasetStorage;
  /**
   * How long a resource may stay unsettled before the sweep describes it again. Events usually
   * arrive within seconds; this only catches the ones that never did.
   */
  reconcileAfterMs?: number;
  /** Usage and budgets; with it and the cascade, the sweep records usage days and enforces budgets. */
  usage?: UsageService;
}

/** What a backend says of a resource it no longer knows: gone, or (jobs, which it keeps) failed. */
function vanished(record: ResourceRecord): { status: ComputeStatus; failureReason?: string } {
  return ['trainingJob', 'hpoJob', 'transformJob', 'batchTranslateJob'].includes(record.kind)
    ? { status: 'Failed', failureReason: 'The compute backend no longer knows this job' }
    : { status: 'Deleted' };
}

/** A daily stop missed for days (a server that was off) resumes at the next occurrence after now. */
function followingStop(record: ResourceRecord, at: Date): string {
  if (record.dailyStop) return nextStopAt(record.dailyStop, at);
  let next = new Date(record.stopAt ?? at.toISOString()).getTime();
  while (next <= at.getTime()) next += 86_400_000;
  return new Date(next).toISOString();
}

export function createSweep(options: SweepOptions) {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const actions = options.actions ?? createResourceActions({ db, compute: options.compute });
  const concurrency = options.concurrency ?? 16;
  const reconcileAfterMs = options.reconcileAfterMs ?? 5 * 60_000;

  async function due(at: string): Promise<ResourceRecord[]> {
    const records: ResourceRecord[] = [];
    let cursor: string | null = null;
    do {
      const page = await db.resources.listDue(at, { cursor, limit: 100 });
      records.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return records;
  }

  async function deletingProjects(): Promise<ProjectView[]> {
    if (!options.cascade) return [];
    const projects: ProjectView[] = [];
    let cursor: string | null = null;
    do {
      const page = await db.projects.listDeleting({ cursor, limit: 100 });
      projects.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return projects;
  }

  /** One more pass of each unfinished deletion; what still fails stays on the tombstone for admins. */
  async function continueDeletions(projects: ProjectView[], summary: SweepSummary): Promise<void> {
    const cascade = options.cascade;
    if (!cascade) return;
    for (const project of projects) {
      try {
        const outcome = await continueProjectDeletion({ db, cascade }, project.name, sweepActor);
        if (outcome.complete) summary.projectsDeleted.push(project.name);
        for (const failure of outcome.deletion?.failures ?? [])
          summary.failed.push({
            resource: `project ${project.name}: ${failure.step} ${failure.resource}`,
            reason: failure.reason,
          });
      } catch (error) {
        summary.failed.push({
          resource: `project ${project.name}`,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  /** Group deletions that failed part-way (a large group, a conflict) are finished here. */
  async function finishGroupDeletions(summary: SweepSummary): Promise<void> {
    const cascade = options.cascade;
    if (!cascade) return;
    let cursor: string | null = null;
    const groups: string[] = [];
    do {
      const page = await db.groups.listDeleting({ cursor, limit: 100 });
      groups.push(...page.items.map((group) => group.name));
      cursor = page.cursor;
    } while (cursor);
    for (const group of groups) {
      try {
        await deleteGroup({ db, cascade }, group, sweepActor);
        summary.groupsDeleted.push(group);
      } catch (error) {
        summary.failed.push({
          resource: `group ${group}`,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  /** One more pass of each user deletion that did not finish (see user-deletion.ts). */
  async function continueUserDeletions(summary: SweepSummary): Promise<void> {
    const { cascade, datasetStorage } = options;
    if (!cascade || !datasetStorage) return;
    const usernames: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await db.users.listDeleting({ cursor, limit: 100 });
      usernames.push(...page.items.map((user) => user.username));
      cursor = page.cursor;
    } while (cursor);
    for (const username of usernames) {
      try {
        const outcome = await continueUserDeletion(
          { db, cascade, datasetStorage, compute: options.compute },
          username,
          sweepActor,
        );
        if (outcome.complete) summary.usersDeleted.push(username);
        for (const failure of outcome.failures)
          summary.failed.push({
            resource: `user ${username}: ${failure.step} ${failure.resource}`,
            reason: failure.reason,
          });
      } catch (error) {
        summary.failed.push({
          resource: `user ${username}`,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  async function unsettledBefore(cutoff: string): Promise<ResourceRecord[]> {
    const records: ResourceRecord[] = [];
    let cursor: string | null = null;
    do {
      const page = await db.unsettled.listSince(cutoff, { cursor, limit: 100 });
      records.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return records;
  }

  /** Applies what the backend says now to a record whose events may have been lost. */
  async function reconcile(record: ResourceRecord, at: Date, summary: SweepSummary) {
    const description =
      record.kind === 'emrCluster'
        ? await describeCluster(options.compute, record)
        : await (
            record.kind === 'notebook'
              ? options.compute.notebooks
              : backendFor(options.compute, record.kind)
          ).describe(record.name);
    if (description) {
      const fresh = await refreshRecord(db, record, description);
      if (fresh.status !== record.status) summary.reconciled.push(record.name);
      return;
    }
    await db.resources.applyStatus({
      kind: record.kind,
      name: record.name,
      at: at.toISOString(),
      ...vanished(record),
    });
    summary.reconciled.push(record.name);
  }

  async function handle(record: ResourceRecord, at: Date, summary: SweepSummary): Promise<void> {
    const iso = at.toISOString();
    const note = (outcome: ActionOutcome, done: string[]) => {
      if (!outcome.ok)
        summary.failed.push({
          resource: `${record.kind} ${record.name}`,
          reason: outcome.reason ?? '',
        });
      else if (outcome.acted) done.push(record.name);
    };
    const stopDue = record.kind === 'notebook' && record.stopAt !== null && record.stopAt <= iso;
    const terminateDue =
      record.kind === 'endpoint' && record.terminateAt !== null && record.terminateAt <= iso;

    if (terminateDue || (record.kind === 'endpoint' && record.pendingAction === 'delete')) {
      note(await actions.attempt(record, 'delete', sweepActor), summary.deleted);
      return;
    }
    // A cluster past its termination time is terminated and stays listed as Terminated.
    if (
      record.kind === 'emrCluster' &&
      !record.pendingAction &&
      record.terminateAt !== null &&
      record.terminateAt <= iso
    ) {
      note(await actions.attempt(record, 'stop', sweepActor), summary.stopped);
      return;
    }
    if (record.pendingAction) {
      const outcome = await actions.attempt(record, record.pendingAction, sweepActor);
      note(outcome, summary.retried);
      if (!stopDue) return;
    } else if (stopDue) {
      note(await actions.attempt(record, 'stop', sweepActor), summary.stopped);
    }
    if (stopDue) {
      await db.resources.setSchedule(
        'notebook',
        record.name,
        { stopAt: followingStop(record, at) },
        sweepActor,
      );
    }
  }

  /** Completed days into the usage rows, then each budget measured and enforced. */
  async function meterAndEnforceBudgets(at: Date, summary: SweepSummary): Promise<void> {
    const { usage, cascade } = options;
    if (!usage || !cascade) return;
    try {
      await recordCompletedDays(db, at);
      const outcome = await enforceBudgets({ db, usage, cascade }, sweepActor);
      summary.budgetWarnings.push(...outcome.warned);
      summary.budgetStops.push(...outcome.stopped);
      summary.failed.push(...outcome.failed);
    } catch (error) {
      summary.failed.push({
        resource: 'usage and budgets',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  return {
    async run(): Promise<SweepSummary> {
      const at = now();
      const deleting = await deletingProjects();
      // A deleting project's resources are handled by its deletion pass, not once more here.
      const beingDeleted = new Set(deleting.map((project) => project.name.toLowerCase()));
      const records = (await due(at.toISOString())).filter(
        (record) => !beingDeleted.has(record.project.toLowerCase()),
      );
      const summary: SweepSummary = {
        at: at.toISOString(),
        due: records.length,
        stopped: [],
        deleted: [],
        retried: [],
        failed: [],
        projectsDeleted: [],
        groupsDeleted: [],
        usersDeleted: [],
        reconciled: [],
        quotasCorrected: [],
        idleStopped: [],
        idleWarned: [],
        budgetWarnings: [],
        budgetStops: [],
      };
      const inBatches = async (
        batch: ResourceRecord[],
        act: (record: ResourceRecord, at: Date, summary: SweepSummary) => Promise<void>,
      ) => {
        for (let index = 0; index < batch.length; index += concurrency) {
          await Promise.all(
            batch.slice(index, index + concurrency).map((record) =>
              act(record, at, summary).catch((error: unknown) => {
                summary.failed.push({
                  resource: `${record.kind} ${record.name}`,
                  reason: error instanceof Error ? error.message : String(error),
                });
              }),
            ),
          );
        }
      };
      await inBatches(records, handle);
      // After the due actions, so a resource this run stopped or deleted is not described twice;
      // a pending action is the due pass's to retry.
      const handled = new Set(records.map((record) => `${record.kind}#${record.name}`));
      const unsettled = (
        await unsettledBefore(new Date(at.getTime() - reconcileAfterMs).toISOString())
      ).filter(
        (record) =>
          !handled.has(`${record.kind}#${record.name}`) &&
          !record.pendingAction &&
          !beingDeleted.has(record.project.toLowerCase()),
      );
      await inBatches(unsettled, reconcile);
      await continueDeletions(deleting, summary);
      await finishGroupDeletions(summary);
      await continueUserDeletions(summary);
      await meterAndEnforceBudgets(at, summary);
      const idle = await stopIdleNotebooks({
        db,
        compute: options.compute,
        actions,
        actor: sweepActor,
        now: at,
      });
      summary.idleStopped = idle.stopped;
      summary.idleWarned = idle.warned;
      summary.failed.push(...idle.failed);
      // Last, after this run's stops and deletions released what they held.
      summary.quotasCorrected = await reconcileQuotas(db).catch((error: unknown) => {
        summary.failed.push({
          resource: 'quota counters',
          reason: error instanceof Error ? error.message : String(error),
        });
        return [];
      });
      return summary;
    },
  };
}

export type Sweep = ReturnType<typeof createSweep>;

/** Runs the sweep every `intervalMs` (never two at once); returns a stop function for shutdown. */
export function scheduleSweep(
  sweep: Sweep,
  intervalMs = 60_000,
  log: (summary: SweepSummary) => void = () => {},
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sweep
      .run()
      .then(log)
      .catch((error: unknown) => console.error('The cost-controls sweep failed:', error))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
