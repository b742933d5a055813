/**
 * The sweep's idle stop (local backend): every running notebook with an idle timeout is asked how
 * it is used (Jupyter's own API, through the backend's `activity`), and core's idleDecision says
 * what to do: mark it idle so the portal warns ("Stops in 10 min if still idle"), stop it with the
 * reason ("Stopped after 60 minutes idle"), or clear the mark when it is used again. On AWS the
 * backend has no `activity`: the notebook's lifecycle script applies the same rule on the instance.
 */
import { idleDecision, type ComputeBackend, type ResourceRecord } from '@mlspace/core';
import type { Db } from '@mlspace/db';

import type { ResourceActions } from '../services/resource-actions';

export interface IdleStopOutcome {
  stopped: string[];
  warned: string[];
  failed: { resource: string; reason: string }[];
}

export interface IdleStopOptions {
  db: Db;
  compute: ComputeBackend;
  actions: ResourceActions;
  actor: string;
  now: Date;
}

function idleTimeoutOf(record: ResourceRecord): number | null {
  const timeout = record.spec.idleTimeoutMinutes;
  return typeof timeout === 'number' ? timeout : null;
}

/** Running notebooks of every project (the running markers, a Query per project). */
async function runningNotebooks(db: Db): Promise<ResourceRecord[]> {
  const notebooks: ResourceRecord[] = [];
  let projectCursor: string | null = null;
  do {
    const projects = await db.projects.listAll({ cursor: projectCursor, limit: 100 });
    for (const project of projects.items) {
      let cursor: string | null = null;
      do {
        const page = await db.running.listByProject(project.name, { cursor, limit: 100 });
        notebooks.push(...page.items.filter((record) => record.kind === 'notebook'));
        cursor = page.cursor;
      } while (cursor);
    }
    projectCursor = projects.cursor;
  } while (projectCursor);
  return notebooks;
}

export async function stopIdleNotebooks(options: IdleStopOptions): Promise<IdleStopOutcome> {
  const { db, compute, actions, actor, now } = options;
  const outcome: IdleStopOutcome = { stopped: [], warned: [], failed: [] };
  const readActivity = compute.notebooks.activity?.bind(compute.notebooks);
  if (!readActivity) return outcome;
  for (const record of await runningNotebooks(db)) {
    const timeoutMinutes = idleTimeoutOf(record);
    if (record.status !== 'InService' || timeoutMinutes === null) continue;
    try {
      const activity = await readActivity(record.name);
      if (!activity) continue;
      const decision = idleDecision({
        timeoutMinutes,
        activity,
        runningSince: record.startedAt ?? record.updatedAt,
        now,
      });
      if (decision.state === 'stop') {
        // The reason is recorded with the status the stop starts from, then the backend stops it.
        const stopping = await db.resources.update(
          'notebook',
          record.name,
          { status: 'Stopping', stopReason: decision.reason },
          actor,
          'notebook.idle_stopped',
        );
        const result = await actions.attempt(stopping, 'stop', actor);
        if (result.ok) outcome.stopped.push(record.name);
        else
          outcome.failed.push({ resource: `notebook ${record.name}`, reason: result.reason ?? '' });
      } else if (decision.state === 'warn') {
        if (record.idleStopAt !== decision.stopsAt) {
          await db.resources.setIdleStopAt('notebook', record.name, 'InService', decision.stopsAt);
        }
        outcome.warned.push(record.name);
      } else if (record.idleStopAt) {
        await db.resources.setIdleStopAt('notebook', record.name, 'InService', null);
      }
    } catch (error) {
      outcome.failed.push({
        resource: `notebook ${record.name}`,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcome;
}
