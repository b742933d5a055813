/**
 * The admission gate: every path that creates or starts work (notebook create and start, training,
 * tuning, transform, labeling and batch translation jobs, models, endpoint configs, endpoint create
 * and update, cluster create) goes through `admitNewWork` exactly once, around the registry write
 * that makes the work exist or run.
 *
 * Two kinds of check live here:
 * - checks that read and decide (no race can make them wrong in a way that matters), before the
 *   write: a budget's hard stop throws a DomainError that names the budget when the project may
 *   not start new work.
 * - quotas, which must hold under races: they are not decided here but conditioned in the same
 *   DynamoDB transaction as the resource's own record (packages/db repositories/quotas.ts,
 *   ADR 021); this module supplies the limits and words the refusal when a counter is full.
 */
import {
  effectiveQuotaLimits,
  type Budget,
  type ComputeKind,
  type QuotaLimits,
  type QuotaOverrides,
} from '@mlspace/core';
import { QuotaConditionFailed, type QuotaAdmission } from '@mlspace/db';

import type { ApiServices } from '../services';

export type AdmissionContext = Pick<ApiServices, 'db' | 'configService' | 'usage'>;

/** The work asked for: who, where, what, on how many instances of which type. */
export interface AdmissionRequest {
  project: string;
  user: string;
  kind: ComputeKind;
  instanceType?: string | null;
  /** Instances the work holds (summed over an endpoint's variants); 1 when absent. */
  count?: number | null;
}

/**
 * What a project's row says about admission (its quota overrides and its budget), as read in the
 * last 2 seconds, per database handle: like the configuration (config-service.ts), a change
 * reaches every process within that time, so most creates read nothing for them. A change made
 * through this process is seen at once (forgetAdmissionTerms).
 */
const termsCacheMs = 2_000;
interface AdmissionTerms {
  overrides: QuotaOverrides;
  budget: Budget | null;
}
type CachedTerms = Map<string, { at: number; value: Promise<AdmissionTerms> }>;
const termsCache = new WeakMap<object, CachedTerms>();

function termsOf(ctx: AdmissionContext, project: string): Promise<AdmissionTerms> {
  let byProject = termsCache.get(ctx.db);
  if (!byProject) {
    byProject = new Map() as CachedTerms;
    termsCache.set(ctx.db, byProject);
  }
  const cached = byProject.get(project);
  if (cached && Date.now() - cached.at < termsCacheMs) return cached.value;
  // The promise is cached, so creates racing on a cold cache share one read.
  const value = Promise.all([ctx.db.quotas.overrides(project), ctx.db.budgets.get(project)]).then(
    ([overrides, budget]) => ({ overrides, budget }),
  );
  const entry = { at: Date.now(), value };
  byProject.set(project, entry);
  value.catch(() => {
    if (byProject.get(project) === entry) byProject.delete(project);
  });
  return value;
}

/** After this process changed a project's overrides or budget: the next admission reads them again. */
export function forgetAdmissionTerms(
  ctx: Pick<AdmissionContext, 'db' | 'usage'>,
  project: string,
): void {
  termsCache.get(ctx.db)?.delete(project);
  ctx.usage.forgetBudgetVerdict(project);
}

/** The project's limits now: the administrator's defaults with the project's overrides. */
export async function quotaLimitsOf(ctx: AdmissionContext, project: string): Promise<QuotaLimits> {
  const [config, terms] = await Promise.all([ctx.configService.current(), termsOf(ctx, project)]);
  return effectiveQuotaLimits(config.config.quotas, terms.overrides);
}

/**
 * Admits one create or start: runs the checks that decide before the write, then `write` with the
 * quota limits its transaction must respect (pass them to `db.resources.register` or `update`).
 * A full quota comes back as a QuotaExceededError naming the quota and what uses it.
 */
export async function admitNewWork<T>(
  ctx: AdmissionContext,
  request: AdmissionRequest,
  write: (admission: QuotaAdmission) => Promise<T>,
): Promise<T> {
  const [config, terms] = await Promise.all([
    ctx.configService.current(),
    termsOf(ctx, request.project),
  ]);
  // Checks that decide before anything is written throw a DomainError naming their rule: a
  // budget's hard stop (reads the month's use only when the project has one).
  if (terms.budget?.hardStop)
    await ctx.usage.refuseIfBudgetReached(request.project, terms.budget, request);
  const limits = effectiveQuotaLimits(config.config.quotas, terms.overrides);
  try {
    return await write({ limits });
  } catch (error) {
    if (error instanceof QuotaConditionFailed) throw await ctx.db.quotas.refusal(error);
    throw error;
  }
}
