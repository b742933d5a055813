/** Project quotas: read by members with the project, changed by admins (registered under `projects`). */
import type { TRPCRouterRecord } from '@trpc/server';
import * as z from 'zod';

import {
  assertAllowed,
  canReadProject,
  canSetProjectQuotas,
  projectNameSchema,
  quotaCategories,
  quotaCategoryLabels,
  setProjectQuotasInputSchema,
  type QuotaLimits,
  type QuotaOverrides,
} from '@mlspace/core';

import { forgetAdmissionTerms, quotaLimitsOf } from '../services/admission';
import { authorizeProject } from '../services/project-access';
import { activeProcedure } from '../trpc';

/** One line of the quota table: what is counted, how much is held now, and the limit (null: none). */
export interface QuotaUsageRow {
  quota: string;
  label: string;
  used: number;
  limit: number | null;
}

export interface ProjectQuotasView {
  /** What applies: the defaults with this project's overrides. */
  limits: QuotaLimits;
  defaults: QuotaLimits;
  overrides: QuotaOverrides;
  /** The project's counts, the caller's own counts, and each limited or used instance family. */
  usage: QuotaUsageRow[];
  /** Whether the caller may change the overrides (admins). */
  mayEdit: boolean;
}

export const quotaProcedures = {
  quotas: activeProcedure
    .input(z.object({ project: projectNameSchema }))
    .query(async ({ ctx, input }): Promise<ProjectQuotasView> => {
      const user = ctx.caller.user;
      await authorizeProject(ctx.db, user, input.project, canReadProject);
      const [limits, config, overrides, counters] = await Promise.all([
        quotaLimitsOf(ctx, input.project),
        ctx.configService.current(),
        ctx.db.quotas.overrides(input.project),
        ctx.db.quotas.usage(input.project),
      ]);
      const used = (key: string) => Math.max(0, counters.get(key) ?? 0);
      const families = new Set([
        ...Object.keys(limits.instancesPerFamily),
        ...[...counters.keys()]
          .filter((key) => key.startsWith('family#') && used(key) > 0)
          .map((key) => key.slice('family#'.length)),
      ]);
      const usage: QuotaUsageRow[] = [
        ...quotaCategories.map((category) => ({
          quota: `project#${category}`,
          label: `${quotaCategoryLabels[category]} in the project`,
          used: used(`project#${category}`),
          limit: limits.project[category],
        })),
        ...quotaCategories.map((category) => ({
          quota: `user#${user.username}#${category}`,
          label: `${quotaCategoryLabels[category]} of yours (per-member quota)`,
          used: used(`user#${user.username}#${category}`),
          limit: limits.perUser[category],
        })),
        ...[...families].sort().map((family) => ({
          quota: `family#${family}`,
          label: `${family} instances`,
          used: used(`family#${family}`),
          limit: limits.instancesPerFamily[family] ?? null,
        })),
      ];
      return {
        limits,
        defaults: config.config.quotas,
        overrides,
        usage,
        mayEdit: canSetProjectQuotas(user).allowed,
      };
    }),

  /** Applies at once to new creates and starts; what already runs keeps running. */
  setQuotas: activeProcedure
    .input(setProjectQuotasInputSchema)
    .mutation(async ({ ctx, input }): Promise<void> => {
      assertAllowed(canSetProjectQuotas(ctx.caller.user));
      await authorizeProject(ctx.db, ctx.caller.user, input.project, canReadProject);
      await ctx.db.quotas.setOverrides(input.project, input.overrides, ctx.caller.user.username);
      forgetAdmissionTerms(ctx, input.project);
    }),
} satisfies TRPCRouterRecord;
