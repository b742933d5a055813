import { expect, test } from 'vitest';

import { instantOfWallTime } from './time';

test('a wall time in a zone is the instant that zone shows it, summer and winter', () => {
  expect(instantOfWallTime('2026-07-01T09:30', 'Europe/Berlin')?.toISOString()).toBe(
    '2026-07-01T07:30:00.000Z',
  );
  expect(instantOfWallTime('2026-12-01T09:30', 'Europe/Berlin')?.toISOString()).toBe(
    '2026-12-01T08:30:00.000Z',
  );
  expect(instantOfWallTime('2026-12-01T09:30', 'UTC')?.toISOString()).toBe(
    '2026-12-01T09:30:00.000Z',
  );
});

test('anything but a datetime-local value in a known zone is no instant', () => {
  expect(instantOfWallTime('yesterday', 'UTC')).toBeNull();
  expect(instantOfWallTime('2026-13-01T09:30', 'UTC')).toBeNull();
  expect(instantOfWallTime('2026-12-01T09:30', 'Mars/Olympus')).toBeNull();
});
