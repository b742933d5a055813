import { expect, test } from 'vitest';

import { computeNameSchema } from '@mlspace/core';

import { nextName } from './next-name';

test('each step of the chain swaps the previous step suffix instead of piling suffixes up', () => {
  expect(nextName('linear-1', 'model')).toBe('linear-1-model');
  expect(nextName('linear-1-model', 'config')).toBe('linear-1-config');
  expect(nextName('linear-1-config', 'endpoint')).toBe('linear-1-endpoint');
});

test('a suggested name stays a valid compute name however long the previous one was', () => {
  const long = `a${'-b'.repeat(31)}`;
  const suggested = nextName(long, 'endpoint');
  expect(suggested.length).toBeLessThanOrEqual(63);
  expect(computeNameSchema.safeParse(suggested).success).toBe(true);
});

test('nothing to continue from suggests nothing', () => {
  expect(nextName('', 'model')).toBe('');
});
