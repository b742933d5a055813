import {
  NotFoundError,
  type ComputeKind,
  type ComputeStatus,
  type ComputeStatusEvent,
  type DailyStop,
  type Page,
  type ResourceRecord,
} from '@mlspace/core';

import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';

import { unscheduled, type ResourceItem } from '../entities/resource';
import type { Context } from '../model';
import { queryPage } from '../query-page';
import { writeTransaction, type TxOp } from '../tx';
import { auditOp } from './audit-op';
import { queryParams } from '../query-params';
import {
  QuotaConditionFailed,
  overLimit,
  quotaCounterOps,
  quotaStateOf,
  type QuotaAdmission,
  type QuotaCounterOps,
} from './quotas';
import { runningMarkerOps } from './running';
import { unsettledMarkerOps } from './unsettled';
import { createUsageMetering } from './usage';

export interface RegisterResourceInput {
  kind: ComputeKind;
  name: string;
  project: string;
  owner: string;
  status: ComputeStatus;
  instanceType?: string | null;
  instanceCount?: number | null;
  spec?: Record<string, unknown>;
  metadata?: Record<string, string>;
  stopAt?: string | null;
  terminateAt?: string | null;
  dailyStop?: DailyStop | null;
}

export interface ScheduleChanges {
  stopAt?: string | null;
  terminateAt?: string | null;
  dailyStop?: DailyStop | null;
}

export interface PendingAction {
  action: 'stop' | 'delete';
  error: string;
}

export interface ListResourcesInput {
  cursor?: string | null;
  limit: number;
  /** Keep only this owner's resources (plain members see only their own in a project). */
  owner?: string;
  status?: ComputeStatus;
  /** Keep only resources whose name contains this text (case-sensitive, as names are). */
  nameContains?: string;
  /** Creation order; newest first unless asked otherwise. */
  order?: 'newest' | 'oldest';
}

/** The sort keys of both resource lists start with the creation time. */
function sortOrder(input: ListResourcesInput): 'asc' | 'desc' {
  return input.order === 'oldest' ? 'asc' : 'desc';
}

/** A FilterExpression drops items, so a page may take more than one Query request. */
function isFiltered(input: ListResourcesInput): boolean {
  return input.owner !== undefined || input.status !== undefined || Boolean(input.nameContains);
}

export interface ResourceChanges {
  instanceType?: string;
  instanceCount?: number;
  spec?: Record<string, unknown>;
  status?: ComputeStatus;
  /** Why MLSpace stopped it (an idle stop); `null` clears it (a start). */
  stopReason?: string | null;
  /** What else the audit event records of the change, as before and after (an endpoint's configuration). */
  audited?: { before: Record<string, unknown>; after: Record<string, unknown> };
}

/** Statuses that mean "running", which set startedAt, and "ended", which set stoppedAt. */
const runningStatuses: readonly ComputeStatus[] = ['InService', 'InProgress', 'Waiting'];
/** Statuses that keep the reported failure reason; any other status clears it. */
const failedStatuses: readonly ComputeStatus[] = ['Failed', 'TerminatedWithErrors'];
const endedStatuses: readonly ComputeStatus[] = [
  'Stopped',
  'Completed',
  'Failed',
  'Terminated',
  'TerminatedWithErrors',
];

/** The earliest of the stop and termination times, and `now` while an action is pending (a retry). */
function dueAt(
  stopAt?: string | null,
  terminateAt?: string | null,
  pendingSince?: string | null,
): string {
  const times = [stopAt, terminateAt, pendingSince].filter((time): time is string => Boolean(time));
  return times.sort()[0] ?? unscheduled;
}

