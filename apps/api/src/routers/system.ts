import type { TRPCRouterRecord } from '@trpc/server';

import { activeServices, visibleBanner } from '@mlspace/core';

import { publicProcedure } from '../trpc';

export const systemRouter = {
  /** Readable without a login: only what the sign-in page needs. */
  publicSettings: publicProcedure.query(async ({ ctx }) => {
    const { config } = await ctx.configService.current();
    return {
      mode: ctx.settings.mode,
      signInUrl: '/api/auth/login',
      identityProvider: new URL(ctx.settings.oidc.issuer).host,
      banner: visibleBanner(config),
      /** Activated services, so the portal hides what the administrator turned off. */
      services: activeServices(config, ctx.settings.mode),
    };
  }),
} satisfies TRPCRouterRecord;
