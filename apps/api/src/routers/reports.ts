import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  NotFoundError,
  assertAllowed,
  canReadReports,
  pageInputSchema,
  projectNameSchema,
  usernameSchema,
  type Page,
} from '@mlspace/core';
import type { ReportRecord } from '@mlspace/db';

import { generateReport, type ReportRequest } from '../services/reports';
import { activeProcedure } from '../trpc';

const nameInput = z.object({
  name: z
    .string()
    .regex(
      /^mlspace-report-[A-Za-z0-9-]+\.csv$/,
      'must be a report name such as mlspace-report-20260101T000000Z-1a2b.csv',
    ),
});

const distinct = <T extends z.ZodType<string>>(schema: T, noun: string) =>
  z
    .array(schema)
    .min(1, `name at least one ${noun}`)
    .max(50, `name at most 50 ${noun}s`)
    .transform((names) => [...new Set(names)]);

/** Without input: every resource of every project, as before. */
const generateInput = z
  .union([
    z.object({ report: z.literal('resources'), scope: z.literal('system') }),
    z.object({
      report: z.literal('resources'),
      scope: z.literal('project'),
      targets: distinct(projectNameSchema, 'project'),
    }),
    z.object({
      report: z.literal('resources'),
      scope: z.literal('user'),
      targets: distinct(usernameSchema, 'user'),
    }),
    z.object({ report: z.literal('personnel') }),
  ])
  .optional();

export const reportsRouter = {
  /**
   * Generates a CSV (admins): resources of every project, of named projects or of named users,
   * or personnel (every user, suspended ones included).
   */
  generate: activeProcedure
    .input(generateInput)
    .mutation(async ({ ctx, input }): Promise<ReportRecord> => {
      assertAllowed(canReadReports(ctx.caller.user));
      const request: ReportRequest =
        !input || (input.report === 'resources' && input.scope === 'system')
          ? { report: 'resources', scope: 'system' }
          : input.report === 'personnel'
            ? { report: 'personnel' }
            : input;
      return generateReport(
        ctx.db,
        ctx.reportStorage,
        ctx.caller.user.username,
        request,
        new Date(),
        ctx.usage,
      );
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
