import {
  clipToMonth,
  monthBounds,
  monthOf,
  isMetered,
  isRunning,
  splitByDay,
  type ComputeKind,
  type ComputeStatus,
  type ResourceRecord,
  type UsageHours,
} from '@mlspace/core';

import type { RunningResourceItem } from '../entities/running-resource';
import type { UsageDayItem } from '../entities/usage-day';
import type { Context } from '../model';
import { writeTransaction, type TxOp } from '../tx';
import { resourceRecordOf } from './resources';
import { runningMarkerOps } from './running';

/** What metering needs of a resource: who, what kind, and on how many instances of which type. */
export interface MeteredResource {
  kind: ComputeKind;
  name: string;
  project: string;
  owner: string;
  instanceType?: string | null;
  instanceCount?: number | null;
  /** Tells this resource's lifetime hours from those of an earlier one of the same name. */
  createdAt: string;
}

/** A resource type unknown to the record still counts its hours; the price says "no price known". */
const unknownInstanceType = 'unknown';
/**
 * At most this many days of one interval go into one transaction (DynamoDB takes 100 items, and
 * the status change, markers, audit and quota counters share it); an older remainder is written
 * first, in transactions of its own (`catchUp`).
 */
const maxDaysPerTransaction = 40;
const hourMs = 3_600_000;

const nextMonth = (month: string) => monthOf(monthBounds(month).end);
const dayMs = 86_400_000;

function sizeOf(resource: MeteredResource): { instanceType: string; instanceCount: number } {
  return {
    instanceType: resource.instanceType || unknownInstanceType,
    instanceCount: resource.instanceCount ?? 1,
  };
}

/** Adds [from, to) of the resource's instances to its daily usage rows (ADD, so rows need not exist). */
function usageRowOps(resource: MeteredResource, from: string, to: string, at: string): TxOp[] {
  const { instanceType, instanceCount } = sizeOf(resource);
  const shares = splitByDay(from, to);
  if (shares.length === 0) return [];
  const total = shares.reduce((sum, share) => sum + share.hours, 0) * instanceCount;
  const lifetime: TxOp = ({ resourceUsage }) =>
    resourceUsage
      .upsert({ kind: resource.kind, name: resource.name, createdAt: resource.createdAt })
      .add({ instanceHours: total })
      .commit();
  const byMonth = new Map<string, number>();
  for (const { day, hours } of shares)
    byMonth.set(day.slice(0, 7), (byMonth.get(day.slice(0, 7)) ?? 0) + hours * instanceCount);
  const monthTotals = [...byMonth].map(
    ([month, hours]): TxOp =>
      ({ usageMonth }) =>
        usageMonth
          .upsert({
            project: resource.project,
            month,
            kind: resource.kind,
            instanceType,
            updatedAt: at,
          })
          .add({ instanceHours: hours })
          .commit(),
  );
  return [
    lifetime,
    ...monthTotals,
    ...shares.map(
      ({ day, hours }): TxOp =>
        ({ usageDay }) =>
          usageDay
            .upsert({
              project: resource.project,
              month: day.slice(0, 7),
              day,
              kind: resource.kind,
              owner: resource.owner,
              instanceType,
              updatedAt: at,
            })
            .add({ instanceHours: hours * instanceCount })
            .commit(),
    ),
  ];
}

/** Where the marker's unrecorded use starts (markers older than metering carry only `since`). */
function startOf(marker: RunningResourceItem): string {
  return marker.meteredFrom ?? marker.since;
}

