import { useEffect, useRef, useState, type ReactNode } from 'react';

import { errorMessage } from '../utils/format';
import { trpc, type Outputs } from '../utils/trpc';
import { ErrorNote } from './ui';

type LogLine = Outputs['training']['logs']['lines'][number];
/** Every resource kind whose router has a cursor-paged `logs` query of the same shape. */
type LogSource = 'notebooks' | 'training' | 'tuning' | 'transform' | 'endpoints' | 'clusters';

/** Follows a resource's log: polls with the cursor it was last given and appends new lines; a full page is followed at once. */
export function LogPanel({
  source,
  name,
  live,
  trainingJob,
  picker,
}: {
  source: LogSource;
  name: string;
  live: boolean;
  /** A tuning job's log: which of its training jobs to read (absent: the tuner's own). */
  trainingJob?: string;
  /** Shown next to the title, e.g. a choice of whose log to read. */
  picker?: ReactNode;
}) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [follow, setFollow] = useState(true);
  const box = useRef<HTMLPreElement>(null);
  const utils = trpc.useUtils();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let stopped = false;
    let next: string | undefined;
    // Each run of this effect reads from the start, so it starts from an empty box.
    setLines([]);
    const fetchPage = (cursor: string | undefined) =>
      (utils[source].logs as typeof utils.tuning.logs).fetch(
        { name, cursor, ...(trainingJob ? { trainingJob } : {}) },
        { staleTime: 0 },
      );
    const poll = async () => {
      try {
        const page = await fetchPage(next);
        if (stopped) return;
        setError(null);
        if (page.lines.length > 0) setLines((current) => [...current, ...page.lines].slice(-2000));
        next = page.cursor;
        if (page.lines.length >= 500) return void poll();
      } catch (failure) {
        if (!stopped) setError(failure);
      }
      if (!stopped) timer = setTimeout(() => void poll(), live ? 1500 : 6000);
    };
    let timer = setTimeout(() => void poll(), 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [source, name, trainingJob, live, utils]);

  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);

  return (
    <section aria-labelledby="logs-title" className="mt-8">
      <div className="mb-2 flex items-center justify-between">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="logs-title" className="text-lg font-semibold">
            Logs
          </h2>
          {picker}
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
          <input
            type="checkbox"
            checked={follow}
            onChange={(event) => setFollow(event.target.checked)}
          />
          Follow new lines
        </label>
      </div>
      <ErrorNote message={errorMessage(error)} />
      <pre
        ref={box}
        data-testid="logs"
        className="h-72 overflow-auto rounded-md border border-slate-200 bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100 dark:border-slate-800"
      >
        {lines.length === 0 ? <span className="text-slate-400">No log lines yet.</span> : null}
        {lines.map((line, index) => (
          <div key={index}>
            <span className="text-slate-400">{line.at.slice(11, 19)} </span>
            {line.message}
          </div>
        ))}
      </pre>
    </section>
  );
}
