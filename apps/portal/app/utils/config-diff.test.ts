import { expect, test } from 'vitest';

import { diffConfig, rebaseEdits } from './config-diff';

test('the diff lists each changed leaf with before and after', () => {
  expect(diffConfig({ a: { b: 1, c: ['x'] } }, { a: { b: 2, c: ['x', 'y'] } })).toEqual([
    { path: 'a.b', before: '1', after: '2' },
    { path: 'a.c', before: 'x', after: 'x, y' },
  ]);
});

test('my edits are reapplied onto the version another admin saved, keeping theirs', () => {
  const base = { services: { tuning: true, transform: true }, banner: { text: '' } };
  const mine = { services: { tuning: true, transform: false }, banner: { text: '' } };
  const latest = { services: { tuning: false, transform: true }, banner: { text: 'Hello' } };

  expect(rebaseEdits(base, mine, latest)).toEqual({
    services: { tuning: false, transform: false },
    banner: { text: 'Hello' },
  });
});
