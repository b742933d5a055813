/**
 * Reads SageMaker's on-demand instance prices out of an AWS Price List offer file (the bulk API's
 * `offers/v1.0/aws/AmazonSageMaker/current/<region>/index.json`). tooling/scripts/update-prices.mjs
 * runs it on the downloaded file; the test runs it on a small file of the same shape.
 *
 * A SageMaker product names what it bills in its usage type, `<region prefix>-<use>:<type>`
 * (`USE1-Notebk:ml.t3.medium`, `USW2-Train:ml.m5.xlarge`, `USE1-Host:ml.g4dn.xlarge`); its
 * `instanceType` attribute is often empty, so the usage type is what is matched.
 */
import type { PriceKind } from './price-table';

export interface OfferFile {
  offerCode?: string;
  publicationDate?: string;
  products: Record<string, { sku: string; attributes?: Record<string, string | undefined> }>;
  terms: {
    OnDemand?: Record<
      string,
      Record<
        string,
        {
          priceDimensions: Record<
            string,
            { unit?: string; pricePerUnit?: Record<string, string | undefined> }
          >;
        }
      >
    >;
  };
}

/** The usage-type words for each kind; spot training (`TrSpt`) and Studio apps are not MLSpace's. */
const usesByWord: Record<string, Exclude<PriceKind, 'cluster'>> = {
  Notebk: 'notebook',
  Train: 'training',
  Processing: 'processing',
  Tsform: 'transform',
  Host: 'hosting',
};

export type SageMakerPrices = Record<Exclude<PriceKind, 'cluster'>, Record<string, number>>;

export interface OfferPrices {
  prices: SageMakerPrices;
  publicationDate: string | null;
  /** Instance usage types of the region that matched no kind above, for the operator to look at. */
  skippedUsageTypes: string[];
}

const usageTypePattern = /^(?:[A-Z0-9]+-)?([A-Za-z]+):(ml\.[a-z0-9-]+\.[a-z0-9]+)$/;

/** The USD hourly price of one SKU's on-demand term, or null when it has none in hours. */
function hourlyUsd(offer: OfferFile, sku: string): number | null {
  for (const term of Object.values(offer.terms.OnDemand?.[sku] ?? {})) {
    for (const dimension of Object.values(term.priceDimensions)) {
      const usd = dimension.pricePerUnit?.USD;
      if (dimension.unit?.toLowerCase().startsWith('hr') && usd !== undefined) {
        const price = Number(usd);
        if (Number.isFinite(price) && price > 0) return price;
      }
    }
  }
  return null;
}

export function pricesFromOffer(offer: OfferFile, region: string): OfferPrices {
  const prices: SageMakerPrices = {
    notebook: {},
    training: {},
    processing: {},
    transform: {},
    hosting: {},
  };
  const skipped = new Set<string>();
  for (const product of Object.values(offer.products)) {
    const attributes = product.attributes ?? {};
    if (attributes.regionCode && attributes.regionCode !== region) continue;
    const usageType = attributes.usagetype ?? '';
    const match = usageTypePattern.exec(usageType);
    if (!match) continue;
    const [, word, instanceType] = match as unknown as [string, string, string];
    const kind = usesByWord[word];
    if (!kind) {
      skipped.add(usageType);
      continue;
    }
    const price = hourlyUsd(offer, product.sku);
    if (price !== null) prices[kind][instanceType] = price;
  }
  return {
    prices,
    publicationDate: offer.publicationDate ?? null,
    skippedUsageTypes: [...skipped].sort(),
  };
}
