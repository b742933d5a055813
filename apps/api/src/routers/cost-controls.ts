/** Project cost controls: read by members, changed by owners and admins (registered under `projects`). */
import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  canManageProject,
  canReadProject,
  projectNameSchema,
  updateCostControlsInputSchema,
  type CostControls,
} from '@mlspace/core';

import { authorizeProject } from '../services/project-access';
import { activeProcedure } from '../trpc';

export interface CostControlsView extends CostControls {
  /** Whether the caller may change them (owners and admins). */
  mayEdit: boolean;
}

export const costControlsProcedures = {
  costControls: activeProcedure
    .input(z.object({ project: projectNameSchema }))
    .query(async ({ ctx, input }): Promise<CostControlsView> => {
      const user = ctx.caller.user;
      const { facts } = await authorizeProject(ctx.db, user, input.project, canReadProject);
      const controls = await ctx.db.costControls.get(input.project);
      return { ...controls, mayEdit: canManageProject(user, facts).allowed };
    }),

  /** Applies to resources created afterwards; existing schedules stay as they are. */
  updateCostControls: activeProcedure
    .input(updateCostControlsInputSchema)
    .mutation(async ({ ctx, input }): Promise<CostControls> => {
      const { project, ...controls } = input;
      await authorizeProject(ctx.db, ctx.caller.user, project, canManageProject);
      return ctx.db.costControls.set(project, controls, ctx.caller.user.username);
    }),
} satisfies TRPCRouterRecord;
