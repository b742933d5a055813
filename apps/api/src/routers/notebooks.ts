import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  ConflictError,
  canCreateResource,
  canManageResource,
  canOpenNotebook,
  canReadProject,
  canReadResource,
  canStartNotebook,
  computeNameSchema,
  notebookStatuses,
  createNotebookInputSchema,
  projectNameSchema,
  reportIdleInputSchema,
  updateNotebookInputSchema,
  type LogPage,
  type NotebookView,
  type Page,
  type Principal,
  type ResourceFacts,
  type DailyStop,
} from '@mlspace/core';

import { authorizeNotebook } from '../services/notebook-access';
import { createNotebookService, toNotebookView } from '../services/notebooks';
import type { ApiServices } from '../services';
import { authorizeProject } from '../services/project-access';
import { applyProjectSchedule } from '../services/schedules';
import { serviceProcedure } from '../trpc';
import { listMyResources } from '../services/my-resources';
import { resourceListFilters, resourceListInput } from './resource-list-input';

/** Refused with a clear message while an administrator has deactivated notebooks. */
const notebooksProcedure = serviceProcedure('notebooks');

const nameInput = z.object({ name: computeNameSchema });

/** What the caller may do with a notebook now, so the page shows only actions that will succeed. */
export interface NotebookPermissionsView {
  start: boolean;
  open: boolean;
  manage: boolean;
}

export interface NotebookDetailView {
  notebook: NotebookView;
  permissions: NotebookPermissionsView;
}

export interface NotebookOptionsView {
  instanceTypes: readonly string[];
  defaultInstanceType: string | null;
  /** The project's daily notebook stop (wall clock and zone); null means none. */
  stopTime: DailyStop | null;
  /**
   * Whether the caller may choose another stop time for a new notebook: only where the project's
   * override switch allows it, checked on the server.
   */
  ownerMayOverrideStop: boolean;
  mayCreate: boolean;
  createDenial: string | null;
}

const notebookService = (services: ApiServices) => createNotebookService(services);

function permissionsFor(principal: Principal, facts: ResourceFacts): NotebookPermissionsView {
  return {
    start: canStartNotebook(principal, facts).allowed,
    open: canOpenNotebook(principal, facts).allowed,
    manage: canManageResource(principal, facts).allowed,
  };
}

const notebookListInput = resourceListInput.extend({
  status: z.enum(notebookStatuses).optional(),
});

