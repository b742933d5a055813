import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { ForbiddenError, pageInputSchema, usernameSchema } from '@mlspace/core';

import { adminProcedure } from '../trpc';

const listInput = pageInputSchema.extend({
  filter: z.string().trim().max(128).optional(),
  status: z.enum(['all', 'active', 'suspended', 'admins']).default('all'),
});

export const usersRouter = {
  list: adminProcedure.input(listInput).query(({ ctx, input }) => ctx.db.users.list(input)),

  setSuspended: adminProcedure
    .input(z.object({ username: usernameSchema, suspended: z.boolean() }))
    .mutation(({ ctx, input }) => {
      if (input.username === ctx.caller.user.username) {
        throw new ForbiddenError('You cannot suspend your own account.');
      }
      return ctx.db.users.setSuspended(input.username, input.suspended, ctx.caller.user.username);
    }),

  setAdmin: adminProcedure
    .input(z.object({ username: usernameSchema, isAdmin: z.boolean() }))
    .mutation(({ ctx, input }) => {
      if (input.username === ctx.caller.user.username && !input.isAdmin) {
        throw new ForbiddenError('You cannot revoke your own administrator role: ask another administrator.');
      }
      return ctx.db.users.setAdmin(input.username, input.isAdmin, ctx.caller.user.username);
    }),
} satisfies TRPCRouterRecord;
