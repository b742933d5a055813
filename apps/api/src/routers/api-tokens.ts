import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  NotFoundError,
  createApiTokenInputSchema,
  pageInputSchema,
  usernameSchema,
  type ApiTokenView,
  type CreatedApiToken,
  type Page,
} from '@mlspace/core';

import { createPersonalToken, creationsPerHour } from '../services/api-tokens/personal-tokens';
import { activeProcedure, adminProcedure } from '../trpc';

const idInput = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, 'must be an API token id') });

const mineInput = pageInputSchema.extend({
  kind: z.enum(['personal', 'notebook']).default('personal'),
  order: z.enum(['newest', 'oldest']).default('newest'),
});

const allInput = mineInput.extend({ owner: usernameSchema.optional() });

/** Personal API tokens (ADR 020): every user manages their own, admins see and revoke anyone's. */
export const apiTokensRouter = {
  /** Returns the token's secret, this once; MLSpace keeps only its hash. */
  create: activeProcedure
    .input(createApiTokenInputSchema)
    .mutation(({ ctx, input }): Promise<CreatedApiToken> =>
      createPersonalToken(ctx, ctx.caller, input),
    ),

  /** What the create form may offer: the longest lifetime allowed now, and the hourly limit. */
  limits: activeProcedure.query(
    async ({ ctx }): Promise<{ maxLifetimeDays: number; creationsPerHour: number }> => ({
      maxLifetimeDays: (await ctx.configService.current()).config.apiTokens.maxLifetimeDays,
      creationsPerHour,
    }),
  ),

  mine: activeProcedure
    .input(mineInput)
    .query(({ ctx, input }): Promise<Page<ApiTokenView>> =>
      ctx.db.apiTokens.listForOwner(ctx.caller.user.username, input.kind, input),
    ),

  /** One's own token; a token may revoke itself (a CLI's sign-out). */
  revoke: activeProcedure.input(idInput).mutation(async ({ ctx, input }): Promise<ApiTokenView> => {
    const token = await ctx.db.apiTokens.get(input.id);
    if (!token || token.owner !== ctx.caller.user.username)
      throw new NotFoundError(`You have no API token with id ${input.id}`);
    return ctx.db.apiTokens.revoke(token.id, ctx.caller.user.username);
  }),

  /** Everyone's tokens, newest first, or one user's. */
  list: adminProcedure
    .input(allInput)
    .query(({ ctx, input }): Promise<Page<ApiTokenView>> =>
      input.owner
        ? ctx.db.apiTokens.listForOwner(input.owner, input.kind, input)
        : ctx.db.apiTokens.listAll(input.kind, input),
    ),

  adminRevoke: adminProcedure
    .input(idInput)
    .mutation(async ({ ctx, input }): Promise<ApiTokenView> => {
      const token = await ctx.db.apiTokens.get(input.id);
      if (!token) throw new NotFoundError(`API token ${input.id} does not exist`);
      return ctx.db.apiTokens.revoke(token.id, ctx.caller.user.username);
    }),
} satisfies TRPCRouterRecord;
