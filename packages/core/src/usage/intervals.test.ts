import { expect, test } from 'vitest';

import { clipToMonth, daysOfMonth, monthName, splitByDay } from './intervals';

test('an interval within one day is counted in that day only', () => {
  expect(splitByDay('2026-12-03T09:00:00Z', '2026-12-03T11:30:00Z')).toEqual([
    { day: '2026-12-03', hours: 2.5 },
  ]);
});

test('an interval across midnight is split at midnight UTC, so no hour is counted twice or lost', () => {
  const shares = splitByDay('2026-12-03T22:00:00Z', '2026-12-05T01:00:00Z');
  expect(shares).toEqual([
    { day: '2026-12-03', hours: 2 },
    { day: '2026-12-04', hours: 24 },
    { day: '2026-12-05', hours: 1 },
  ]);
  expect(shares.reduce((sum, share) => sum + share.hours, 0)).toBe(27);
});

test('an interval across a month end puts each part in its own month', () => {
  expect(splitByDay('2026-11-30T23:00:00Z', '2026-12-01T00:30:00Z')).toEqual([
    { day: '2026-11-30', hours: 1 },
    { day: '2026-12-01', hours: 0.5 },
  ]);
  expect(clipToMonth('2026-11-30T23:00:00Z', '2026-12-01T00:30:00Z', '2026-12')).toEqual({
    from: '2026-12-01T00:00:00.000Z',
    to: '2026-12-01T00:30:00Z',
  });
  expect(clipToMonth('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', '2026-12')).toBeNull();
});

test('an interval across a year end splits into December and January', () => {
  const shares = splitByDay('2026-12-31T23:30:00Z', '2027-01-01T00:15:00Z');
  expect(shares.map((share) => share.day)).toEqual(['2026-12-31', '2027-01-01']);
});

test('an empty or reversed interval (a clock that went back) counts nothing', () => {
  expect(splitByDay('2026-12-03T10:00:00Z', '2026-12-03T10:00:00Z')).toEqual([]);
  expect(splitByDay('2026-12-03T10:00:00Z', '2026-12-03T09:00:00Z')).toEqual([]);
});

test('a month lists all its days, leap February included, and is named in English', () => {
  expect(daysOfMonth('2028-02')).toHaveLength(29);
  expect(daysOfMonth('2026-12').at(-1)).toBe('2026-12-31');
  expect(monthName('2026-12')).toBe('December');
});