export function createUsageMetering(context: Context) {
  const { model } = context;
  const { runningResource } = model.entities;

  async function markerOf(resource: MeteredResource): Promise<RunningResourceItem | null> {
    const { data } = await runningResource
      .get({ project: resource.project, kind: resource.kind, name: resource.name })
      .go({ consistent: true });
    return data;
  }

  /** Records the marker's use up to `to` and moves its start there: one transaction, conditioned. */
  async function checkpoint(
    resource: MeteredResource,
    marker: RunningResourceItem,
    to: string,
  ): Promise<RunningResourceItem> {
    const at = context.now();
    await writeTransaction(
      model,
      [
        ({ runningResource }) =>
          runningResource
            .patch({ project: marker.project, kind: marker.kind, name: marker.name })
            .set({ meteredFrom: to })
            .where((attributes, { eq, notExists }) =>
              marker.meteredFrom === undefined
                ? notExists(attributes.meteredFrom)
                : eq(attributes.meteredFrom, marker.meteredFrom),
            )
            .commit(),
        ...usageRowOps(resource, startOf(marker), to, at),
      ],
      () => `The use of ${resource.kind} ${resource.name} was recorded at the same time`,
    );
    return { ...marker, meteredFrom: to };
  }

  /** Writes all but the last `maxDaysPerTransaction` days of a long unrecorded interval. */
  async function catchUp(
    resource: MeteredResource,
    marker: RunningResourceItem,
    until: string,
  ): Promise<RunningResourceItem> {
    let current = marker;
    for (;;) {
      const limit = new Date(Date.parse(until) - maxDaysPerTransaction * dayMs);
      const start = Date.parse(startOf(current));
      if (start >= limit.getTime()) return current;
      const step = new Date(Math.min(start + maxDaysPerTransaction * dayMs, limit.getTime()));
      current = await checkpoint(resource, current, step.toISOString());
    }
  }

  return {
    /**
     * The transaction items of a status change that keep the running marker true and, when the
     * change ends a run, add the run's unrecorded hours to the usage rows: the marker is removed
     * on the condition that nobody recorded them meanwhile (else the change is retried or refused).
     */
    async runningOps(
      resource: MeteredResource,
      from: ComputeStatus | null,
      to: ComputeStatus | null,
      at: string,
    ): Promise<TxOp[]> {
      const plain = runningMarkerOps(resource, from, to, at);
      const ends =
        from !== null &&
        isRunning(resource.kind, from) &&
        !(to !== null && isRunning(resource.kind, to));
      if (!ends || !isMetered(resource.kind)) return plain;
      const read = await markerOf(resource);
      if (!read) return plain;
      const marker = await catchUp(resource, read, at);
      return [
        ({ runningResource }) =>
          runningResource
            .delete({ project: marker.project, kind: marker.kind, name: marker.name })
            .where((attributes, { eq, notExists }) =>
              marker.meteredFrom === undefined
                ? notExists(attributes.meteredFrom)
                : eq(attributes.meteredFrom, marker.meteredFrom),
            )
            .commit(),
        ...usageRowOps(resource, startOf(marker), at, at),
      ];
    },

    /**
     * The items that close a running resource's use at its old size when its instances change
     * (an endpoint updated to another configuration), so the hours before count at the old type.
     */
    async resizeOps(
      before: MeteredResource,
      after: MeteredResource,
      status: ComputeStatus,
      at: string,
    ): Promise<TxOp[]> {
      const old = sizeOf(before);
      const next = sizeOf(after);
      const same =
        old.instanceType === next.instanceType && old.instanceCount === next.instanceCount;
      if (same || !isMetered(before.kind) || !isRunning(before.kind, status)) return [];
      const read = await markerOf(before);
      if (!read) return [];
      const marker = await catchUp(before, read, at);
      return [
        ({ runningResource }) =>
          runningResource
            .patch({ project: marker.project, kind: marker.kind, name: marker.name })
            .set({ meteredFrom: at, ...sizeOf(after) })
            .where((attributes, { eq, notExists }) =>
              marker.meteredFrom === undefined
                ? notExists(attributes.meteredFrom)
                : eq(attributes.meteredFrom, marker.meteredFrom),
            )
            .commit(),
        ...usageRowOps(before, startOf(marker), at, at),
      ];
    },

    /** Records a running resource's use up to the start of today (UTC), once a day per resource. */
    async recordCompletedDays(resource: MeteredResource, now: string): Promise<boolean> {
      if (!isMetered(resource.kind)) return false;
      const read = await markerOf(resource);
      const today = `${now.slice(0, 10)}T00:00:00.000Z`;
      if (!read || startOf(read) >= today) return false;
      const marker = await catchUp(resource, read, today);
      if (startOf(marker) < today) await checkpoint(resource, marker, today);
      return true;
    },
  };
}

