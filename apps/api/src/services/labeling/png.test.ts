import { inflateSync } from 'node:zlib';

import { expect, test } from 'vitest';

import { imageSizeOf } from '@mlspace/core';

import { encodeMaskPng } from './png';

test('a mask becomes a PNG of its size whose pixels are the classes colours', () => {
  const png = encodeMaskPng(Uint8Array.from([0, 1, 1, 0]), 2, 2, (value) =>
    value === 0 ? '#ffffff' : '#1f77b4',
  );
  expect(imageSizeOf(png)).toEqual({ width: 2, height: 2, depth: 3 });
  const idatLength = png.readUInt32BE(33);
  expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
  const raw = inflateSync(png.subarray(41, 41 + idatLength));
  expect([...raw]).toEqual([0, 255, 255, 255, 31, 119, 180, 0, 31, 119, 180, 255, 255, 255]);
});
