import type { ComputeKind } from '../compute/status';

/**
 * What SageMaker (and EMR) bill an instance-hour as. SageMaker prices the same instance type
 * differently for a notebook, a training job, a processing or transform job and an endpoint, so a
 * price is looked up by what the resource is, not only by its type.
 */
export const priceKinds = [
  'notebook',
  'training',
  'processing',
  'transform',
  'hosting',
  'cluster',
] as const;
export type PriceKind = (typeof priceKinds)[number];

/** One region's on-demand prices in USD per instance-hour, with where and when they came from. */
export interface RegionPriceTable {
  region: string;
  /** Where the figures come from (the AWS Price List offer file, or the pricing page). */
  source: string;
  /** The day the figures were read (YYYY-MM-DD). */
  retrievedOn: string;
  /** How they were obtained, in plain words (generated from the offer file, or transcribed). */
  obtainedBy: string;
  currency: 'USD';
  prices: Record<PriceKind, Readonly<Record<string, number>>>;
}

/**
 * The compute kinds that hold instances while they run, metered in instance-hours, and the price
 * each is billed at. Labeling and batch translation are billed per object and per character, and
 * models and endpoint configurations never run, so they are not metered.
 */
export const priceKindOfComputeKind: Partial<Record<ComputeKind, PriceKind>> = {
  notebook: 'notebook',
  trainingJob: 'training',
  hpoJob: 'training',
  transformJob: 'transform',
  endpoint: 'hosting',
  emrCluster: 'cluster',
};

export function isMetered(kind: ComputeKind): boolean {
  return priceKindOfComputeKind[kind] !== undefined;
}

/** USD per instance-hour, or null when the table knows no price (never 0 for "unknown"). */
export function hourlyPrice(
  table: RegionPriceTable | null,
  kind: ComputeKind,
  instanceType: string,
): number | null {
  const priceKind = priceKindOfComputeKind[kind];
  if (!table || !priceKind) return null;
  return table.prices[priceKind][instanceType] ?? null;
}
