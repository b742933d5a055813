import { expect, test } from 'vitest';

import { safeReturnPath } from './login-transaction';

test('only same-site paths are kept as the place to return to after login', () => {
  expect(safeReturnPath('/projects/demo')).toBe('/projects/demo');
  expect(safeReturnPath('https://evil.example')).toBe('/');
  expect(safeReturnPath('//evil.example')).toBe('/');
  expect(safeReturnPath('/\\evil.example')).toBe('/');
  expect(safeReturnPath(null)).toBe('/');
});

test('a return path to the sign-in page itself falls back to the dashboard, so returnTo cannot nest', () => {
  expect(safeReturnPath('/signin?returnTo=%2Fprojects')).toBe('/');
  expect(safeReturnPath('/signin.data?returnTo=%2Fsignin')).toBe('/');
  expect(safeReturnPath('/api/auth/login?returnTo=%2F')).toBe('/');
  expect(safeReturnPath('/signing-rules')).toBe('/signing-rules');
});
