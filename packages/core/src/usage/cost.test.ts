import { expect, test } from 'vitest';

import type { RegionPriceTable } from '../pricing/price-table';
import { budgetReachedMessage, budgetStatus, budgetSchema, type Budget } from './budget';
import { priceUsage, totalsOf, type UsageHours } from './cost';

const table: RegionPriceTable = {
  region: 'test-1',
  source: 'fixture',
  retrievedOn: '2026-12-01',
  obtainedBy: 'written for this test',
  currency: 'USD',
  prices: {
    notebook: { 'ml.t3.medium': 0.05 },
    training: { 'ml.m5.xlarge': 0.23 },
    processing: {},
    transform: {},
    hosting: { 'ml.m5.xlarge': 0.25 },
    cluster: {},
  },
};

const usage = (overrides: Partial<UsageHours>): UsageHours => ({
  project: 'vision',
  day: '2026-12-03',
  kind: 'notebook',
  owner: 'alice',
  instanceType: 'ml.t3.medium',
  instanceHours: 10,
  ...overrides,
});

test('cost is instance-hours times the price of the kind the resource is billed as', () => {
  expect(priceUsage(usage({}), table).costUsd).toBeCloseTo(0.5);
  expect(
    priceUsage(usage({ kind: 'endpoint', instanceType: 'ml.m5.xlarge' }), table).costUsd,
  ).toBeCloseTo(2.5);
  expect(
    priceUsage(usage({ kind: 'hpoJob', instanceType: 'ml.m5.xlarge' }), table).costUsd,
  ).toBeCloseTo(2.3);
});

test('an instance type without a price is "no price known", not free, and the totals say so', () => {
  const lines = [
    priceUsage(usage({ instanceType: 'ml.x9.mega' }), table),
    priceUsage(usage({}), table),
  ];
  expect(lines[0]?.costUsd).toBeNull();
  expect(totalsOf(lines)).toEqual({
    instanceHours: 20,
    costUsd: 0.5,
    unpricedHours: 10,
    unpricedTypes: ['ml.x9.mega'],
  });
  expect(priceUsage(usage({}), null).costUsd).toBeNull();
});

const budget: Budget = {
  amountUsd: 400,
  instanceHours: null,
  thresholds: [50, 80, 100],
  hardStop: true,
};

test('a budget reports the thresholds crossed and names the month and its use when reached', () => {
  const half = budgetStatus(budget, { month: '2026-12', costUsd: 250, instanceHours: 1 });
  expect(half.crossed).toEqual([50]);
  expect(half.reached).toBe(false);
  const over = budgetStatus(budget, { month: '2026-12', costUsd: 412.5, instanceHours: 1 });
  expect(over.crossed).toEqual([50, 80, 100]);
  expect(budgetReachedMessage(over)).toBe(
    'Project budget for December reached: $412.50 of $400. Ask an owner to raise it.',
  );
});

test('a budget in both USD and hours is reached by whichever runs out first', () => {
  const both: Budget = { ...budget, instanceHours: 100 };
  const status = budgetStatus(both, { month: '2026-12', costUsd: 10, instanceHours: 120.5 });
  expect(status.reached).toBe(true);
  expect(status.summary).toBe('120.5 instance-hours of 100');
});

test('a budget needs an amount or hours, and thresholds are distinct whole percentages', () => {
  expect(budgetSchema.safeParse({ ...budget, amountUsd: null }).success).toBe(false);
  expect(budgetSchema.safeParse({ ...budget, thresholds: [50, 50] }).success).toBe(false);
  expect(budgetSchema.safeParse({ ...budget, thresholds: [150] }).success).toBe(false);
  expect(budgetSchema.safeParse(budget).success).toBe(true);
});
