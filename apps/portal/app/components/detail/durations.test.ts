import { expect, test } from 'vitest';

import { formatDuration, runSpan } from './durations';

const minute = 60_000;

test('a duration reads in the largest units that say it, never as raw milliseconds', () => {
  expect(formatDuration(0)).toBe('0 s');
  expect(formatDuration(40_500)).toBe('40 s');
  expect(formatDuration(12 * minute + 59_000)).toBe('12 min');
  expect(formatDuration(60 * minute)).toBe('1 h');
  expect(formatDuration(185 * minute)).toBe('3 h 5 min');
  expect(formatDuration(52 * 60 * minute)).toBe('2 d 4 h');
  expect(formatDuration(-5000)).toBe('0 s');
});

test('a finished run spans from its start to its end', () => {
  const span = runSpan(
    {
      createdAt: '2026-01-01T10:00:00Z',
      startedAt: '2026-01-01T10:01:00Z',
      stoppedAt: '2026-01-01T10:13:00Z',
    },
    false,
    Date.parse('2026-01-02T00:00:00Z'),
  );
  expect(span).toEqual({ milliseconds: 12 * minute, ongoing: false });
});

test('a running resource spans from its latest start until now, ignoring an earlier stop', () => {
  const span = runSpan(
    {
      createdAt: '2026-01-01T09:00:00Z',
      startedAt: '2026-01-01T10:00:00Z',
      stoppedAt: '2026-01-01T09:30:00Z',
    },
    true,
    Date.parse('2026-01-01T10:20:00Z'),
  );
  expect(span).toEqual({ milliseconds: 20 * minute, ongoing: true });
});

test('a resource that has not run yet, or was restarted and not stopped since, has no span', () => {
  expect(runSpan({ createdAt: '2026-01-01T09:00:00Z' }, false, Date.now())).toBeNull();
  expect(
    runSpan(
      {
        createdAt: '2026-01-01T09:00:00Z',
        startedAt: '2026-01-01T10:00:00Z',
        stoppedAt: '2026-01-01T09:30:00Z',
      },
      false,
      Date.now(),
    ),
  ).toBeNull();
});

test('a job without a recorded start counts from its creation', () => {
  expect(
    runSpan(
      { createdAt: '2026-01-01T10:00:00Z', stoppedAt: '2026-01-01T10:03:00Z' },
      false,
      Date.now(),
    ),
  ).toEqual({ milliseconds: 3 * minute, ongoing: false });
});