export const notebooksRouter = {
  /** A project's notebooks: owners and admins see all of them, members their own (as SageMaker's MLSpace did). */
  list: notebooksProcedure
    .input(notebookListInput.extend({ project: projectNameSchema }))
    .query(async ({ ctx, input }): Promise<Page<NotebookView>> => {
      const user = ctx.caller.user;
      const { facts } = await authorizeProject(ctx.db, user, input.project, canReadProject);
      const seesAll = user.isAdmin || facts.role === 'owner';
      const page = await ctx.db.resources.listByProject(input.project, 'notebook', {
        ...resourceListFilters(input),
        status: input.status,
        owner: seesAll ? undefined : user.username,
      });
      return { items: page.items.map(toNotebookView), cursor: page.cursor };
    }),

  /** The caller's notebooks across projects. */
  mine: notebooksProcedure
    .input(notebookListInput)
    .query(async ({ ctx, input }): Promise<Page<NotebookView>> => {
      const page = await listMyResources(ctx.db, ctx.caller.user.username, 'notebook', {
        ...resourceListFilters(input),
        status: input.status,
      });
      return { items: page.items.map(toNotebookView), cursor: page.cursor };
    }),

  /** What the create form offers in this project. */
  options: notebooksProcedure
    .input(z.object({ project: projectNameSchema }))
    .query(async ({ ctx, input }): Promise<NotebookOptionsView> => {
      const user = ctx.caller.user;
      const { facts } = await authorizeProject(ctx.db, user, input.project, canReadProject);
      const instanceTypes = await ctx.configService.allowedInstanceTypesForCompute('notebook');
      const decision = canCreateResource(user, facts);
      const controls = await ctx.db.costControls.get(input.project);
      return {
        instanceTypes,
        defaultInstanceType: instanceTypes[0] ?? null,
        stopTime: controls.notebook.dailyStop,
        ownerMayOverrideStop:
          controls.notebook.ownerMayOverride || user.isAdmin || facts.role === 'owner',
        mayCreate: decision.allowed,
        createDenial: decision.allowed ? null : decision.reason,
      };
    }),

  /** Describes through the backend, which refreshes the record's status. */
  get: notebooksProcedure
    .input(nameInput)
    .query(async ({ ctx, input }): Promise<NotebookDetailView> => {
      const user = ctx.caller.user;
      const { record, facts } = await authorizeNotebook(ctx.db, user, input.name, canReadResource);
      const fresh = (await notebookService(ctx).refresh(record)) ?? {
        ...record,
        status: 'Deleting' as const,
      };
      return { notebook: toNotebookView(fresh), permissions: permissionsFor(user, facts) };
    }),

  create: notebooksProcedure
    .input(createNotebookInputSchema)
    .mutation(async ({ ctx, input }): Promise<NotebookView> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canCreateResource);
      await ctx.configService.assertInstanceTypeAllowed('notebook', input.instanceType);
      const created = await notebookService(ctx).create(input, user.username);
      const record = await ctx.db.resources.get('notebook', created.name);
      const scheduled = record ? await applyProjectSchedule(ctx.db, record, user.username) : null;
      return scheduled ? { ...created, stopAt: scheduled.stopAt } : created;
    }),

  update: notebooksProcedure
    .input(updateNotebookInputSchema)
    .mutation(async ({ ctx, input }): Promise<NotebookView> => {
      const user = ctx.caller.user;
      const { record } = await authorizeNotebook(ctx.db, user, input.name, canManageResource);
      if (input.instanceType !== undefined) {
        await ctx.configService.assertInstanceTypeAllowed('notebook', input.instanceType);
      }
      return notebookService(ctx).update(record, input, user.username);
    }),

  start: notebooksProcedure.input(nameInput).mutation(async ({ ctx, input }): Promise<void> => {
    const user = ctx.caller.user;
    const { record } = await authorizeNotebook(ctx.db, user, input.name, canStartNotebook);
    await notebookService(ctx).start(record, user.username);
  }),

  stop: notebooksProcedure.input(nameInput).mutation(async ({ ctx, input }): Promise<void> => {
    const user = ctx.caller.user;
    const { record } = await authorizeNotebook(ctx.db, user, input.name, canManageResource);
    await notebookService(ctx).stop(record, user.username);
  }),

  /**
   * A SageMaker notebook's idle script says when it will stop the notebook (or that it no longer
   * will), so the portal warns as it does locally (ADR 021). Called with the notebook's own
   * credentials (its creator, limited to its project).
   */
  reportIdle: notebooksProcedure
    .input(reportIdleInputSchema())
    .mutation(async ({ ctx, input }): Promise<void> => {
      const user = ctx.caller.user;
      const { record } = await authorizeNotebook(ctx.db, user, input.name, canManageResource);
      if (record.status !== 'InService')
        throw new ConflictError(
          `Notebook ${record.name} is ${record.status}: only a running notebook can be idle`,
        );
      // Only a notebook given an idle timeout runs the script; a report for another is not true.
      if (input.stopsAt !== null && toNotebookView(record).idleTimeoutMinutes === null)
        throw new ConflictError(
          `Notebook ${record.name} has no idle timeout, so it is never stopped for idleness`,
        );
      await ctx.db.resources.setIdleStopAt('notebook', record.name, 'InService', input.stopsAt);
    }),

  delete: notebooksProcedure.input(nameInput).mutation(async ({ ctx, input }): Promise<void> => {
    const user = ctx.caller.user;
    const { record } = await authorizeNotebook(ctx.db, user, input.name, canManageResource);
    await notebookService(ctx).delete(record, user.username);
  }),

  /** Where to open Jupyter: the proxied path locally, a presigned URL on AWS. */
  open: notebooksProcedure
    .input(nameInput)
    .mutation(async ({ ctx, input }): Promise<{ url: string }> => {
      const user = ctx.caller.user;
      const { record } = await authorizeNotebook(ctx.db, user, input.name, canOpenNotebook);
      if (record.status !== 'InService') {
        throw new ConflictError(
          `Notebook ${record.name} is ${record.status}; start it and wait until it is InService to open it`,
        );
      }
      return ctx.compute.notebooks.openUrl(record.name, user.username);
    }),

  /** Server and lifecycle-script output; pass the returned cursor back to follow new lines. */
  logs: notebooksProcedure
    .input(
      nameInput.extend({
        cursor: z.string().max(2048).optional(),
        limit: z.number().int().min(1).max(1000).default(500),
      }),
    )
    .query(async ({ ctx, input }): Promise<LogPage> => {
      const { record } = await authorizeNotebook(
        ctx.db,
        ctx.caller.user,
        input.name,
        canReadResource,
      );
      return ctx.compute.notebooks.logs({
        name: record.name,
        cursor: input.cursor,
        limit: input.limit,
      });
    }),
} satisfies TRPCRouterRecord;
