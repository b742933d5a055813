import type { ComputeKind } from '../compute/status';
import { ConflictError } from '../errors';
import {
  quotaCategoryLabels,
  type QuotaCategory,
  type QuotaLimits,
  type QuotaOverrides,
} from './schema';

/** Which quota category a kind counts against; models and endpoint configurations hold nothing. */
export const quotaCategoryOfKind: Record<ComputeKind, QuotaCategory | null> = {
  notebook: 'notebooks',
  trainingJob: 'jobs',
  hpoJob: 'jobs',
  transformJob: 'jobs',
  labelingJob: 'jobs',
  batchTranslateJob: 'jobs',
  endpoint: 'endpoints',
  emrCluster: 'clusters',
  model: null,
  endpointConfig: null,
};

/** "ml.g5.2xlarge" -> "ml.g5", "m5.xlarge" -> "m5": the type without its size. */
export function instanceFamilyOf(instanceType: string): string {
  const parts = instanceType.split('.');
  return parts.length > 1 ? parts.slice(0, -1).join('.') : instanceType;
}

/** One counter a running resource takes part of. */
export type QuotaDimension =
  | { scope: 'project'; category: QuotaCategory }
  | { scope: 'user'; category: QuotaCategory; user: string }
  | { scope: 'family'; family: string };

/** The counter's name in storage; stable, so a reconcile can compare stored with derived. */
export function quotaDimensionKey(dimension: QuotaDimension): string {
  switch (dimension.scope) {
    case 'project':
      return `project#${dimension.category}`;
    case 'user':
      return `user#${dimension.user}#${dimension.category}`;
    case 'family':
      return `family#${dimension.family}`;
  }
}

export function quotaDimensionOfKey(key: string): QuotaDimension | null {
  const [scope, ...rest] = key.split('#');
  const category = rest.at(-1) as QuotaCategory;
  if (scope === 'project' && rest.length === 1 && category in quotaCategoryLabels)
    return { scope, category };
  if (scope === 'user' && rest.length === 2 && category in quotaCategoryLabels)
    return { scope, category, user: rest[0] ?? '' };
  if (scope === 'family' && rest.length === 1) return { scope, family: rest[0] ?? '' };
  return null;
}

/** What a resource is to the quotas: who runs it, of which kind, on how many instances of which type. */
export interface QuotaHolder {
  kind: ComputeKind;
  name: string;
  owner: string;
  instanceType?: string | null;
  instanceCount?: number | null;
}

export interface QuotaUse {
  dimension: QuotaDimension;
  key: string;
  amount: number;
}

/** The counters a running resource occupies: its category in the project and for its owner, and its instances. */
export function quotaUsesOf(holder: QuotaHolder): QuotaUse[] {
  const category = quotaCategoryOfKind[holder.kind];
  if (!category) return [];
  const dimensions: [QuotaDimension, number][] = [
    [{ scope: 'project', category }, 1],
    [{ scope: 'user', category, user: holder.owner }, 1],
  ];
  if (holder.instanceType)
    dimensions.push([
      { scope: 'family', family: instanceFamilyOf(holder.instanceType) },
      Math.max(1, holder.instanceCount ?? 1),
    ]);
  return dimensions.map(([dimension, amount]) => ({
    dimension,
    key: quotaDimensionKey(dimension),
    amount,
  }));
}

/**
 * How the counters move when a resource goes from occupying `before` to occupying `after` (an empty
 * list when it does not run): increases and decreases per counter, zero changes left out.
 */
export function quotaDelta(before: readonly QuotaUse[], after: readonly QuotaUse[]): QuotaUse[] {
  const byKey = new Map<string, QuotaUse>();
  for (const use of before)
    byKey.set(use.key, { ...use, amount: (byKey.get(use.key)?.amount ?? 0) - use.amount });
  for (const use of after)
    byKey.set(use.key, { ...use, amount: (byKey.get(use.key)?.amount ?? 0) + use.amount });
  return [...byKey.values()].filter((use) => use.amount !== 0);
}