export function resourceRecordOf(item: ResourceItem): ResourceRecord {
  return {
    kind: item.kind,
    name: item.name,
    project: item.project,
    owner: item.owner,
    status: item.status as ComputeStatus,
    instanceType: item.instanceType ?? null,
    instanceCount: item.instanceCount ?? null,
    failureReason: item.failureReason ?? null,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    startedAt: item.startedAt ?? null,
    stoppedAt: item.stoppedAt ?? null,
    stopAt: item.stopAt ?? null,
    terminateAt: item.terminateAt ?? null,
    dailyStop:
      item.dailyStopTime && item.dailyStopTimeZone
        ? { time: item.dailyStopTime, timeZone: item.dailyStopTimeZone }
        : null,
    pendingAction: item.pendingAction ?? null,
    lastError: item.lastError ?? null,
    spec: JSON.parse(item.spec) as Record<string, unknown>,
    metadata: JSON.parse(item.metadata) as Record<string, string>,
    stopReason: item.stopReason ?? null,
    idleStopAt: item.idleStopAt ?? null,
  };
}

/** A report older than the record's, or the same one again (see applyStatus). */
function isStale(current: ResourceItem, status: ComputeStatus, at: string): boolean {
  if (status === 'Deleted' && at < current.createdAt) return true;
  if (!current.statusAt) return false;
  return at < current.statusAt || (at === current.statusAt && status === current.status);
}

/**
 * Names the failed condition of a transaction whose last items are `quota`'s counter ops: a full
 * counter becomes QuotaConditionFailed (the admission gate words the refusal), anything else
 * `otherwise`.
 */
function explainWithQuota(
  project: string,
  quota: QuotaCounterOps,
  opCount: number,
  otherwise: string,
): (failedIndex: number) => string | Error {
  const firstQuotaOp = opCount - quota.ops.length;
  return (failedIndex) => {
    return failedIndex >= firstQuotaOp && quota.ops.length > 0
      ? new QuotaConditionFailed(project, quota.checks)
      : otherwise;
  };
}

/** A request that can never fit its limit is refused before anything is written. */
function refuseOverLimit(project: string, quota: QuotaCounterOps): void {
  const check = overLimit(quota.checks);
  if (check) throw new QuotaConditionFailed(project, [check]);
}

