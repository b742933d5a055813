import { expect, test } from 'vitest';

import { normaliseUsername, userPreferencesSchema } from './users';

test('usernames are normalised to lowercase url-safe text', () => {
  expect(normaliseUsername('  Alice.Smith ')).toBe('alice.smith');
  expect(normaliseUsername('Bob Jones')).toBe('bob-jones');
});

test('an unknown time zone is refused with a message naming the rule', () => {
  const result = userPreferencesSchema.safeParse({
    timezone: 'Mars/Base',
    theme: 'dark',
    pageSize: 25,
  });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.path).toEqual(['timezone']);
  expect(result.error?.issues[0]?.message).toMatch(/IANA time zone/);
});
