/**
 * Instance prices per region, for usage cost estimates. Server-side only (`@mlspace/core/pricing`):
 * the portal receives estimated costs, never the tables.
 */
import type { RegionPriceTable } from './price-table';
import { usEast1Prices } from './sagemaker-prices.us-east-1';
import { usWest2Prices } from './sagemaker-prices.us-west-2';

export * from './price-table';
export * from './offer-file';

export const priceTables: Readonly<Record<string, RegionPriceTable>> = {
  'us-east-1': usEast1Prices,
  'us-west-2': usWest2Prices,
};

/** The region's table, or null: a region without one has no price known for any type. */
export function priceTableFor(region: string): RegionPriceTable | null {
  return priceTables[region] ?? null;
}
