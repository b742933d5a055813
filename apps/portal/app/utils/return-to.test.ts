import { expect, test } from 'vitest';

import { safeReturnTo, signInPathFor } from './return-to';

test('the page a visitor asked for is kept with its query as the place to return to', () => {
  expect(signInPathFor({ pathname: '/projects/demo', search: '?tab=members' })).toBe(
    '/signin?returnTo=%2Fprojects%2Fdemo%3Ftab%3Dmembers',
  );
  expect(signInPathFor({ pathname: '/', search: '' })).toBe('/signin');
});

test('a sign-in page is never the place to return to, so returnTo cannot nest into a loop', () => {
  expect(signInPathFor({ pathname: '/signin', search: '?returnTo=%2Fjobs' })).toBe('/signin');
  expect(safeReturnTo('/signin?returnTo=/signin?returnTo=/jobs')).toBe('/');
  expect(safeReturnTo('/signin.data?returnTo=%2Fjobs')).toBe('/');
  expect(safeReturnTo('/suspended')).toBe('/');
  expect(safeReturnTo('/api/auth/login')).toBe('/');
});

test('another origin is never the place to return to', () => {
  expect(safeReturnTo('https://evil.example/')).toBe('/');
  expect(safeReturnTo('//evil.example/')).toBe('/');
  expect(safeReturnTo('/\\evil.example')).toBe('/');
  expect(safeReturnTo(null)).toBe('/');
});