/** The administrator's defaults with a project's overrides applied. */
export function effectiveQuotaLimits(
  defaults: QuotaLimits,
  overrides: QuotaOverrides,
): QuotaLimits {
  return {
    project: { ...defaults.project, ...overrides.project },
    perUser: { ...defaults.perUser, ...overrides.perUser },
    instancesPerFamily: { ...defaults.instancesPerFamily, ...overrides.instancesPerFamily },
  };
}

/** The limit on one counter, or null when nothing limits it. */
export function quotaLimitOf(dimension: QuotaDimension, limits: QuotaLimits): number | null {
  switch (dimension.scope) {
    case 'project':
      return limits.project[dimension.category];
    case 'user':
      return limits.perUser[dimension.category];
    case 'family':
      return limits.instancesPerFamily[dimension.family] ?? null;
  }
}

/** A counter's increase with the most it may reach: what the admission's transaction conditions on. */
export interface QuotaCheck extends QuotaUse {
  limit: number | null;
}

export function quotaChecksFor(uses: readonly QuotaUse[], limits: QuotaLimits): QuotaCheck[] {
  return uses.map((use) => ({ ...use, limit: quotaLimitOf(use.dimension, limits) }));
}

/** "3 running notebooks", "2 running jobs per member", "8 ml.g5 instances". */
export function describeQuota(dimension: QuotaDimension, limit: number): string {
  switch (dimension.scope) {
    case 'project':
      return `${limit} ${quotaCategoryLabels[dimension.category]}`;
    case 'user':
      return `${limit} ${quotaCategoryLabels[dimension.category]} per member`;
    case 'family':
      return `${limit} ${dimension.family} instances`;
  }
}

/** Whether a running resource counts against a counter (for naming what uses a full quota). */
export function holderUses(holder: QuotaHolder, dimension: QuotaDimension): boolean {
  const key = quotaDimensionKey(dimension);
  return quotaUsesOf(holder).some((use) => use.key === key);
}

/** A create or start refused because a quota is full; `field` is where a create form shows it. */
export class QuotaExceededError extends ConflictError {
  readonly quota: string;

  constructor(quota: QuotaDimension, message: string) {
    super(message, quota.scope === 'family' ? { field: 'instanceType' } : undefined);
    this.quota = quotaDimensionKey(quota);
  }
}

/**
 * The refusal when a counter is full: the quota and what uses it, by owner and name (with the
 * instances each holds when the quota counts instances), and what the caller can do.
 */
export function quotaRefusal(
  check: QuotaCheck,
  holders: readonly QuotaHolder[],
): QuotaExceededError {
  const limit = check.limit ?? 0;
  const whose = check.dimension.scope === 'user' ? 'Per-member quota' : 'Project quota';
  if (check.amount > limit) {
    const asked = check.dimension.scope === 'family' ? `${check.amount} instances` : 'one more';
    return new QuotaExceededError(
      check.dimension,
      limit === 0
        ? `${whose} allows no ${describeQuota(check.dimension, limit).replace(/^0 /, '')}; ask an administrator to raise the quota.`
        : `${whose} allows at most ${describeQuota(check.dimension, limit)} at once and this asks for ${asked}; choose fewer or ask an administrator to raise the quota.`,
    );
  }
  const users = holders
    .filter((holder) => holderUses(holder, check.dimension))
    .map((holder) => {
      const count =
        check.dimension.scope === 'family' && (holder.instanceCount ?? 1) > 1
          ? ` ×${holder.instanceCount}`
          : '';
      return `${holder.owner}/${holder.name}${count}`;
    });
  const list = users.length > 0 ? ` (${users.join(', ')})` : '';
  const category = check.dimension.scope === 'family' ? null : check.dimension.category;
  const action =
    category === 'endpoints'
      ? 'Delete one'
      : category === 'clusters'
        ? 'Terminate one'
        : 'Stop one';
  return new QuotaExceededError(
    check.dimension,
    `${whose} reached: ${describeQuota(check.dimension, limit)}${list}. ${action} or ask an administrator to raise the quota.`,
  );
}
