import type { TRPCRouterRecord } from '@trpc/server';

import { publicProcedure } from '../trpc';

export const systemRouter = {
  /** Readable without a login (Q12): only what the sign-in page needs. */
  publicSettings: publicProcedure.query(({ ctx }) => ({
    mode: ctx.settings.mode,
    signInUrl: '/api/auth/login',
    identityProvider: new URL(ctx.settings.oidc.issuer).host,
    banner: null as { text: string; textColor: string; backgroundColor: string } | null,
  })),
} satisfies TRPCRouterRecord;
