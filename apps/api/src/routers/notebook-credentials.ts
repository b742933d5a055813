import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import { computeNameSchema } from '@mlspace/core';

import type { NotebookCredentials } from '../services/notebook-credentials/mint';
import { publicProcedure } from '../trpc';

const exchangeInput = z.object({
  notebook: computeNameSchema,
  /** A signed sts:GetCallerIdentity request, as the notebook's start script builds it. */
  request: z.object({
    url: z.string().max(200),
    method: z.string().max(10),
    headers: z
      .record(z.string().max(100), z.string().max(4000))
      .refine((headers) => Object.keys(headers).length <= 20, 'may hold at most 20 headers'),
    body: z.string().max(200),
  }),
});

/** How a notebook on AWS gets its MLSpace token: it proves its IAM role (ADR 020). */
export const notebookCredentialsRouter = {
  exchange: publicProcedure
    .input(exchangeInput)
    .mutation(async ({ ctx, input }): Promise<NotebookCredentials> => {
      const { exchangeNotebookIdentity } =
        await import('../services/notebook-credentials/exchange');
      return exchangeNotebookIdentity(ctx, input);
    }),
} satisfies TRPCRouterRecord;
