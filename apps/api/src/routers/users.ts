import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import {
  ForbiddenError,
  assertAllowed,
  canAdministerUsers,
  canManageProject,
  pageInputSchema,
  projectNameSchema,
  usernameSchema,
} from '@mlspace/core';

import { authorizeProject } from '../services/project-access';
import { activeProcedure, adminProcedure } from '../trpc';

/** What the member picker may show about other users: never emails, flags or preferences. */
export interface UserSearchResult {
  username: string;
  displayName: string;
}

const searchInput = z.object({
  query: z.string().trim().max(128),
  /** The project whose members are being picked; its owners may search. Without it, admins only. */
  project: projectNameSchema.optional(),
  limit: z.number().int().min(1).max(25).default(10),
});

const listInput = pageInputSchema.extend({
  filter: z.string().trim().max(128).optional(),
  status: z.enum(['all', 'active', 'suspended', 'admins']).default('all'),
});

export const usersRouter = {
  /** Active users by username or display name, for the member pickers. */
  search: activeProcedure
    .input(searchInput)
    .query(async ({ ctx, input }): Promise<UserSearchResult[]> => {
      if (input.project)
        await authorizeProject(ctx.db, ctx.caller.user, input.project, canManageProject);
      else assertAllowed(canAdministerUsers(ctx.caller.user));
      const page = await ctx.db.users.list({
        filter: input.query || undefined,
        status: 'active',
        limit: input.limit,
      });
      return page.items.map((user) => ({ username: user.username, displayName: user.displayName }));
    }),

  list: adminProcedure.input(listInput).query(({ ctx, input }) => ctx.db.users.list(input)),

  setSuspended: adminProcedure
    .input(z.object({ username: usernameSchema, suspended: z.boolean() }))
    .mutation(({ ctx, input }) => {
      if (input.username === ctx.caller.user.username) {
        throw new ForbiddenError('You cannot suspend your own account.');
      }
      return ctx.db.users.setSuspended(input.username, input.suspended, ctx.caller.user.username);
    }),

  /** Ends every session of the user at once: each of their browsers must sign in again. */
  signOutEverywhere: adminProcedure
    .input(z.object({ username: usernameSchema }))
    .mutation(({ ctx, input }) =>
      ctx.db.users.signOutEverywhere(input.username, ctx.caller.user.username),
    ),

  setAdmin: adminProcedure
    .input(z.object({ username: usernameSchema, isAdmin: z.boolean() }))
    .mutation(({ ctx, input }) => {
      if (input.username === ctx.caller.user.username && !input.isAdmin) {
        throw new ForbiddenError(
          'You cannot revoke your own administrator role: ask another administrator.',
        );
      }
      return ctx.db.users.setAdmin(input.username, input.isAdmin, ctx.caller.user.username);
    }),
} satisfies TRPCRouterRecord;
