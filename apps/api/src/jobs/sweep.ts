/**
 * The cost-controls sweep: stops notebooks at their daily stop time (and schedules the next day's),
 * deletes endpoints past their termination time, and retries actions a cascade or an earlier sweep
 * could not finish. It reads only what is due, by the schedule index (gsi3, time-ordered): no Scan.
 * Locally the server runs it every minute; on AWS an EventBridge schedule invokes sweep-lambda.ts.
 */
import type { ComputeBackend, ResourceRecord } from '@mlspace/core';
import type { Db } from '@mlspace/db';

import {
  createResourceActions,
  type ActionOutcome,
  type ResourceActions,
} from '../services/resource-actions';
import { nextStopAt } from '../services/schedules';

export const sweepActor = 'mlspace-scheduler';

export interface SweepSummary {
  at: string;
  due: number;
  stopped: string[];
  deleted: string[];
  retried: string[];
  failed: { resource: string; reason: string }[];
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

  return {
    async run(): Promise<SweepSummary> {
      const at = now();
      const records = await due(at.toISOString());
      const summary: SweepSummary = {
        at: at.toISOString(),
        due: records.length,
        stopped: [],
        deleted: [],
        retried: [],
        failed: [],
      };
      for (let index = 0; index < records.length; index += concurrency) {
        await Promise.all(
          records.slice(index, index + concurrency).map((record) =>
            handle(record, at, summary).catch((error: unknown) => {
              summary.failed.push({
                resource: `${record.kind} ${record.name}`,
                reason: error instanceof Error ? error.message : String(error),
              });
            }),
          ),
        );
      }
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
