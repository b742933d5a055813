import { useEffect, useState } from 'react';

import { formatDateTime } from '../../utils/format';
import type { Fact } from './detail-page';
import { formatDuration, runSpan, type Lifetime } from './durations';

/** The current time, ticking while `live`; the server and the first client render agree on it. */
function useNow(live: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, [live]);
  return now;
}

/** "ran for 12 min", or "running for 3 min" that keeps counting. */
export function RunDuration({ lifetime, running }: { lifetime: Lifetime; running: boolean }) {
  const now = useNow(running);
  const span = runSpan(lifetime, running, now);
  if (!span) return <>—</>;
  // The server's clock and the browser's differ by the time the page took to arrive.
  return (
    <time suppressHydrationWarning dateTime={`PT${Math.floor(span.milliseconds / 1000)}S`}>
      {span.ongoing ? 'running for ' : 'ran for '}
      {formatDuration(span.milliseconds)}
    </time>
  );
}

/** Created, started, ended and how long it ran (or has been running), as facts. */
export function lifetimeFacts(
  lifetime: Lifetime,
  running: boolean,
  timeZone: string,
  words: { started?: string; ended?: string } = {},
): Fact[] {
  return [
    { label: 'Created', value: formatDateTime(lifetime.createdAt, timeZone) },
    {
      label: words.started ?? 'Started',
      value: lifetime.startedAt ? formatDateTime(lifetime.startedAt, timeZone) : null,
    },
    // While it runs it has not ended, so the fact would only ever be a dash.
    ...(running
      ? []
      : [
          {
            label: words.ended ?? 'Ended',
            value: lifetime.stoppedAt ? formatDateTime(lifetime.stoppedAt, timeZone) : null,
          },
        ]),
    { label: 'Duration', value: <RunDuration lifetime={lifetime} running={running} /> },
  ];
}
