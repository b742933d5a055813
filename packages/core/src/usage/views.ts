import * as z from 'zod';

import type { ComputeKind } from '../compute/status';
import type { BudgetStatus } from './budget';
import type { PricedUsage, UsageTotals } from './cost';

export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');

/** Where the cost figures come from, said next to every estimate. */
export interface PriceSourceView {
  region: string;
  source: string;
  retrievedOn: string;
  obtainedBy: string;
}

/** A resource running now, which the usage of today keeps growing by. */
export interface RunningUsageView {
  kind: ComputeKind;
  name: string;
  project: string;
  owner: string;
  instanceType: string;
  instanceCount: number;
  since: string;
  /** USD per hour for all its instances, or null when no price is known. */
  hourlyUsd: number | null;
}

/** A month of use: stored days plus what runs now counted up to `asOf`. */
export interface UsageReportView {
  month: string;
  /** null: every project (the admin view). */
  project: string | null;
  asOf: string;
  /** null when the deployment's region has no price table (every cost is then unknown). */
  prices: PriceSourceView | null;
  lines: PricedUsage[];
  totals: UsageTotals;
  running: RunningUsageView[];
  /** The project's budget this month and how much of it is used (project view only). */
  budget: BudgetStatus | null;
  /** Whether the caller may change the budget (owners and admins). */
  mayEditBudget: boolean;
}
