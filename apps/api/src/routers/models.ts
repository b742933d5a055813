import type { TRPCRouterRecord } from '@trpc/server';

import {
  canCreateResource,
  canManageResource,
  canReadResource,
  createModelInputSchema,
  type ContainerSpec,
} from '@mlspace/core';

import { deleteThroughBackend } from '../services/ml-delete';
import {
  backendFor,
  registerAndCreate,
  toSummaryView,
  type ResourceSummaryView,
} from '../services/ml-resources';
import { authorizeProject } from '../services/project-access';
import { authorizeResource } from '../services/resource-access';
import { gatedModelContainer } from '../services/model-containers';
import { serviceProcedure } from '../trpc';
import { listProcedures, nameInput } from './ml-common';

/** Refused with a clear message while an administrator has deactivated models. */
const modelsProcedure = serviceProcedure('models');

export interface ModelDetailView {
  model: ResourceSummaryView;
  container: ContainerSpec | null;
  permissions: { manage: boolean };
}

export const modelsRouter = {
  ...listProcedures('model'),

  get: modelsProcedure.input(nameInput).query(async ({ ctx, input }): Promise<ModelDetailView> => {
    const user = ctx.caller.user;
    const { record, facts } = await authorizeResource(
      ctx.db,
      user,
      'model',
      input.name,
      canReadResource,
    );
    const description = await backendFor(ctx.compute, 'model').describe(record.name);
    return {
      model: toSummaryView(record),
      container: description?.container ?? null,
      permissions: { manage: canManageResource(user, facts).allowed },
    };
  }),

  /** From a completed training job's artefact (plus optional inference code), or from an image. */
  create: modelsProcedure
    .input(createModelInputSchema)
    .mutation(async ({ ctx, input }): Promise<ResourceSummaryView> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canCreateResource);
      const backend = backendFor(ctx.compute, 'model');
      const container = await gatedModelContainer(ctx, user, input);
      const { record } = await registerAndCreate(ctx, {
        kind: 'model',
        name: input.name,
        project: input.project,
        owner: user.username,
        status: 'Created',
        spec: { container, trainingJobName: input.trainingJobName ?? null },
        create: () =>
          backend.create({
            name: input.name,
            owner: { project: input.project, username: user.username },
            container,
          }),
      });
      return toSummaryView(record);
    }),

  delete: modelsProcedure.input(nameInput).mutation(async ({ ctx, input }): Promise<void> => {
    const user = ctx.caller.user;
    const { record } = await authorizeResource(
      ctx.db,
      user,
      'model',
      input.name,
      canManageResource,
    );
    await deleteThroughBackend(ctx.db, record, user.username, backendFor(ctx.compute, 'model'));
  }),
} satisfies TRPCRouterRecord;
