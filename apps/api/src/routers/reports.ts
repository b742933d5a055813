import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import {
  NotFoundError,
  assertAllowed,
  canReadReports,
  pageInputSchema,
  type Page,
} from '@mlspace/core';
import type { ReportRecord } from '@mlspace/db';

import { generateReport } from '../services/reports';
import { activeProcedure } from '../trpc';

const nameInput = z.object({
  name: z
    .string()
    .regex(
      /^mlspace-report-[A-Za-z0-9-]+\.csv$/,
      'must be a report name such as mlspace-report-20260101T000000Z-1a2b.csv',
    ),
});

export const reportsRouter = {
  /** Generates a CSV of every resource across projects (admins). */
  generate: activeProcedure.mutation(async ({ ctx }): Promise<ReportRecord> => {
    assertAllowed(canReadReports(ctx.caller.user));
    return generateReport(ctx.db, ctx.reportStorage, ctx.caller.user.username);
  }),

  /** Newest first. */
  list: activeProcedure
    .input(pageInputSchema)
    .query(({ ctx, input }): Promise<Page<ReportRecord>> => {
      assertAllowed(canReadReports(ctx.caller.user));
      return ctx.db.reports.list(input);
    }),

  /** A presigned GET, valid for 120 seconds. */
  download: activeProcedure
    .input(nameInput)
    .mutation(async ({ ctx, input }): Promise<{ url: string }> => {
      assertAllowed(canReadReports(ctx.caller.user));
      const report = await ctx.db.reports.get(input.name);
      if (!report) throw new NotFoundError(`There is no report named ${input.name}`);
      return { url: await ctx.reportStorage.presignGet(report.objectKey, report.name) };
    }),

  delete: activeProcedure.input(nameInput).mutation(async ({ ctx, input }): Promise<void> => {
    assertAllowed(canReadReports(ctx.caller.user));
    const report = await ctx.db.reports.get(input.name);
    if (!report) throw new NotFoundError(`There is no report named ${input.name}`);
    await ctx.reportStorage.delete(report.objectKey);
    await ctx.db.reports.remove(report.name, ctx.caller.user.username);
  }),
} satisfies TRPCRouterRecord;
