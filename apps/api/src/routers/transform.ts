import type { TRPCRouterRecord } from '@trpc/server';

import {
  ValidationError,
  canCreateResource,
  canManageResource,
  canReadResource,
  createTransformJobInputSchema,
} from '@mlspace/core';

import {
  backendFor,
  refreshRecord,
  registerAndCreate,
  toSummaryView,
  type ResourceSummaryView,
} from '../services/ml-resources';
import { authorizeProject } from '../services/project-access';
import { authorizeResource } from '../services/resource-access';
import { assertStorageLocations } from '../services/storage-gate';
import { serviceProcedure } from '../trpc';
import { outputProcedures } from './job-outputs';
import { listProcedures, nameInput, optionsProcedure, jobControlProcedures } from './ml-common';

/** Refused with a clear message while an administrator has deactivated transform. */
const transformProcedure = serviceProcedure('transform');

export interface TransformJobDetailView {
  job: ResourceSummaryView;
  permissions: { manage: boolean };
}

export const transformRouter = {
  ...listProcedures('transformJob'),
  options: optionsProcedure('transformJob', 'transform-output'),

  get: transformProcedure
    .input(nameInput)
    .query(async ({ ctx, input }): Promise<TransformJobDetailView> => {
      const user = ctx.caller.user;
      const { record, facts } = await authorizeResource(
        ctx.db,
        user,
        'transformJob',
        input.name,
        canReadResource,
      );
      const fresh = await refreshRecord(
        ctx.db,
        record,
        await backendFor(ctx.compute, 'transformJob').describe(record.name),
      );
      return {
        job: toSummaryView(fresh),
        permissions: { manage: canManageResource(user, facts).allowed },
      };
    }),

  create: transformProcedure
    .input(createTransformJobInputSchema)
    .mutation(async ({ ctx, input }): Promise<ResourceSummaryView> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canCreateResource);
      await ctx.configService.assertInstanceTypeAllowed('transform', input.instanceType);
      const model = await ctx.db.resources.get('model', input.modelName);
      if (!model || model.project !== input.project) {
        throw new ValidationError(
          'modelName',
          `project ${input.project} has no model named ${input.modelName}`,
        );
      }
      const [inputS3Uri, outputS3Uri] = await assertStorageLocations(ctx, user, input.project, [
        { field: 'inputS3Uri', uri: input.inputS3Uri, access: 'read' },
        { field: 'outputS3Uri', uri: input.outputS3Uri, access: 'write' },
      ]);
      const backend = backendFor(ctx.compute, 'transformJob');
      const { project, name, ...requested } = input;
      const spec = { ...requested, inputS3Uri: inputS3Uri!, outputS3Uri: outputS3Uri! };
      const { record } = await registerAndCreate(ctx, {
        kind: 'transformJob',
        name,
        project,
        owner: user.username,
        status: 'InProgress',
        instanceType: input.instanceType,
        instanceCount: input.instanceCount,
        spec,
        create: () =>
          backend.create({
            name,
            owner: { project, username: user.username },
            modelName: input.modelName,
            input: {
              s3Uri: spec.inputS3Uri,
              contentType: input.contentType,
              splitType: input.splitType,
            },
            outputS3Uri: spec.outputS3Uri,
            resources: { instanceType: input.instanceType, instanceCount: input.instanceCount },
            batchStrategy: input.batchStrategy,
          }),
      });
      return toSummaryView(record);
    }),

  ...jobControlProcedures('transformJob'),
  ...outputProcedures('transformJob'),
} satisfies TRPCRouterRecord;
