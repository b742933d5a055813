import { idleTimeoutMinutesSchema } from '@mlspace/core';

import { formatDateTime } from '../../utils/format';

export interface DailyStopValue {
  time: string;
  timeZone: string;
}

/** "every day at 18:00 (Europe/Berlin)", with the next stop in the reader's own zone. */
export function describeDailyStop(
  dailyStop: DailyStopValue | null,
  nextStopAt: string | null,
  timeZone: string,
): string {
  if (!dailyStop) return 'none';
  const next = nextStopAt
    ? `; next stop ${formatDateTime(nextStopAt, timeZone)} (${timeZone})`
    : '';
  return `every day at ${dailyStop.time} (${dailyStop.timeZone})${next}`;
}

export function timeOfDayProblem(value: string): string | null {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value)
    ? null
    : 'Enter a time of day as HH:MM, for example 19:00';
}

export function ttlProblem(value: string): string | null {
  if (value === '') return null;
  const hours = Number(value);
  return Number.isInteger(hours) && hours >= 1 && hours <= 8760
    ? null
    : 'Enter whole hours from 1 to 8760, or leave empty for none';
}

/** The idle timeout field, checked by core's rule (the server applies the same). */
export function idleMinutesProblem(value: string): string | null {
  if (value === '') return null;
  const parsed = idleTimeoutMinutesSchema.safeParse(Number(value));
  return parsed.success
    ? null
    : `Idle timeout ${parsed.error.issues[0]?.message ?? 'is not valid'}, or leave empty for never`;
}
