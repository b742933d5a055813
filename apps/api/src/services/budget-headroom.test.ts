import { budgetStatus, type Budget } from '@mlspace/core';
import { expect, test } from 'vitest';

import { addBurn, heldUntil, holdVerdict, maxHoldMs, stillHolds } from './budget-headroom';

const budget: Budget = { amountUsd: 10, instanceHours: null, thresholds: [100], hardStop: true };
const month = '2026-12';
const readAt = Date.parse('2026-12-01T10:00:00Z');
const statusAt = (costUsd: number, instanceHours = 0, held = budget) =>
  budgetStatus(held, { month, costUsd, instanceHours });

test('with nothing running the verdict stands for the longest hold', () => {
  const verdict = holdVerdict(statusAt(9.99), { usdPerHour: 0, instanceHoursPerHour: 0 }, readAt);
  expect(heldUntil(verdict)).toBe(readAt + maxHoldMs);
});

test('it stands for half the time what runs needs to reach the budget, when that is shorter', () => {
  // $0.01 left at $3.60 an hour: reached in 10 s, so the verdict stands 5 s.
  const verdict = holdVerdict(statusAt(9.99), { usdPerHour: 3.6, instanceHoursPerHour: 1 }, readAt);
  expect(heldUntil(verdict)).toBe(readAt + 5_000);
  expect(stillHolds(verdict, budget, month, readAt + 4_999)).toBe(true);
  expect(stillHolds(verdict, budget, month, readAt + 5_000)).toBe(false);
});

test('work admitted on a held verdict shortens it', () => {
  const verdict = holdVerdict(
    statusAt(9.99),
    { usdPerHour: 0.36, instanceHoursPerHour: 1 },
    readAt,
  );
  expect(heldUntil(verdict)).toBe(readAt + maxHoldMs);
  addBurn(verdict, { usdPerHour: 3.24, instanceHoursPerHour: 1 });
  expect(heldUntil(verdict)).toBe(readAt + 5_000);
});

test('an instance-hour budget is held by its own rate; the nearer of the two measures counts', () => {
  const both: Budget = { ...budget, instanceHours: 100 };
  // Dollars are far from the budget; 99.999 of 100 instance-hours at 2 an hour: 1.8 s to reach.
  const verdict = holdVerdict(
    statusAt(1, 99.999, both),
    { usdPerHour: 0.1, instanceHoursPerHour: 2 },
    readAt,
  );
  expect(heldUntil(verdict)).toBe(readAt + 900);
});

test('a changed budget, a new month or a verdict with no headroom left does not hold', () => {
  const verdict = holdVerdict(statusAt(5), { usdPerHour: 0, instanceHoursPerHour: 0 }, readAt);
  expect(stillHolds(verdict, budget, month, readAt + 1)).toBe(true);
  expect(stillHolds(verdict, { ...budget, amountUsd: 6 }, month, readAt + 1)).toBe(false);
  expect(stillHolds(verdict, budget, '2027-01', readAt + 1)).toBe(false);
  expect(stillHolds(undefined, budget, month, readAt + 1)).toBe(false);
  const spent = holdVerdict(statusAt(10), { usdPerHour: 0, instanceHoursPerHour: 0 }, readAt);
  expect(stillHolds(spent, budget, month, readAt + 1)).toBe(false);
});