export function createResourcesRepository(context: Context) {
  const { model } = context;
  const { resource } = model.entities;
  const metering = createUsageMetering(context);

  async function load(kind: ComputeKind, name: string): Promise<ResourceItem> {
    const { data } = await resource.get({ kind, name }).go();
    if (!data) throw new NotFoundError(`There is no ${kind} named ${name}`);
    return data;
  }

  function listPage(
    params: QueryCommandInput,
    input: ListResourcesInput,
    filtered: boolean,
  ): Promise<Page<ResourceRecord>> {
    return queryPage(context.client, params, {
      cursor: input.cursor,
      limit: input.limit,
      filtered,
      toView: (Item) => {
        const { data } = resource.parse({ Item });
        return data ? resourceRecordOf(data) : null;
      },
    });
  }

  /**
   * Applies a backend's status event. Unknown resources are ignored (events can outlive their
   * record, and must never resurrect one); `Deleted` removes the record. Backends report late
   * and twice (EventBridge delivers at least once, in no set order), so a report older than the
   * one the record holds, the same report again, or a `Deleted` from before the record was made
   * (an earlier resource of the same name) changes nothing and returns the record as it is. The
   * writes carry the same rule as a condition, for two reports applied at once.
   */
  async function applyStatusOnce(event: ComputeStatusEvent): Promise<ResourceRecord | null> {
    const { data: current } = await resource.get({ kind: event.kind, name: event.name }).go();
    if (!current) return null;
    const at = new Date(event.at).toISOString();
    if (isStale(current, event.status, at)) return resourceRecordOf(current);
    const was = current.status as ComputeStatus;
    if (event.status === 'Deleted') {
      await writeTransaction(
        model,
        [
          ({ resource }) =>
            resource
              .delete({ kind: event.kind, name: event.name })
              .where(
                (attributes, { lte, notExists }) =>
                  `${lte(attributes.createdAt, at)} AND (${notExists(attributes.statusAt)} OR ${lte(attributes.statusAt, at)})`,
              )
              .commit(),
          ...(await metering.runningOps(current, was, null, at)),
          ...unsettledMarkerOps(current, was, null, at),
          ...quotaCounterOps(quotaStateOf(current, was), quotaStateOf(current, null), null).ops,
        ],
        () => `The ${event.kind} ${event.name} changed or was deleted at the same time`,
      );
      return null;
    }
    const metadata = {
      ...(JSON.parse(current.metadata) as Record<string, string>),
      ...event.metadata,
    };
    const set = {
      status: event.status,
      statusAt: at,
      updatedAt: context.now(),
      metadata: JSON.stringify(metadata),
      ...(runningStatuses.includes(event.status) ? { startedAt: event.at } : {}),
      ...(endedStatuses.includes(event.status) ? { stoppedAt: event.at } : {}),
      ...(event.failureReason ? { failureReason: event.failureReason } : {}),
      ...(event.stopReason && endedStatuses.includes(event.status)
        ? { stopReason: event.stopReason }
        : {}),
    };
    const markers = [
      ...(await metering.runningOps(current, was, event.status, at)),
      ...unsettledMarkerOps(current, was, event.status, at),
      // A backend's report is a fact: counted, never refused.
      ...quotaCounterOps(quotaStateOf(current, was), quotaStateOf(current, event.status), null).ops,
    ];
    if (markers.length === 0) {
      const patch = resource.patch({ kind: event.kind, name: event.name }).set(set);
      // Newer than the stored report (see isStale), also when two reports race.
      await (failedStatuses.includes(event.status) ? patch : patch.remove(['failureReason']))
        .where(
          (attributes, { exists, notExists, lt, eq, ne }) =>
            `${exists(attributes.name)} AND (${notExists(attributes.statusAt)} OR ${lt(attributes.statusAt, at)} OR (${eq(attributes.statusAt, at)} AND ${ne(attributes.status, event.status as string)}))`,
        )
        .go();
    } else {
      // Starting or ending a run or a transition moves its marker in the same transaction.
      await writeTransaction(
        model,
        [
          ({ resource }) => {
            const patch = resource.patch({ kind: event.kind, name: event.name }).set(set);
            return (failedStatuses.includes(event.status) ? patch : patch.remove(['failureReason']))
              .where(
                (attributes, { exists, notExists, lt, eq, ne }) =>
                  `${exists(attributes.name)} AND (${notExists(attributes.statusAt)} OR ${lt(attributes.statusAt, at)} OR (${eq(attributes.statusAt, at)} AND ${ne(attributes.status, event.status as string)}))`,
              )
              .commit();
          },
          ...markers,
        ],
        () => `The ${event.kind} ${event.name} changed or was deleted at the same time`,
      );
    }
    return resourceRecordOf({
      ...current,
      ...set,
      ...(failedStatuses.includes(event.status) ? {} : { failureReason: undefined }),
    });
  }

  return {
    /**
     * The record and its audit event commit together; a taken name is a ConflictError. A resource
     * registered running takes its quota counters in the same transaction: under `admission`'s
     * limits (a full counter throws QuotaConditionFailed), or unlimited without one (a resource
     * found on the backend).
     */
    async register(
      input: RegisterResourceInput,
      actor: string,
      admission: QuotaAdmission | null = null,
    ): Promise<ResourceRecord> {
      const at = context.now();
      const scheduleDueAt = dueAt(input.stopAt, input.terminateAt);
      const item = {
        kind: input.kind,
        name: input.name,
        project: input.project,
        owner: input.owner,
        status: input.status,
        createdAt: at,
        updatedAt: at,
        spec: JSON.stringify(input.spec ?? {}),
        metadata: JSON.stringify(input.metadata ?? {}),
        ...(input.instanceType ? { instanceType: input.instanceType } : {}),
        ...(input.instanceCount ? { instanceCount: input.instanceCount } : {}),
        ...(input.stopAt ? { stopAt: input.stopAt } : {}),
        ...(input.terminateAt ? { terminateAt: input.terminateAt } : {}),
        ...(input.dailyStop
          ? { dailyStopTime: input.dailyStop.time, dailyStopTimeZone: input.dailyStop.timeZone }
          : {}),
        scheduleDueAt,
        scheduleIndex: 'schedule' as const,
      };
      const quota = quotaCounterOps(
        quotaStateOf(input, null),
        quotaStateOf(input, input.status),
        admission,
      );
      refuseOverLimit(input.project, quota);
      const ops = [
        ({ resource }) => resource.create(item).commit(),
        ...runningMarkerOps(input, null, input.status, at),
        ...unsettledMarkerOps(input, null, input.status, at),
        auditOp(
          {
            actor,
            action: `${input.kind}.created`,
            targetType: input.kind,
            targetId: input.name,
            after: {
              project: input.project,
              instanceType: input.instanceType ?? null,
              instanceCount: input.instanceCount ?? null,
            },
          },
          at,
        ),
        ...quota.ops,
      ] satisfies TxOp[];
      await writeTransaction(
        model,
        ops,
        explainWithQuota(
          input.project,
          quota,
          ops.length,
          `A ${input.kind} named ${input.name} already exists`,
        ),
      );
      return resourceRecordOf(item);
    },

    async get(kind: ComputeKind, name: string): Promise<ResourceRecord | null> {
      const { data } = await resource.get({ kind, name }).go();
      return data ? resourceRecordOf(data) : null;
    },

    /**
     * A user's change (settings, or a status the user caused such as Stopping), audited. A change
     * that makes the resource hold more (a start, an endpoint on more or other instances) takes
     * its quota counters under `admission`'s limits in the same transaction; one that holds less
     * releases them.
     */
    async update(
      kind: ComputeKind,
      name: string,
      changes: ResourceChanges,
      actor: string,
      action: string,
      admission: QuotaAdmission | null = null,
    ): Promise<ResourceRecord> {
      const current = await load(kind, name);
      const at = context.now();
      const set = {
        updatedAt: at,
        ...(changes.instanceType !== undefined ? { instanceType: changes.instanceType } : {}),
        ...(changes.instanceCount !== undefined ? { instanceCount: changes.instanceCount } : {}),
        ...(changes.spec !== undefined ? { spec: JSON.stringify(changes.spec) } : {}),
        // A status the user caused is as recent as now: an event observed before it is older.
        ...(changes.status !== undefined ? { status: changes.status, statusAt: at } : {}),
        ...(changes.stopReason ? { stopReason: changes.stopReason } : {}),
      };
      // A start clears the last stop's reason; any status change ends an idle warning.
      const toRemove = [
        ...(changes.stopReason === null ? (['stopReason'] as const) : []),
        ...(changes.status !== undefined ? (['idleStopAt'] as const) : []),
      ];
      const was = current.status as ComputeStatus;
      const quota = quotaCounterOps(
        quotaStateOf(current, was),
        quotaStateOf({ ...current, ...set }, set.status ?? was),
        admission,
      );
      refuseOverLimit(current.project, quota);
      const ops = [
        ({ resource }) => {
          const patch = resource.patch({ kind, name }).set(set);
          return (
            (toRemove.length > 0 ? patch.remove([...toRemove]) : patch)
              // Status events patch the record at any time, so no optimistic lock on updatedAt here.
              .where((attributes, { exists }) => exists(attributes.name))
              .commit()
          );
        },
        ...(set.status !== undefined
          ? await metering.runningOps(current, was, set.status, at)
          : await metering.resizeOps(current, { ...current, ...set }, was, at)),
        ...unsettledMarkerOps(
          current,
          current.status as ComputeStatus,
          set.status ?? null,
          at,
        ).filter(() => set.status !== undefined),
        auditOp(
          {
            actor,
            action,
            targetType: kind,
            targetId: name,
            before: {
              status: current.status,
              instanceType: current.instanceType ?? null,
              instanceCount: current.instanceCount ?? null,
              ...changes.audited?.before,
            },
            after: {
              status: set.status ?? current.status,
              instanceType: set.instanceType ?? current.instanceType ?? null,
              instanceCount: set.instanceCount ?? current.instanceCount ?? null,
              ...changes.audited?.after,
            },
          },
          at,
        ),
        ...quota.ops,
      ] satisfies TxOp[];
      await writeTransaction(
        model,
        ops,
        explainWithQuota(
          current.project,
          quota,
          ops.length,
          `The ${kind} ${name} was deleted at the same time`,
        ),
      );
      const next: ResourceItem = { ...current, ...set };
      for (const field of toRemove) delete next[field];
      return resourceRecordOf(next);
    },

    /**
     * Marks a running notebook idle until `idleStopAt` (the portal warns), or clears the mark
     * (`null`) when it is used again. Only while it still has `status`: a stop or start meanwhile
     * wins, and false says nothing was written.
     */
    async setIdleStopAt(
      kind: ComputeKind,
      name: string,
      status: ComputeStatus,
      idleStopAt: string | null,
    ): Promise<boolean> {
      const base = resource.patch({ kind, name });
      const patch = idleStopAt ? base.set({ idleStopAt }) : base.remove(['idleStopAt']);
      try {
        await patch.where((attributes, { eq }) => eq(attributes.status, status as string)).go();
        return true;
      } catch (error) {
        if (error instanceof Error && /conditional request failed/i.test(error.message))
          return false;
        throw error;
      }
    },

    /**
     * Applies a backend's status event. Unknown resources are ignored (events can outlive their
     * record, and must never resurrect one); `Deleted` removes the record. Backends report late
     * and twice (EventBridge delivers at least once, in no set order), so a report older than the
     * one the record holds, the same report again, or a `Deleted` from before the record was made
     * (an earlier resource of the same name) changes nothing and returns the record as it is. The
     * writes carry the same rule as a condition, for two reports applied at once.
     */
    async applyStatus(event: ComputeStatusEvent): Promise<ResourceRecord | null> {
      // Two reports for one resource can be applied at once (a local process reports its start
      // and its end within a millisecond). The loser's condition fails; reading again decides
      // whether its report is now stale (nothing to do) or still news (apply it).
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await applyStatusOnce(event);
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
    },

    /** Stop and termination times for cost controls; `null` clears one, `undefined` keeps it. */
    async setSchedule(
      kind: ComputeKind,
      name: string,
      schedule: ScheduleChanges,
      actor: string,
    ): Promise<ResourceRecord> {
      const current = await load(kind, name);
      const keep = <T>(change: T | null | undefined, now: T | undefined) =>
        change === undefined ? now : (change ?? undefined);
      const stopAt = keep(schedule.stopAt, current.stopAt);
      const terminateAt = keep(schedule.terminateAt, current.terminateAt);
      const dailyStop =
        schedule.dailyStop === undefined
          ? { time: current.dailyStopTime, timeZone: current.dailyStopTimeZone }
          : { time: schedule.dailyStop?.time, timeZone: schedule.dailyStop?.timeZone };
      const dailyStopTime = dailyStop.time;
      const dailyStopTimeZone = dailyStop.timeZone;
      const at = context.now();
      const scheduleDueAt = dueAt(stopAt, terminateAt, current.pendingAction ? at : null);
      const values = { stopAt, terminateAt, dailyStopTime, dailyStopTimeZone };
      const toRemove = (Object.keys(values) as (keyof typeof values)[]).filter(
        (field) => values[field] === undefined,
      );
      const present = Object.fromEntries(
        Object.entries(values).filter(([, value]) => value !== undefined),
      ) as Partial<typeof values>;
      await writeTransaction(
        model,
        [
          ({ resource }) => {
            const patch = resource.patch({ kind, name }).set({
              updatedAt: at,
              ...present,
              scheduleDueAt,
              scheduleIndex: 'schedule',
            });
            return (toRemove.length > 0 ? patch.remove(toRemove) : patch).commit();
          },
          auditOp(
            {
              actor,
              action: `${kind}.schedule_changed`,
              targetType: kind,
              targetId: name,
              before: {
                stopAt: current.stopAt ?? null,
                terminateAt: current.terminateAt ?? null,
                dailyStop: current.dailyStopTime ?? null,
              },
              after: {
                stopAt: stopAt ?? null,
                terminateAt: terminateAt ?? null,
                dailyStop: dailyStopTime ?? null,
              },
            },
            at,
          ),
        ],
        () => `The ${kind} ${name} was deleted at the same time`,
      );
      const next: ResourceItem = { ...current, ...present, scheduleDueAt, updatedAt: at };
      for (const field of toRemove) delete next[field];
      return resourceRecordOf(next);
    },

    /**
     * Records what a cascade or the sweep could not do, or clears it with `null`. A pending
     * action makes the resource due at once on the schedule index, so the next sweep retries it.
     */
    async setPendingAction(
      kind: ComputeKind,
      name: string,
      pending: PendingAction | null,
    ): Promise<ResourceRecord | null> {
      const { data: current } = await resource.get({ kind, name }).go();
      if (!current) return null;
      const at = context.now();
      const scheduleDueAt = dueAt(current.stopAt, current.terminateAt, pending ? at : null);
      const base = resource.patch({ kind, name });
      const patch = pending
        ? base.set({
            pendingAction: pending.action,
            lastError: pending.error,
            scheduleDueAt,
            scheduleIndex: 'schedule',
            updatedAt: at,
          })
        : base
            .set({ scheduleDueAt, scheduleIndex: 'schedule', updatedAt: at })
            .remove(['pendingAction', 'lastError']);
      try {
        await patch.where((attributes, { exists }) => exists(attributes.name)).go();
      } catch {
        return null; // deleted meanwhile: nothing is pending any more
      }
      const next: ResourceItem = { ...current, scheduleDueAt, updatedAt: at };
      if (pending) Object.assign(next, { pendingAction: pending.action, lastError: pending.error });
      else {
        delete next.pendingAction;
        delete next.lastError;
      }
      return resourceRecordOf(next);
    },

    async remove(kind: ComputeKind, name: string, actor: string): Promise<void> {
      const current = await load(kind, name);
      await writeTransaction(
        model,
        [
          ({ resource }) => resource.delete({ kind, name }).commit(),
          ...(await metering.runningOps(
            current,
            current.status as ComputeStatus,
            null,
            context.now(),
          )),
          ...unsettledMarkerOps(current, current.status as ComputeStatus, null, context.now()),
          ...quotaCounterOps(
            quotaStateOf(current, current.status as ComputeStatus),
            quotaStateOf(current, null),
            null,
          ).ops,
          auditOp(
            {
              actor,
              action: `${kind}.deleted`,
              targetType: kind,
              targetId: name,
              before: {
                project: current.project,
                status: current.status,
                instanceType: current.instanceType ?? null,
                instanceCount: current.instanceCount ?? null,
              },
            },
            context.now(),
          ),
        ],
        () => `The ${kind} ${name} was deleted at the same time`,
      );
    },

    /** A project's resources of one kind, newest (or oldest) first; a Query on gsi1. */
    listByProject(project: string, kind: ComputeKind, input: ListResourcesInput) {
      const params = queryParams(
        resource.query
          .byProject({ project, kind })
          .where((attributes, { eq, contains }) =>
            [
              input.owner !== undefined ? eq(attributes.owner, input.owner) : '',
              input.status !== undefined ? eq(attributes.status, input.status as string) : '',
              input.nameContains ? contains(attributes.name, input.nameContains) : '',
            ]
              .filter(Boolean)
              .join(' AND '),
          )
          .params({ order: sortOrder(input) }),
      );
      return listPage(params, input, isFiltered(input));
    },

    /** A user's resources of one kind across projects, newest (or oldest) first; a Query on gsi2. */
    listByOwner(owner: string, kind: ComputeKind, input: ListResourcesInput) {
      const params = queryParams(
        resource.query
          .byOwner({ owner, kind })
          .where((attributes, { eq, contains }) =>
            [
              input.status !== undefined ? eq(attributes.status, input.status as string) : '',
              input.nameContains ? contains(attributes.name, input.nameContains) : '',
            ]
              .filter(Boolean)
              .join(' AND '),
          )
          .params({ order: sortOrder(input) }),
      );
      return listPage(params, input, input.status !== undefined || Boolean(input.nameContains));
    },

    /** Resources whose stop or termination time is at or before `now`, earliest first; gsi3. */
    listDue(now: string, input: { cursor?: string | null; limit: number }) {
      const params = queryParams(
        resource.query
          .bySchedule({ scheduleIndex: 'schedule' })
          .lte({ scheduleDueAt: now })
          .params({ order: 'asc' }),
      );
      return listPage(params, input, false);
    },
  };
}

export type ResourcesRepository = ReturnType<typeof createResourcesRepository>;
