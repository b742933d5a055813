import { expect, test, vi } from 'vitest';

import { createQueryClient } from './query-client';

const refusal = (code: string) => Object.assign(new Error(code), { data: { code } });

test('a refused query (401 or 403) is never retried, so a lost session cannot start a request storm', () => {
  const retry = createQueryClient(() => {}).getDefaultOptions().queries?.retry;
  if (typeof retry !== 'function') throw new Error('retry must decide per error');

  expect(retry(0, refusal('UNAUTHORIZED'))).toBe(false);
  expect(retry(0, refusal('FORBIDDEN'))).toBe(false);
  expect(retry(0, refusal('INTERNAL_SERVER_ERROR'))).toBe(true);
  expect(retry(1, refusal('INTERNAL_SERVER_ERROR'))).toBe(false);
});

test('a refused query is reported once so the page can find out where the user belongs', async () => {
  const onRefused = vi.fn();
  const client = createQueryClient(onRefused);

  await client
    .fetchQuery({ queryKey: ['me'], queryFn: () => Promise.reject(refusal('UNAUTHORIZED')) })
    .catch(() => null);
  await client
    .fetchQuery({ queryKey: ['broken'], queryFn: () => Promise.reject(new Error('boom')) })
    .catch(() => null);

  expect(onRefused).toHaveBeenCalledTimes(1);
});
