import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  assertAllowed,
  canReadReports,
  canReadModelUsage,
  canUsePlayground,
  canReadProject,
  playgroundConverseInputSchema,
  projectNameSchema,
  serviceUnavailableReason,
  usageMonthOf,
  usageMonthSchema,
  type FoundationModelSummary,
  type ModelUsageRow,
} from '@mlspace/core';

import type { ReportRecord } from '@mlspace/db';

import { authorizeProject } from '../services/project-access';
import { generateModelUsageReport } from '../services/playground/usage-report';
import { startTurn, type PlaygroundEvent } from '../services/playground/conversation';
import { allowedModelSummaries, bedrockUnavailableReason } from '../services/playground/sources';
import { activeProcedure } from '../trpc';

export interface PlaygroundOptionsView {
  bedrock: {
    /** Why Bedrock cannot answer here (local mode, deactivated), or null. */
    unavailableReason: string | null;
    models: FoundationModelSummary[];
  };
  endpoints: {
    unavailableReason: string | null;
    /** The project's endpoints in service. */
    names: string[];
  };
  permissions: { converse: boolean; readUsage: boolean };
}

export interface ModelUsageView {
  month: string;
  rows: ModelUsageRow[];
}

const projectInput = z.object({ project: projectNameSchema });

/**
 * A project's playground (ADR 017): its members converse with an allowed Bedrock model or one of
 * the project's endpoints; owners and admins see the tokens used. Not a serviceProcedure: either
 * source may answer while the other is deactivated, so each turn checks its own.
 */
export const playgroundRouter = {
  options: activeProcedure
    .input(projectInput)
    .query(async ({ ctx, input }): Promise<PlaygroundOptionsView> => {
      const user = ctx.caller.user;
      const { facts } = await authorizeProject(ctx.db, user, input.project, canReadProject);
      const bedrockReason = await bedrockUnavailableReason(ctx);
      const endpointsReason =
        serviceUnavailableReason('endpoints', ctx.configService.mode) ??
        ((await ctx.configService.isServiceActive('endpoints'))
          ? null
          : 'Endpoints are deactivated by your administrator');
      const endpoints = endpointsReason
        ? null
        : await ctx.db.resources.listByProject(input.project, 'endpoint', {
            limit: 100,
            status: 'InService',
          });
      return {
        bedrock: {
          unavailableReason: bedrockReason,
          models: bedrockReason ? [] : await allowedModelSummaries(ctx),
        },
        endpoints: {
          unavailableReason: endpointsReason,
          names: endpoints?.items.map((endpoint) => endpoint.name) ?? [],
        },
        permissions: {
          converse: canUsePlayground(user, facts).allowed,
          readUsage: canReadModelUsage(user, facts).allowed,
        },
      };
    }),

  /**
   * One turn of a conversation. The reply streams (an async generator, read by the portal through
   * httpBatchStreamLink); refusals come before the first event, as ordinary errors.
   */
  converse: activeProcedure
    .input(playgroundConverseInputSchema)
    .mutation(async ({ ctx, input }): Promise<AsyncGenerator<PlaygroundEvent>> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canUsePlayground);
      return startTurn(ctx, user, input);
    }),

  /** Tokens used in the project in a month (this month unless named), by member and model. */
  usage: activeProcedure
    .input(projectInput.extend({ month: usageMonthSchema.optional() }))
    .query(async ({ ctx, input }): Promise<ModelUsageView> => {
      await authorizeProject(ctx.db, ctx.caller.user, input.project, canReadModelUsage);
      const month = input.month ?? usageMonthOf(new Date());
      return { month, rows: await ctx.db.modelUsage.forProject(input.project, month) };
    }),

  /**
   * Admins: every project's usage in a month as a report CSV, listed and downloaded with the other
   * reports (reports.list, reports.download).
   */
  usageReport: activeProcedure
    .input(z.object({ month: usageMonthSchema }))
    .mutation(async ({ ctx, input }): Promise<ReportRecord> => {
      assertAllowed(canReadReports(ctx.caller.user));
      return generateModelUsageReport(
        ctx.db,
        ctx.reportStorage,
        ctx.caller.user.username,
        input.month,
      );
    }),
} satisfies TRPCRouterRecord;
