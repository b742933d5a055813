import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  ValidationError,
  canCreateResource,
  canInvokeEndpoint,
  canManageResource,
  canReadResource,
  computeNameSchema,
  createEndpointInputSchema,
  projectNameSchema,
  invokeEndpointInputSchema,
  type LogPage,
} from '@mlspace/core';

import { endpointConfigInProject, endpointInstances } from '../services/endpoint-variants';
import { deleteThroughBackend } from '../services/ml-delete';
import {
  backendFor,
  refreshRecord,
  registerAndCreate,
  toSummaryView,
  type ResourceSummaryView,
} from '../services/ml-resources';
import { admitNewWork } from '../services/admission';
import { authorizeProject } from '../services/project-access';
import { authorizeResource } from '../services/resource-access';
import { applyProjectSchedule } from '../services/schedules';
import { serviceProcedure } from '../trpc';
import { listProcedures, logsInput, nameInput } from './ml-common';

/** Refused with a clear message while an administrator has deactivated endpoints. */
const endpointsProcedure = serviceProcedure('endpoints');

export interface EndpointDetailView {
  endpoint: ResourceSummaryView;
  /** The configuration serving now. */
  endpointConfigName: string;
  /** While an update is under way: the configuration it moves to (the old one serves until then). */
  updatingToConfigName: string | null;
  permissions: { manage: boolean; invoke: boolean };
}

export interface InvocationView {
  contentType: string;
  body: string;
  /** Round trip through MLSpace, in milliseconds. */
  tookMs: number;
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
      const requested = fresh.spec.endpointConfigName;
      const requestedName = typeof requested === 'string' ? requested : '';
      const serving = description?.endpointConfigName || requestedName;
      return {
        endpoint: toSummaryView(fresh),
        endpointConfigName: serving,
        updatingToConfigName:
          fresh.status === 'Updating' && requestedName && requestedName !== serving
            ? requestedName
            : null,
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
      const config = await endpointConfigInProject(ctx.db, input.endpointConfigName, input.project);
      const backend = backendFor(ctx.compute, 'endpoint');
      const { record } = await registerAndCreate(ctx, {
        kind: 'endpoint',
        name: input.name,
        project: input.project,
        owner: user.username,
        status: 'Creating',
        ...endpointInstances(config),
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

  /**
   * Moves the endpoint to another configuration of its project. The backend keeps the old one
   * serving until the new one is in service (SageMaker's UpdateEndpoint; locally the new inference
   * server starts before the old one stops), and a failed update leaves the old one serving. The
   * record changes only once the backend has accepted the update.
   */
  update: endpointsProcedure
    .input(
      z.object({
        /** When given, must be the endpoint's project (as the reference's project header). */
        project: projectNameSchema.optional(),
        name: computeNameSchema,
        endpointConfigName: computeNameSchema,
      }),
    )
    .mutation(async ({ ctx, input }): Promise<ResourceSummaryView> => {
      const user = ctx.caller.user;
      const { record } = await authorizeResource(
        ctx.db,
        user,
        'endpoint',
        input.name,
        canManageResource,
      );
      if (input.project && input.project.toLowerCase() !== record.project.toLowerCase()) {
        throw new ValidationError(
          'project',
          `must be the endpoint's project ${record.project}, not ${input.project}`,
        );
      }
      const backend = backendFor(ctx.compute, 'endpoint');
      // What the backend says now: a missed event must not block (or allow) an update.
      const fresh = await refreshRecord(ctx.db, record, await backend.describe(record.name));
      const current = fresh.spec.endpointConfigName;
      if (current === input.endpointConfigName) {
        throw new ValidationError(
          'endpointConfigName',
          `the endpoint already uses ${input.endpointConfigName}; pick another configuration`,
        );
      }
      if (fresh.status !== 'InService') {
        throw new ValidationError(
          'name',
          `the endpoint is ${fresh.status}; it can be updated only while InService`,
        );
      }
      const config = await endpointConfigInProject(
        ctx.db,
        input.endpointConfigName,
        record.project,
      );
      // Taken before the call, so a status the backend reports afterwards is newer than ours.
      const requestedAt = new Date().toISOString();
      const instances = endpointInstances(config);
      // The new instances are admitted (quotas) before the backend is asked to move to them.
      const admitted = await admitNewWork(
        ctx,
        {
          project: record.project,
          user: user.username,
          kind: 'endpoint',
          instanceType: instances.instanceType,
          count: instances.instanceCount,
        },
        (admission) =>
          ctx.db.resources.update(
            'endpoint',
            record.name,
            {
              spec: {
                ...fresh.spec,
                endpointConfigName: input.endpointConfigName,
                previousEndpointConfigName: current ?? null,
              },
              ...(instances.instanceType ? { instanceType: instances.instanceType } : {}),
              ...(instances.instanceCount ? { instanceCount: instances.instanceCount } : {}),
              audited: {
                before: { endpointConfigName: current ?? null },
                after: { endpointConfigName: input.endpointConfigName },
              },
            },
            user.username,
            'endpoint.updated',
            admission,
          ),
      );
      try {
        await backend.update(record.name, input.endpointConfigName);
      } catch (error) {
        // The backend refused: the record (and its quota) go back to what still runs.
        await ctx.db.resources.update(
          'endpoint',
          record.name,
          {
            spec: fresh.spec,
            ...(fresh.instanceType ? { instanceType: fresh.instanceType } : {}),
            ...(fresh.instanceCount ? { instanceCount: fresh.instanceCount } : {}),
          },
          user.username,
          'endpoint.update_failed',
        );
        throw error;
      }
      const updated =
        (await ctx.db.resources.applyStatus({
          kind: 'endpoint',
          name: record.name,
          status: 'Updating',
          at: requestedAt,
        })) ?? admitted;
      return toSummaryView(updated);
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
