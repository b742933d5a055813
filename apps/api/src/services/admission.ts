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
 *   ADR 021); this module supplies the limits and words the refusal when a counter is full.
 */
import {
  effectiveQuotaLimits,
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
 * A project's overrides as read in the last 2 seconds, per database handle: like the configuration
 * (config-service.ts), a change reaches every process within that time, and a create reads nothing
 * for them most of the time. A change made through this process is seen at once (forgetOverrides).
 */
const overridesCacheMs = 2_000;
type CachedOverrides = Map<string, { at: number; value: QuotaOverrides }>;
const overridesCache = new WeakMap<object, CachedOverrides>();

async function overridesOf(ctx: AdmissionContext, project: string): Promise<QuotaOverrides> {
  let byProject = overridesCache.get(ctx.db);
  if (!byProject) {
    byProject = new Map() as CachedOverrides;
    overridesCache.set(ctx.db, byProject);
  }
  const cached = byProject.get(project);
  if (cached && Date.now() - cached.at < overridesCacheMs) return cached.value;
  const value = await ctx.db.quotas.overrides(project);
  byProject.set(project, { at: Date.now(), value });
  return value;
}

/** After this process changed a project's overrides: the next admission reads them again. */
export function forgetOverrides(ctx: Pick<AdmissionContext, 'db'>, project: string): void {
  overridesCache.get(ctx.db)?.delete(project);
}

/** The project's limits now: the administrator's defaults with the project's overrides. */
export async function quotaLimitsOf(ctx: AdmissionContext, project: string): Promise<QuotaLimits> {
  const [config, overrides] = await Promise.all([
    ctx.configService.current(),
    overridesOf(ctx, project),
  ]);
  return effectiveQuotaLimits(config.config.quotas, overrides);
}

/**
 * Checks that decide before anything is written; each throws a DomainError saying which rule
 * refused. (Budgets' hard stop goes here.)
 */
async function refusalBeforeWrite(ctx: AdmissionContext, request: AdmissionRequest): Promise<void> {
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
  // Independent reads, so the gate costs the slowest of them rather than their sum.
  const [, limits] = await Promise.all([
    refusalBeforeWrite(ctx, request),
    quotaLimitsOf(ctx, request.project),
  ]);
  try {
    return await write({ limits });
  } catch (error) {
    if (error instanceof QuotaConditionFailed) throw await ctx.db.quotas.refusal(error);
    throw error;
  }
}
