/**
 * Cost-control schedules: what a new notebook or endpoint gets from its project, and the next
 * daily stop. Times are stored as UTC ISO strings; daily stops keep their wall clock and zone.
 */
import {
  addHours,
  nextDailyOccurrence,
  type ComputeKind,
  type CostControls,
  type DailyStop,
  type ResourceRecord,
} from '@mlspace/core';
import type { Db, ScheduleChanges } from '@mlspace/db';

export function nextStopAt(dailyStop: DailyStop, now: Date): string {
  return nextDailyOccurrence(dailyStop.time, dailyStop.timeZone, now).toISOString();
}

/** The schedule a resource of `kind` created at `now` gets from its project's controls, if any. */
export function scheduleAtCreate(
  controls: CostControls,
  kind: ComputeKind,
  now: Date,
): ScheduleChanges | null {
  if (kind === 'notebook' && controls.notebook.dailyStop) {
    return {
      dailyStop: controls.notebook.dailyStop,
      stopAt: nextStopAt(controls.notebook.dailyStop, now),
    };
  }
  if (kind === 'endpoint' && controls.endpoint.ttlHours !== null) {
    return { terminateAt: addHours(now, controls.endpoint.ttlHours).toISOString() };
  }
  if (kind === 'emrCluster' && controls.emrCluster.ttlHours !== null) {
    return { terminateAt: addHours(now, controls.emrCluster.ttlHours).toISOString() };
  }
  return null;
}

/** Writes the project's schedule onto a just-created resource, so the schedule index picks it up. */
export async function applyProjectSchedule(
  db: Db,
  record: ResourceRecord,
  actor: string,
  now = new Date(),
): Promise<ResourceRecord> {
  const changes = scheduleAtCreate(await db.costControls.get(record.project), record.kind, now);
  return changes ? db.resources.setSchedule(record.kind, record.name, changes, actor) : record;
}
