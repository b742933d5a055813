import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import {
  ValidationError,
  canCreateResource,
  canInvokeEndpoint,
  canManageResource,
  canReadResource,
  computeNameSchema,
  createEndpointInputSchema,
  invokeEndpointInputSchema,
  type LogPage,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

import { deleteThroughBackend } from '../services/ml-delete';
import {
  backendFor,
  refreshRecord,
  registerAndCreate,
  toSummaryView,
  type ResourceSummaryView,
} from '../services/ml-resources';
import { authorizeProject } from '../services/project-access';
import { authorizeResource } from '../services/resource-access';
import { applyProjectSchedule } from '../services/schedules';
import { serviceProcedure } from '../trpc';
import { listProcedures, logsInput, nameInput } from './ml-common';

/** Refused with a clear message while an administrator has deactivated endpoints. */
const endpointsProcedure = serviceProcedure('endpoints');

export interface EndpointDetailView {
  endpoint: ResourceSummaryView;
  endpointConfigName: string;
  permissions: { manage: boolean; invoke: boolean };
}

export interface InvocationView {
  contentType: string;
  body: string;
  /** Round trip through MLSpace, in milliseconds. */
  tookMs: number;
}

/**
 * The endpoint configuration of the same project, by name; returns the instance types its variants
 * run on, which the endpoint's record keeps so lists and the overview say what it holds.
 */
async function assertConfigInProject(db: Db, name: string, project: string): Promise<string> {
  const config = await db.resources.get('endpointConfig', name);
  if (!config || config.project !== project) {
    throw new ValidationError(
      'endpointConfigName',
      `project ${project} has no endpoint configuration named ${name}`,
    );
  }
  const variants = (config.spec.variants ?? []) as { instanceType?: string }[];
  const types = [...new Set(variants.map((variant) => variant.instanceType).filter(Boolean))];
  return types.join(', ');
}

export const endpointsRouter = {
  ...listProcedures('endpoint'),

  get: endpointsProcedure
    .input(nameInput)
    .query(async ({ ctx, input }): Promise<EndpointDetailView> => {
      const user = ctx.caller.user;
      const { record, facts } = await authorizeResource(
        ctx.db,
        user,
        'endpoint',
        input.name,
        canReadResource,
      );
      const description = await backendFor(ctx.compute, 'endpoint').describe(record.name);
      const fresh = await refreshRecord(ctx.db, record, description);
      const storedConfigName = fresh.spec.endpointConfigName;
      return {
        endpoint: toSummaryView(fresh),
        endpointConfigName:
          description?.endpointConfigName ??
          (typeof storedConfigName === 'string' ? storedConfigName : ''),
        permissions: {
          manage: canManageResource(user, facts).allowed,
          invoke: canInvokeEndpoint(user, facts).allowed,
        },
      };
    }),

  create: endpointsProcedure
    .input(createEndpointInputSchema)
    .mutation(async ({ ctx, input }): Promise<ResourceSummaryView> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canCreateResource);
      const instanceType = await assertConfigInProject(
        ctx.db,
        input.endpointConfigName,
        input.project,
      );
      const backend = backendFor(ctx.compute, 'endpoint');
      const { record } = await registerAndCreate(ctx.db, {
        kind: 'endpoint',
        name: input.name,
        project: input.project,
        owner: user.username,
        status: 'Creating',
        instanceType: instanceType || undefined,
        spec: { endpointConfigName: input.endpointConfigName },
        create: () =>
          backend.create({
            name: input.name,
            owner: { project: input.project, username: user.username },
            endpointConfigName: input.endpointConfigName,
          }),
      });
      return toSummaryView(await applyProjectSchedule(ctx.db, record, user.username));
    }),

  /** Switches to another endpoint config of the same project. */
  update: endpointsProcedure
    .input(z.object({ name: computeNameSchema, endpointConfigName: computeNameSchema }))
    .mutation(async ({ ctx, input }): Promise<void> => {
      const user = ctx.caller.user;
      const { record } = await authorizeResource(
        ctx.db,
        user,
        'endpoint',
        input.name,
        canManageResource,
      );
      const instanceType = await assertConfigInProject(
        ctx.db,
        input.endpointConfigName,
        record.project,
      );
      await ctx.db.resources.update(
        'endpoint',
        record.name,
        {
          spec: { ...record.spec, endpointConfigName: input.endpointConfigName },
          ...(instanceType ? { instanceType } : {}),
        },
        user.username,
        'endpoint.updated',
      );
      await backendFor(ctx.compute, 'endpoint').update(record.name, input.endpointConfigName);
    }),

  delete: endpointsProcedure.input(nameInput).mutation(async ({ ctx, input }): Promise<void> => {
    const user = ctx.caller.user;
    const { record } = await authorizeResource(
      ctx.db,
      user,
      'endpoint',
      input.name,
      canManageResource,
    );
    await deleteThroughBackend(ctx.db, record, user.username, backendFor(ctx.compute, 'endpoint'));
  }),

  /** A payload the model rejects comes back as BAD_REQUEST with the model's own message. */
  invoke: endpointsProcedure
    .input(invokeEndpointInputSchema)
    .mutation(async ({ ctx, input }): Promise<InvocationView> => {
      const { record } = await authorizeResource(
        ctx.db,
        ctx.caller.user,
        'endpoint',
        input.name,
        canInvokeEndpoint,
      );
      const started = performance.now();
      const result = await backendFor(ctx.compute, 'endpoint').invoke({
        name: record.name,
        contentType: input.contentType,
        accept: input.accept ?? input.contentType,
        body: new TextEncoder().encode(input.body),
      });
      return {
        contentType: result.contentType,
        body: new TextDecoder().decode(result.body),
        tookMs: Math.round(performance.now() - started),
      };
    }),

  logs: endpointsProcedure.input(logsInput).query(async ({ ctx, input }): Promise<LogPage> => {
    const { record } = await authorizeResource(
      ctx.db,
      ctx.caller.user,
      'endpoint',
      input.name,
      canReadResource,
    );
    return backendFor(ctx.compute, 'endpoint').logs({
      name: record.name,
      cursor: input.cursor,
      limit: input.limit,
    });
  }),
} satisfies TRPCRouterRecord;