export type UsageMetering = ReturnType<typeof createUsageMetering>;

/** A running resource and where its unrecorded use starts. */
export interface LiveRun {
  record: ResourceRecord;
  meteredFrom: string;
}

/** What a running resource adds to usage, read from its marker alone. */
export interface LiveMeter extends MeteredResource {
  meteredFrom: string;
}

/** Stored usage days and the live runs they do not hold yet; all Queries. */
export function createUsageRepository(context: Context) {
  const { model } = context;
  const { usageDay, runningResource, resource } = model.entities;
  const metering = createUsageMetering(context);

  const hoursOf = (item: UsageDayItem): UsageHours => ({
    project: item.project,
    day: item.day,
    kind: item.kind,
    owner: item.owner,
    instanceType: item.instanceType,
    instanceHours: item.instanceHours ?? 0,
  });

  async function liveRuns(markers: RunningResourceItem[]): Promise<LiveRun[]> {
    const metered = markers.filter((marker) => isMetered(marker.kind));
    const runs: LiveRun[] = [];
    for (let index = 0; index < metered.length; index += 100) {
      const chunk = metered.slice(index, index + 100);
      const { data } = await resource.get(chunk.map(({ kind, name }) => ({ kind, name }))).go();
      const byKey = new Map(data.map((item) => [`${item.kind}#${item.name}`, item]));
      for (const marker of chunk) {
        const item = byKey.get(`${marker.kind}#${marker.name}`);
        if (item) runs.push({ record: resourceRecordOf(item), meteredFrom: startOf(marker) });
      }
    }
    return runs;
  }

  return {
    /** A project's stored usage of one month (pk `project#${project}#usage#${month}`). */
    async projectMonth(project: string, month: string): Promise<UsageHours[]> {
      const { data } = await usageDay.query.byProjectMonth({ project, month }).go({ pages: 'all' });
      return data.map(hoursOf);
    },

    /**
     * A project's stored hours of one month per kind and instance type (sk `total#`): a few rows,
     * for the budget check at admission.
     */
    async projectMonthTotals(project: string, month: string): Promise<UsageHours[]> {
      const { data } = await model.entities.usageMonth.query
        .byProjectMonth({ project, month })
        .go({ pages: 'all' });
      return data.map((item) => ({
        project: item.project,
        day: month,
        kind: item.kind,
        owner: '',
        instanceType: item.instanceType,
        instanceHours: item.instanceHours ?? 0,
      }));
    },

    /**
     * Removes a deleted project's usage days and month totals, month by month from `since` (its
     * creation) to `until`, so a later project of the same name shows none of it (ADR 010);
     * returns how many rows went. Resources' lifetime rows are keyed by each resource's creation
     * and reach no later namesake.
     */
    async deleteForProject(project: string, since: string, until: string): Promise<number> {
      let removed = 0;
      for (let month = monthOf(since); month <= monthOf(until); month = nextMonth(month)) {
        const [days, totals] = await Promise.all([
          usageDay.query.byProjectMonth({ project, month }).go({ pages: 'all' }),
          model.entities.usageMonth.query.byProjectMonth({ project, month }).go({ pages: 'all' }),
        ]);
        if (days.data.length > 0) await usageDay.delete(days.data).go();
        if (totals.data.length > 0) await model.entities.usageMonth.delete(totals.data).go();
        removed += days.data.length + totals.data.length;
      }
      return removed;
    },

    /** Every project's stored usage of one month (gsi1 `usage#${month}`). */
    async month(month: string): Promise<UsageHours[]> {
      const { data } = await usageDay.query.byMonth({ month }).go({ pages: 'all' });
      return data.map(hoursOf);
    },

    /** A project's metered resources running now, from its running markers. */
    async liveRunsOfProject(project: string): Promise<LiveRun[]> {
      const { data } = await runningResource.query.byProject({ project }).go({ pages: 'all' });
      return liveRuns(data);
    },

    /** Records a running resource's completed days (the sweep, once a day per resource). */
    recordCompletedDays: metering.recordCompletedDays,

    /**
     * Each resource's instance-hours over its life up to `now` (stored runs plus the run going
     * on), keyed `${kind}#${name}`; BatchGets, for report pages.
     */
    async lifetimeHours(records: ResourceRecord[], now: string): Promise<Map<string, number>> {
      const metered = records.filter((record) => isMetered(record.kind));
      const hours = new Map<string, number>();
      for (let index = 0; index < metered.length; index += 100) {
        const chunk = metered.slice(index, index + 100);
        const running = chunk.filter((record) => isRunning(record.kind, record.status));
        const [stored, markers] = await Promise.all([
          model.entities.resourceUsage
            .get(chunk.map(({ kind, name, createdAt }) => ({ kind, name, createdAt })))
            .go(),
          running.length > 0
            ? runningResource
                .get(running.map(({ project, kind, name }) => ({ project, kind, name })))
                .go()
            : Promise.resolve({ data: [] as RunningResourceItem[] }),
        ]);
        for (const item of stored.data)
          hours.set(`${item.kind}#${item.name}`, item.instanceHours ?? 0);
        const byKey = new Map(chunk.map((record) => [`${record.kind}#${record.name}`, record]));
        for (const marker of markers.data) {
          const key = `${marker.kind}#${marker.name}`;
          const record = byKey.get(key);
          if (!record) continue;
          const live = Math.max(0, Date.parse(now) - Date.parse(startOf(marker))) / hourMs;
          hours.set(key, (hours.get(key) ?? 0) + live * sizeOf(record).instanceCount);
        }
      }
      return hours;
    },

    /**
     * A project's metered resources running now as their markers say (one Query): for the budget
     * check. Markers written before they carried the instance type are read with their Resource.
     */
    async liveMetersOfProject(project: string): Promise<LiveMeter[]> {
      const { data } = await runningResource.query.byProject({ project }).go({ pages: 'all' });
      const metered = data.filter((marker) => isMetered(marker.kind));
      const sized = metered.filter((marker) => marker.instanceType);
      const unsized = metered.filter((marker) => !marker.instanceType);
      const older = unsized.length > 0 ? await liveRuns(unsized) : [];
      return [
        ...sized.map((marker) => ({
          ...marker,
          createdAt: marker.since,
          meteredFrom: startOf(marker),
        })),
        ...older.map((run) => ({ ...run.record, meteredFrom: run.meteredFrom })),
      ];
    },

    /** Every metered resource running now (gsi2 `running`). */
    async liveRuns(): Promise<LiveRun[]> {
      const { data } = await runningResource.query.all({}).go({ pages: 'all' });
      return liveRuns(data);
    },
  };
}

export type UsageRepository = ReturnType<typeof createUsageRepository>;

/** A live run's hours in one month up to `now`, per UTC day (not yet in the stored rows). */
export function liveUsage(run: LiveRun | LiveMeter, month: string, now: string): UsageHours[] {
  const clipped = clipToMonth(run.meteredFrom, now, month);
  if (!clipped) return [];
  const resource = 'record' in run ? run.record : run;
  const { instanceType, instanceCount } = sizeOf(resource);
  return splitByDay(clipped.from, clipped.to).map(({ day, hours }) => ({
    project: resource.project,
    day,
    kind: resource.kind,
    owner: resource.owner,
    instanceType,
    instanceHours: hours * instanceCount,
  }));
}
