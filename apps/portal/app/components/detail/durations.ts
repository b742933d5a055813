/** How long something took or has been going, in words: "40 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export interface Lifetime {
  createdAt: string;
  startedAt?: string | null;
  stoppedAt?: string | null;
}

/**
 * The span a resource ran: from its start (or creation, when the backend did not say when it
 * started) to its end, or to `now` while it runs. Null when it has not started and is not running.
 */
export function runSpan(
  lifetime: Lifetime,
  running: boolean,
  now: number,
): { milliseconds: number; ongoing: boolean } | null {
  const start = Date.parse(lifetime.startedAt ?? lifetime.createdAt);
  // A stop before the latest start belongs to an earlier run (a notebook started again).
  const stop = lifetime.stoppedAt ? Date.parse(lifetime.stoppedAt) : null;
  if (running) return { milliseconds: now - start, ongoing: true };
  if (stop !== null && stop >= start) return { milliseconds: stop - start, ongoing: false };
  return null;
}
