import * as z from 'zod';

import {
  canCreateResource,
  canManageResource,
  canReadProject,
  canReadResource,
  computeNameSchema,
  projectNameSchema,
  type ComputeKind,
  type LogPage,
  type Page,
} from '@mlspace/core';

import { backendFor, toSummaryView, type ResourceSummaryView } from '../services/ml-resources';
import { authorizeResource } from '../services/resource-access';
import { listMyResources } from '../services/my-resources';
import { authorizeProject } from '../services/project-access';
import { serviceOfComputeKind } from '../services/config-service';
import { serviceProcedure } from '../trpc';
import { resourceListFilters, resourceListInput } from './resource-list-input';

const statusFilterValues = [
  'InProgress',
  'Completed',
  'Failed',
  'Stopping',
  'Stopped',
  'Created',
  'Creating',
  'InService',
  'Updating',
  'Deleting',
  'OutOfService',
] as const;

export const nameInput = z.object({ name: computeNameSchema });

export const logsInput = nameInput.extend({
  cursor: z.string().max(2048).optional(),
  limit: z.number().int().min(1).max(1000).default(500),
});

/** `list` (a project's, for any member) and `mine` (the caller's across projects) for one kind. */
export function listProcedures(kind: ComputeKind) {
  const procedure = serviceProcedure(serviceOfComputeKind[kind]);
  return {
    list: procedure
      // `status` filters as the reference's `resourceStatus` did (e.g. only Completed training jobs).
      .input(
        resourceListInput.extend({
          project: projectNameSchema,
          status: z.enum(statusFilterValues).optional(),
        }),
      )
      .query(async ({ ctx, input }): Promise<Page<ResourceSummaryView>> => {
        await authorizeProject(ctx.db, ctx.caller.user, input.project, canReadProject);
        const page = await ctx.db.resources.listByProject(input.project, kind, {
          ...resourceListFilters(input),
          status: input.status,
        });
        return { items: page.items.map(toSummaryView), cursor: page.cursor };
      }),
    mine: procedure
      .input(resourceListInput.extend({ status: z.enum(statusFilterValues).optional() }))
      .query(async ({ ctx, input }): Promise<Page<ResourceSummaryView>> => {
        const page = await listMyResources(ctx.db, ctx.caller.user.username, kind, {
          ...resourceListFilters(input),
          status: input.status,
        });
        return { items: page.items.map(toSummaryView), cursor: page.cursor };
      }),
  };
}

export interface CreateOptionsView {
  instanceTypes: readonly string[];
  mayCreate: boolean;
  createDenial: string | null;
  /** Where outputs go by default: the project's prefix in the data bucket. */
  defaultOutputS3Uri: string;
}

/** What a create form offers in a project. */
export function optionsProcedure(kind: ComputeKind, outputFolder: string) {
  const procedure = serviceProcedure(serviceOfComputeKind[kind]);
  return procedure
    .input(z.object({ project: projectNameSchema }))
    .query(async ({ ctx, input }): Promise<CreateOptionsView> => {
      const user = ctx.caller.user;
      const { facts } = await authorizeProject(ctx.db, user, input.project, canReadProject);
      const decision = canCreateResource(user, facts);
      return {
        instanceTypes: await ctx.configService.allowedInstanceTypesForCompute(kind),
        mayCreate: decision.allowed,
        createDenial: decision.allowed ? null : decision.reason,
        defaultOutputS3Uri: `s3://${ctx.settings.s3.dataBucket}/project/${input.project}/${outputFolder}`,
      };
    });
}

/** `stop` (creator, owners, admins) and `logs` (anyone who may read it) for one kind of job. */
export function jobControlProcedures(kind: 'trainingJob' | 'hpoJob' | 'transformJob') {
  const procedure = serviceProcedure(serviceOfComputeKind[kind]);
  return {
    stop: procedure.input(nameInput).mutation(async ({ ctx, input }): Promise<void> => {
      const { record } = await authorizeResource(
        ctx.db,
        ctx.caller.user,
        kind,
        input.name,
        canManageResource,
      );
      await backendFor(ctx.compute, kind).stop(record.name);
    }),

    logs: procedure.input(logsInput).query(async ({ ctx, input }): Promise<LogPage> => {
      const { record } = await authorizeResource(
        ctx.db,
        ctx.caller.user,
        kind,
        input.name,
        canReadResource,
      );
      return backendFor(ctx.compute, kind).logs({
        name: record.name,
        cursor: input.cursor,
        limit: input.limit,
      });
    }),
  };
}
