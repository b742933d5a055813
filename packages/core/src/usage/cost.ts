import type { ComputeKind } from '../compute/status';
import { hourlyPrice, type RegionPriceTable } from '../pricing/price-table';

/** Instance-hours of one kind, owner and instance type on one day (a stored usage row, or live use). */
export interface UsageHours {
  project: string;
  day: string;
  kind: ComputeKind;
  owner: string;
  instanceType: string;
  instanceHours: number;
}

export interface PricedUsage extends UsageHours {
  /** Estimated USD, or null when the price table knows no price for the type (never 0). */
  costUsd: number | null;
}

export interface UsageTotals {
  instanceHours: number;
  /** The estimated cost of the hours whose price is known. */
  costUsd: number;
  /** Hours of instance types with no price known, which the cost leaves out. */
  unpricedHours: number;
  unpricedTypes: string[];
}

/** Cents are what a person reads; sums of fractions of a cent would only add noise. */
export function roundUsd(amount: number): number {
  return Math.round(amount * 100) / 100;
}

export function priceUsage(usage: UsageHours, table: RegionPriceTable | null): PricedUsage {
  const price = hourlyPrice(table, usage.kind, usage.instanceType);
  return { ...usage, costUsd: price === null ? null : usage.instanceHours * price };
}

export function totalsOf(usage: readonly PricedUsage[]): UsageTotals {
  const unpriced = new Set<string>();
  let instanceHours = 0;
  let costUsd = 0;
  let unpricedHours = 0;
  for (const line of usage) {
    instanceHours += line.instanceHours;
    if (line.costUsd === null) {
      unpricedHours += line.instanceHours;
      unpriced.add(line.instanceType);
    } else costUsd += line.costUsd;
  }
  return { instanceHours, costUsd, unpricedHours, unpricedTypes: [...unpriced].sort() };
}
