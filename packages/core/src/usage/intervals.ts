/**
 * Running intervals cut into UTC days, the unit usage is stored and charted in. Budgets are per
 * UTC month, so a day never straddles two months.
 */

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

export interface DayShare {
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** The hours of the interval that fall in that day. */
  hours: number;
}

/** YYYY-MM-DD of an instant, in UTC. */
export function dayOf(instant: string | Date): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** YYYY-MM of a day or an instant, in UTC. */
export function monthOf(dayOrInstant: string | Date): string {
  return new Date(dayOrInstant).toISOString().slice(0, 7);
}

/** The month's name in English ("December"), for messages. */
export function monthName(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleString('en-US', {
    month: 'long',
    timeZone: 'UTC',
  });
}

/** The first instant of a month and of the month after it, as ISO strings. */
export function monthBounds(month: string): { start: string; end: string } {
  const start = new Date(`${month}-01T00:00:00.000Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return { start: start.toISOString(), end: end.toISOString() };
}

/** Every day of a month, in order. */
export function daysOfMonth(month: string): string[] {
  const { start, end } = monthBounds(month);
  const days: string[] = [];
  for (let at = Date.parse(start); at < Date.parse(end); at += dayMs)
    days.push(dayOf(new Date(at)));
  return days;
}

/**
 * The hours of [from, to) in each UTC day it touches, earliest first. An empty or reversed
 * interval (a clock that went back) has no share.
 */
export function splitByDay(from: string, to: string): DayShare[] {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(end > start)) return [];
  const shares: DayShare[] = [];
  let cursor = start;
  while (cursor < end) {
    const nextMidnight = (Math.floor(cursor / dayMs) + 1) * dayMs;
    const sliceEnd = Math.min(end, nextMidnight);
    shares.push({ day: dayOf(new Date(cursor)), hours: (sliceEnd - cursor) / hourMs });
    cursor = sliceEnd;
  }
  return shares;
}

/** The part of [from, to) inside a month, or null when they do not overlap. */
export function clipToMonth(
  from: string,
  to: string,
  month: string,
): { from: string; to: string } | null {
  const bounds = monthBounds(month);
  const start = from > bounds.start ? from : bounds.start;
  const end = to < bounds.end ? to : bounds.end;
  return Date.parse(end) > Date.parse(start) ? { from: start, to: end } : null;
}
