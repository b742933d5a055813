import { expect, test } from 'vitest';

import { safeReturnPath } from './login-transaction';

test('only same-site paths are kept as the place to return to after login', () => {
  expect(safeReturnPath('/projects/demo')).toBe('/projects/demo');
  expect(safeReturnPath('https://evil.example')).toBe('/');
  expect(safeReturnPath('//evil.example')).toBe('/');
  expect(safeReturnPath('/\\evil.example')).toBe('/');
  expect(safeReturnPath(null)).toBe('/');
});
