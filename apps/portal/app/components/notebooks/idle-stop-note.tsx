/** What the idle stop means for a notebook now: the warning before it, or the reason after it. */
interface IdleFacts {
  status: string;
  idleStopAt: string | null;
  stopReason: string | null;
}

/** "Stops in 10 min if still idle" (minutes rounded up, so it never says 0 while running). */
export function idleStopText(notebook: IdleFacts, now = Date.now()): string | null {
  if (notebook.status === 'InService' && notebook.idleStopAt) {
    const minutes = Math.ceil((new Date(notebook.idleStopAt).getTime() - now) / 60_000);
    return minutes <= 1
      ? 'Stops in less than a minute if still idle'
      : `Stops in ${minutes} min if still idle`;
  }
  if (notebook.status === 'Stopped' && notebook.stopReason) return notebook.stopReason;
  return null;
}

/** A line under a notebook's status: amber while a stop is near, plain once it happened. */
export function IdleStopNote({ notebook, compact }: { notebook: IdleFacts; compact?: boolean }) {
  const text = idleStopText(notebook);
  if (!text) return null;
  const warning = notebook.status === 'InService';
  if (compact)
    return (
      <span
        className={`block text-xs ${warning ? 'text-amber-800 dark:text-amber-200' : 'text-slate-600 dark:text-slate-400'}`}
      >
        {text}
      </span>
    );
  return (
    <p
      role={warning ? 'status' : undefined}
      className={
        warning
          ? 'rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100'
          : 'rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300'
      }
    >
      {warning ? `${text}: open it in Jupyter or run something to keep it.` : text}
    </p>
  );
}
