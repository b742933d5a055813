import type { TRPCRouterRecord } from '@trpc/server';

import {
  ValidationError,
  canCreateResource,
  canManageResource,
  canReadResource,
  createEndpointConfigInputSchema,
  type DataCaptureConfig,
} from '@mlspace/core';

import { variantInstances } from '../services/endpoint-variants';
import { deleteThroughBackend } from '../services/ml-delete';
import {
  backendFor,
  registerAndCreate,
  toSummaryView,
  type ResourceSummaryView,
} from '../services/ml-resources';
import { authorizeProject } from '../services/project-access';
import { authorizeResource } from '../services/resource-access';
import { assertStorageLocations } from '../services/storage-gate';
import { serviceProcedure } from '../trpc';
import { listProcedures, nameInput, optionsProcedure } from './ml-common';

/** Refused with a clear message while an administrator has deactivated endpoints. */
const endpointConfigsProcedure = serviceProcedure('endpoints');

export interface EndpointConfigDetailView {
  endpointConfig: ResourceSummaryView;
  /** Where a share of the invocations' requests and responses is written; null when off. */
  dataCapture: DataCaptureConfig | null;
  permissions: { manage: boolean };
}

export const endpointConfigsRouter = {
  ...listProcedures('endpointConfig'),
  options: optionsProcedure('endpointConfig', 'data-capture'),

  get: endpointConfigsProcedure
    .input(nameInput)
    .query(async ({ ctx, input }): Promise<EndpointConfigDetailView> => {
      const user = ctx.caller.user;
      const { record, facts } = await authorizeResource(
        ctx.db,
        user,
        'endpointConfig',
        input.name,
        canReadResource,
      );
      const capture = record.spec.dataCapture as DataCaptureConfig | null | undefined;
      return {
        endpointConfig: toSummaryView(record),
        dataCapture: capture?.s3Uri ? capture : null,
        permissions: { manage: canManageResource(user, facts).allowed },
      };
    }),

  create: endpointConfigsProcedure
    .input(createEndpointConfigInputSchema)
    .mutation(async ({ ctx, input }): Promise<ResourceSummaryView> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canCreateResource);
      for (const [index, variant] of input.variants.entries()) {
        await ctx.configService.assertInstanceTypeAllowed('endpoint', variant.instanceType);
        const model = await ctx.db.resources.get('model', variant.modelName);
        if (!model || model.project !== input.project) {
          throw new ValidationError(
            `variants.${index}.modelName`,
            `project ${input.project} has no model named ${variant.modelName}`,
          );
        }
      }
      const dataCapture = input.dataCapture && {
        ...input.dataCapture,
        s3Uri: (
          await assertStorageLocations(ctx, user, input.project, [
            { field: 'dataCapture.s3Uri', uri: input.dataCapture.s3Uri, access: 'write' },
          ])
        )[0]!,
      };
      const backend = backendFor(ctx.compute, 'endpointConfig');
      const { record } = await registerAndCreate(ctx, {
        kind: 'endpointConfig',
        name: input.name,
        project: input.project,
        owner: user.username,
        status: 'Created',
        ...variantInstances(input.variants),
        spec: { variants: input.variants, dataCapture: dataCapture ?? null },
        create: () =>
          backend.create({
            name: input.name,
            owner: { project: input.project, username: user.username },
            variants: input.variants,
            dataCapture,
          }),
      });
      return toSummaryView(record);
    }),

  delete: endpointConfigsProcedure
    .input(nameInput)
    .mutation(async ({ ctx, input }): Promise<void> => {
      const user = ctx.caller.user;
      const { record } = await authorizeResource(
        ctx.db,
        user,
        'endpointConfig',
        input.name,
        canManageResource,
      );
      await deleteThroughBackend(
        ctx.db,
        record,
        user.username,
        backendFor(ctx.compute, 'endpointConfig'),
      );
    }),
} satisfies TRPCRouterRecord;
