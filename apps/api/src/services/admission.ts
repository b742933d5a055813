/**
 * The admission gate: every path that creates or starts work (notebook create and start, training,
 * tuning, transform, labeling and batch translation jobs, models, endpoint configs, endpoint create
 * and update, cluster create) goes through `admitNewWork` exactly once, around the registry write
 * that makes the work exist or run.
 *
 * Two kinds of check live here:
 * - checks that read and decide (no race can make them wrong in a way that matters): add them to
 *   `refusalBeforeWrite` below. A budget's hard stop plugs in there: throw a DomainError that names
 *   the budget when the project may not start new work.
 * - quotas, which must hold under races: they are not decided here but conditioned in the same
 *   DynamoDB transaction as the resource's own record (packages/db repositories/quotas.ts,
 *   ADR 019); this module supplies the limits and words the refusal when a counter is full.
 */
import { effectiveQuotaLimits, type ComputeKind, type QuotaLimits } from '@mlspace/core';
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

/** The project's limits now: the administrator's defaults with the project's overrides. */
export async function quotaLimitsOf(ctx: AdmissionContext, project: string): Promise<QuotaLimits> {
  const [config, overrides] = await Promise.all([
    ctx.configService.current(),
    ctx.db.quotas.overrides(project),
  ]);
  return effectiveQuotaLimits(config.config.quotas, overrides);
}

/**
 * Checks that decide before anything is written; each throws a DomainError saying which rule
 * refused. (Budgets' hard stop goes here.)
 */
async function refusalBeforeWrite(
  ctx: AdmissionContext,
  request: AdmissionRequest,
): Promise<void> {
  await ctx.usage.refuseIfBudgetReached(request.project);
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
  await refusalBeforeWrite(ctx, request);
  const limits = await quotaLimitsOf(ctx, request.project);
  try {
    return await write({ limits });
  } catch (error) {
    if (error instanceof QuotaConditionFailed) throw await ctx.db.quotas.refusal(error);
    throw error;
  }
}
