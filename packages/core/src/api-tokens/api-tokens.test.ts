import { expect, test } from 'vitest';

import { configFromStoredDocument, defaultAppConfig } from '../config/app-config';
import { parseConfigDocument } from '../config/config-errors';
import { createApiTokenInputSchema, formatApiToken, parseApiToken } from './api-tokens';

const id = '0123456789abcdef';
const secret = 'A'.repeat(40) + '_-z';

test('a formatted token parses back into its id and secret', () => {
  expect(parseApiToken(formatApiToken(id, secret))).toEqual({ id, secret });
});

test('a token with a short secret, an upper-case id or no prefix does not parse', () => {
  expect(parseApiToken(`mls_${id}_${secret.slice(1)}`)).toBeNull();
  expect(parseApiToken(`mls_${id.toUpperCase()}_${secret}`)).toBeNull();
  expect(parseApiToken(`${id}_${secret}`)).toBeNull();
  expect(parseApiToken(`mls_${id}_${secret} `)).toBeNull();
});

test('a token limited to the same project twice is refused naming projects', () => {
  const parsed = createApiTokenInputSchema.safeParse({
    name: 'ci',
    scope: 'read',
    projects: ['vision', 'vision'],
    expiresInDays: 7,
  });
  expect(parsed.error?.issues).toMatchObject([
    { path: ['projects'], message: 'lists a project twice' },
  ]);
});

test('a stored configuration from before API tokens reads with a 90-day maximum lifetime', () => {
  const { apiTokens: _apiTokens, ...older } = defaultAppConfig('local');
  expect(configFromStoredDocument(older, 'local').apiTokens).toEqual({ maxLifetimeDays: 90 });
});

test('a maximum token lifetime beyond two years is refused naming apiTokens.maxLifetimeDays', () => {
  const config = defaultAppConfig('local');
  const result = parseConfigDocument({ ...config, apiTokens: { maxLifetimeDays: 1000 } });
  expect(result).toMatchObject({
    config: null,
    problems: [{ path: 'apiTokens.maxLifetimeDays', message: 'must be at most 730 days' }],
  });
});
