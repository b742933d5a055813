import type { TRPCRouterRecord } from '@trpc/server';

import { userPreferencesSchema } from '@mlspace/core';

import { accountProcedure, activeProcedure } from '../trpc';

export const meRouter = {
  /** The caller's own account; suspended users may read it to see why they are locked out. */
  get: accountProcedure.query(({ ctx }) => ctx.caller.user),

  updatePreferences: activeProcedure
    .input(userPreferencesSchema)
    .mutation(({ ctx, input }) =>
      ctx.db.users.updatePreferences(ctx.caller.user.username, input, ctx.caller.user.username),
    ),
} satisfies TRPCRouterRecord;
