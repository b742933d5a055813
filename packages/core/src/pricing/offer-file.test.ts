import { readFileSync } from 'node:fs';

import { expect, test } from 'vitest';

import { pricesFromOffer, type OfferFile } from './offer-file';

const offer = JSON.parse(
  readFileSync(new URL('./test/sagemaker-offer.fixture.json', import.meta.url), 'utf8'),
) as OfferFile;

test('the offer file parser reads each on-demand hourly price under the kind its usage type names', () => {
  const { prices, publicationDate } = pricesFromOffer(offer, 'us-east-1');
  expect(prices).toEqual({
    notebook: { 'ml.t3.medium': 0.05 },
    training: { 'ml.m5.xlarge': 0.23 },
    processing: { 'ml.t3.medium': 0.05 },
    transform: { 'ml.m5.xlarge': 0.23 },
    hosting: { 'ml.g4dn.xlarge': 0.736 },
  });
  expect(publicationDate).toBe('2026-11-20T00:00:00Z');
});

test('the offer file parser leaves out storage, other regions and spot training, and lists what it skipped', () => {
  const { prices, skippedUsageTypes } = pricesFromOffer(offer, 'us-east-1');
  expect(prices.training['ml.m5.xlarge']).toBe(0.23); // not the spot price
  expect(skippedUsageTypes).toEqual(['USE1-TrSpt:ml.m5.xlarge']);
  expect(pricesFromOffer(offer, 'eu-west-1').prices.notebook).toEqual({ 'ml.t3.medium': 0.055 });
});
