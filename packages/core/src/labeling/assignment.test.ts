import { expect, test } from 'vitest';

import { assignWorkers } from './assignment';

test('each object goes to as many different workers as asked, and the work is shared evenly', () => {
  const assigned = assignWorkers(5, ['bob', 'carol', 'dave'], 2);
  expect(assigned).toEqual([
    ['bob', 'carol'],
    ['dave', 'bob'],
    ['carol', 'dave'],
    ['bob', 'carol'],
    ['dave', 'bob'],
  ]);
  for (const workers of assigned) expect(new Set(workers).size).toBe(2);
  const counts = assigned.flat().reduce<Record<string, number>>((tally, worker) => {
    tally[worker] = (tally[worker] ?? 0) + 1;
    return tally;
  }, {});
  expect(
    Math.max(...Object.values(counts)) - Math.min(...Object.values(counts)),
  ).toBeLessThanOrEqual(1);
});

test('with as many workers per object as workers, everyone labels everything', () => {
  expect(assignWorkers(2, ['bob', 'carol'], 2)).toEqual([
    ['bob', 'carol'],
    ['bob', 'carol'],
  ]);
});
