/**
 * Usage, estimated cost and budgets. A project's usage is read by its members (as its resources
 * are) and its budget set by its owners and admins (as its cost controls are; ADR 022); usage
 * across projects is for admins, as reports are.
 */
import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  assertAllowed,
  canManageProject,
  canReadProject,
  canReadReports,
  monthOf,
  monthSchema,
  projectNameSchema,
  setBudgetInputSchema,
  usageCsv,
  type Budget,
  type BudgetStatus,
  type UsageReportView,
} from '@mlspace/core';

import { forgetAdmissionTerms } from '../services/admission';
import { authorizeProject } from '../services/project-access';
import { activeProcedure } from '../trpc';

const projectMonthInput = z.object({
  project: projectNameSchema,
  /** YYYY-MM (UTC); this month when absent. */
  month: monthSchema.optional(),
});
const monthInput = z.object({ month: monthSchema.optional() });

/** What the project pages show above every tab: the budget's state this month. */
export interface BudgetBannerView {
  status: BudgetStatus | null;
  /** Owners and admins are warned at each threshold; members see only a reached hard stop. */
  mayEdit: boolean;
}

export const usageRouter = {
  project: activeProcedure
    .input(projectMonthInput)
    .query(async ({ ctx, input }): Promise<UsageReportView> => {
      const user = ctx.caller.user;
      const { facts } = await authorizeProject(ctx.db, user, input.project, canReadProject);
      const month = input.month ?? monthOf(ctx.usage.now());
      const usage = await ctx.usage.monthUsage(input.project, month);
      return {
        ...usage,
        budget: await ctx.usage.budgetStatusOf(input.project, month),
        mayEditBudget: canManageProject(user, facts).allowed,
      };
    }),

  /** Every project's usage (admins). */
  all: activeProcedure.input(monthInput).query(async ({ ctx, input }): Promise<UsageReportView> => {
    assertAllowed(canReadReports(ctx.caller.user));
    const month = input.month ?? monthOf(ctx.usage.now());
    return { ...(await ctx.usage.monthUsage(null, month)), budget: null, mayEditBudget: false };
  }),

  /** The month's lines as CSV (one row per day, project, kind, user and instance type). */
  csv: activeProcedure
    .input(z.object({ project: projectNameSchema.optional(), month: monthSchema.optional() }))
    .query(async ({ ctx, input }): Promise<{ fileName: string; csv: string }> => {
      const user = ctx.caller.user;
      if (input.project) await authorizeProject(ctx.db, user, input.project, canReadProject);
      else assertAllowed(canReadReports(user));
      const month = input.month ?? monthOf(ctx.usage.now());
      const usage = await ctx.usage.monthUsage(input.project ?? null, month);
      return {
        fileName: `mlspace-usage-${input.project ?? 'all-projects'}-${month}.csv`,
        csv: usageCsv(usage.lines),
      };
    }),

  budgetBanner: activeProcedure
    .input(z.object({ project: projectNameSchema }))
    .query(async ({ ctx, input }): Promise<BudgetBannerView> => {
      const user = ctx.caller.user;
      const { facts } = await authorizeProject(ctx.db, user, input.project, canReadProject);
      return {
        status: await ctx.usage.budgetStatusOf(input.project),
        mayEdit: canManageProject(user, facts).allowed,
      };
    }),

  /** Sets or (null) removes the project's monthly budget; audited. */
  setBudget: activeProcedure
    .input(setBudgetInputSchema)
    .mutation(async ({ ctx, input }): Promise<Budget | null> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canManageProject);
      const budget = await ctx.db.budgets.set(input.project, input.budget, user.username);
      forgetAdmissionTerms(ctx, input.project);
      return budget;
    }),
} satisfies TRPCRouterRecord;
