/**
 * Schedules of individual resources (cost controls): read by anyone who may read the resource;
 * changed by its creator only where the project's override switch allows
 * (`canOverrideSchedule`), and always by project owners and admins.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  ValidationError,
  assertAllowed,
  canOverrideSchedule,
  canReadResource,
  computeNameSchema,
  pageInputSchema,
  projectNameSchema,
  rescheduleInputSchema,
  type DailyStop,
  type Principal,
  type ResourceFacts,
  type ResourceRecord,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { authorizeNotebook } from '../services/notebook-access';
import { authorizeResource } from '../services/resource-access';
import {
  countProjectResources,
  listMyRunning,
  listProjectRunning,
  type RunningPageView,
} from '../services/running-resources';
import { nextStopAt } from '../services/schedules';
import { activeProcedure } from '../trpc';

type ScheduledKind = 'notebook' | 'endpoint' | 'emrCluster';

export interface ResourceScheduleView {
  kind: ScheduledKind;
  name: string;
  project: string;
  owner: string;
  stopAt: string | null;
  terminateAt: string | null;
  dailyStop: DailyStop | null;
  /** A notebook's idle timeout in minutes; null: not stopped for idleness. */
  idleTimeoutMinutes: number | null;
  /** What a cascade or the sweep could not do yet, and why; the next sweep retries it. */
  pendingAction: 'stop' | 'delete' | null;
  lastError: string | null;
  mayReschedule: boolean;
  rescheduleDenial: string | null;
}

const scheduleInput = z.object({
  kind: z.enum(['notebook', 'endpoint', 'emrCluster']),
  name: computeNameSchema,
});

async function authorize(
  db: Db,
  user: Principal,
  kind: ScheduledKind,
  name: string,
  decide: (principal: Principal, facts: ResourceFacts) => ReturnType<typeof canReadResource>,
) {
  const access =
    kind === 'notebook'
      ? await authorizeNotebook(db, user, name, canReadResource)
      : await authorizeResource(db, user, kind, name, canReadResource);
  const controls = await db.costControls.get(access.record.project).catch(() => null);
  const facts: ResourceFacts = {
    ...access.facts,
    project: {
      ...access.facts.project,
      allowOwnerOverride: {
        notebook: controls?.notebook.ownerMayOverride ?? false,
        endpoint: controls?.endpoint.ownerMayOverride ?? false,
        emrCluster: controls?.emrCluster.ownerMayOverride ?? false,
      },
    },
  };
  assertAllowed(decide(user, facts));
  return { record: access.record, facts };
}

function toView(
  record: ResourceRecord,
  user: Principal,
  facts: ResourceFacts,
): ResourceScheduleView {
  const decision = canOverrideSchedule(user, facts);
  return {
    kind: record.kind as ScheduledKind,
    name: record.name,
    project: record.project,
    owner: record.owner,
    stopAt: record.stopAt,
    terminateAt: record.terminateAt,
    dailyStop: record.dailyStop,
    idleTimeoutMinutes:
      typeof record.spec.idleTimeoutMinutes === 'number' ? record.spec.idleTimeoutMinutes : null,
    pendingAction: record.pendingAction,
    lastError: record.lastError,
    mayReschedule: decision.allowed,
    rescheduleDenial: decision.allowed ? null : decision.reason,
  };
}

export const resourcesRouter = {
  /** A project's running resources (notebooks, jobs, endpoints holding instances now). */
  running: activeProcedure
    .input(pageInputSchema.extend({ project: projectNameSchema }))
    .query(({ ctx, input }): Promise<RunningPageView> =>
      listProjectRunning(ctx.db, ctx.caller.user, input.project, input),
    ),

  /** The caller's running resources across the projects they belong to. */
  mineRunning: activeProcedure
    .input(pageInputSchema)
    .query(({ ctx, input }): Promise<RunningPageView> =>
      listMyRunning(ctx.db, ctx.caller.user.username, input),
    ),

  /** How many resources of each kind a project holds, running or not. */
  counts: activeProcedure
    .input(z.object({ project: projectNameSchema }))
    .query(({ ctx, input }) => countProjectResources(ctx.db, ctx.caller.user, input.project)),

  schedule: activeProcedure
    .input(scheduleInput)
    .query(async ({ ctx, input }): Promise<ResourceScheduleView> => {
      const user = ctx.caller.user;
      const { record, facts } = await authorize(
        ctx.db,
        user,
        input.kind,
        input.name,
        canReadResource,
      );
      return toView(record, user, facts);
    }),

  /** A notebook's daily stop (wall clock in a zone) or an endpoint's or cluster's termination time; null clears it. */
  reschedule: activeProcedure
    .input(rescheduleInputSchema)
    .mutation(async ({ ctx, input }): Promise<ResourceScheduleView> => {
      const user = ctx.caller.user;
      const { record, facts } = await authorize(
        ctx.db,
        user,
        input.kind,
        input.name,
        canOverrideSchedule,
      );
      const now = new Date();
      let updated: ResourceRecord;
      if (input.kind === 'notebook') {
        updated = await ctx.db.resources.setSchedule(
          'notebook',
          record.name,
          input.dailyStop
            ? { dailyStop: input.dailyStop, stopAt: nextStopAt(input.dailyStop, now) }
            : { dailyStop: null, stopAt: null },
          user.username,
        );
        // The notebook's own idle timeout, under the same override rule as its daily stop.
        if (input.idleTimeoutMinutes !== undefined)
          updated = await ctx.db.resources.update(
            'notebook',
            record.name,
            { spec: { ...updated.spec, idleTimeoutMinutes: input.idleTimeoutMinutes } },
            user.username,
            'notebook.idle_timeout_changed',
          );
      } else {
        if (input.terminateAt && new Date(input.terminateAt) <= now) {
          throw new ValidationError('terminateAt', 'must be in the future');
        }
        const terminateAt = input.terminateAt ? new Date(input.terminateAt).toISOString() : null;
        updated = await ctx.db.resources.setSchedule(
          input.kind,
          record.name,
          { terminateAt },
          user.username,
        );
      }
      return toView(updated, user, facts);
    }),
} satisfies TRPCRouterRecord;
