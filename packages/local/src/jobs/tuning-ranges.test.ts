import { expect, test } from 'vitest';

import { gridCandidates, randomCandidates } from './tuning-ranges';

test('a grid enumerates every combination of categorical values and integer steps', () => {
  const grid = gridCandidates([
    { name: 'kernel', type: 'Categorical', values: ['a', 'b'] },
    { name: 'depth', type: 'Integer', min: '2', max: '4' },
  ]);
  expect(grid).toHaveLength(6);
  expect(grid[0]).toEqual({ kernel: 'a', depth: '2' });
  expect(grid[5]).toEqual({ kernel: 'b', depth: '4' });
});

test('a grid refuses continuous ranges, naming the range', () => {
  expect(() => gridCandidates([{ name: 'eta', type: 'Continuous', min: '0', max: '1' }])).toThrow(
    /ranges\.0\.type: .*Random/,
  );
});

test('random draws stay in range and follow logarithmic scaling', () => {
  const draws = randomCandidates(
    [
      { name: 'eta', type: 'Continuous', min: '0.001', max: '1', scaling: 'Logarithmic' },
      { name: 'rounds', type: 'Integer', min: '1', max: '10' },
      { name: 'loss', type: 'Categorical', values: ['x', 'y'] },
    ],
    400,
  );
  const etas = draws.map((draw) => Number(draw.eta));
  expect(Math.min(...etas)).toBeGreaterThanOrEqual(0.001);
  expect(Math.max(...etas)).toBeLessThanOrEqual(1);
  // Log scaling puts about a third of the draws below 0.01, where linear scaling puts 1 %.
  expect(etas.filter((eta) => eta < 0.01).length).toBeGreaterThan(80);
  expect(
    draws.every(
      (draw) =>
        Number.isInteger(Number(draw.rounds)) &&
        Number(draw.rounds) >= 1 &&
        Number(draw.rounds) <= 10,
    ),
  ).toBe(true);
  expect(new Set(draws.map((draw) => draw.loss))).toEqual(new Set(['x', 'y']));
});

test('bad bounds are refused with the field named', () => {
  expect(() => randomCandidates([{ name: 'a', type: 'Integer', min: '5', max: '1' }], 1)).toThrow(
    /ranges\.0\.max: must not be less than min/,
  );
  expect(() =>
    randomCandidates(
      [{ name: 'a', type: 'Continuous', min: '0', max: '1', scaling: 'Logarithmic' }],
      1,
    ),
  ).toThrow(/greater than 0/);
});
