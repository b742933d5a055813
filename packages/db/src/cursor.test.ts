import { expect, test } from 'vitest';

import { ValidationError } from '@mlspace/core';

import { decodeCursor, encodeCursor, keyOf } from './cursor';

test('a cursor decodes to the key it was made from', () => {
  const key = { pk: 'user#alice', sk: 'user', gsi1pk: 'users', gsi1sk: 'user#alice' };
  expect(decodeCursor(encodeCursor(key))).toEqual(key);
});

test('a cursor is URL-safe text', () => {
  expect(encodeCursor({ pk: '???>>>~~~' })).toMatch(/^[A-Za-z0-9_-]+$/);
});

test('a cursor that was not made here is refused as a validation error on the cursor field', () => {
  expect(() => decodeCursor('not-a-cursor')).toThrow(ValidationError);
  expect(() => decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toThrow(/cursor/);
  expect(() => decodeCursor(Buffer.from('{"pk":1}').toString('base64url'))).toThrow(
    ValidationError,
  );
});

test('the key of an item keeps only the named key attributes', () => {
  expect(keyOf({ pk: 'a', sk: 'b', gsi2pk: 'c', name: 'x' }, ['pk', 'sk', 'gsi1pk'])).toEqual({
    pk: 'a',
    sk: 'b',
  });
});
