import { expect, test } from 'vitest';

import { chunk, packTransactions } from './transaction';

test('chunk splits a list into pieces of at most the given size', () => {
  expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
});

test('packing keeps each group whole, leaves room for the reach epoch within 100 items and puts the final items last', () => {
  const groups = Array.from({ length: 120 }, (_, index) => [`delete-${index}`, `event-${index}`]);
  const batches = packTransactions(groups, ['group', 'audit']);
  expect(batches.every((batch) => batch.length <= 99)).toBe(true);
  expect(batches.flat()).toHaveLength(242);
  expect(batches.at(-1)?.slice(-2)).toEqual(['group', 'audit']);
  for (const batch of batches) {
    const firstDelete = batch.findIndex((item) => item.startsWith('delete'));
    if (firstDelete >= 0) expect(batch[firstDelete + 1]?.startsWith('event')).toBe(true);
  }
});

test('packing with nothing but the final items is one transaction', () => {
  expect(packTransactions([], ['user', 'audit'])).toEqual([['user', 'audit']]);
});
