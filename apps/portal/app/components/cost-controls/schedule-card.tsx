import { useState } from 'react';

import { Button, ErrorNote } from '../ui';
import { errorMessage, formatDateTime } from '../../utils/format';
import { trpc } from '../../utils/trpc';
import { describeDailyStop, timeOfDayProblem } from './schedule-text';

const field =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950';

/**
 * A notebook's daily stop or an endpoint's termination time, editable where the project allows
 * (the server decides; the card shows its reason otherwise), and a warning when a cascade or the
 * sweep could not act on the resource yet.
 */
export function ScheduleCard({
  kind,
  name,
  timeZone,
}: {
  kind: 'notebook' | 'endpoint';
  name: string;
  timeZone: string;
}) {
  const utils = trpc.useUtils();
  const schedule = trpc.resources.schedule.useQuery({ kind, name }, { refetchInterval: 30_000 });
  const reschedule = trpc.resources.reschedule.useMutation({
    onSuccess: async () => {
      setEditing(false);
      await utils.resources.schedule.invalidate({ kind, name });
    },
  });
  const [editing, setEditing] = useState(false);
  const [time, setTime] = useState('19:00');
  const [hours, setHours] = useState('8');
  const data = schedule.data;
  if (!data) return <ErrorNote message={errorMessage(schedule.error)} />;

  const problem =
    kind === 'notebook'
      ? timeOfDayProblem(time)
      : /^\d+$/.test(hours) && Number(hours) >= 1
        ? null
        : 'Enter whole hours, at least 1';
  const summary =
    kind === 'notebook'
      ? `Automatic stop: ${describeDailyStop(data.dailyStop, data.stopAt, timeZone)}`
      : `Automatic deletion: ${data.terminateAt ? `${formatDateTime(data.terminateAt, timeZone)} (${timeZone})` : 'none'}`;

  return (
    <section
      aria-label="Schedule"
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      {data.pendingAction ? (
        <p
          role="alert"
          data-testid="pending-action"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          MLSpace could not {data.pendingAction} this {kind} yet and retries every minute.{' '}
          {data.lastError}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span data-testid="schedule-summary">{summary}</span>
        {data.mayReschedule && !editing ? (
          <Button onClick={() => setEditing(true)}>Change</Button>
        ) : null}
      </div>
      {!data.mayReschedule && data.rescheduleDenial ? (
        <p className="text-xs text-slate-500 dark:text-slate-400">{data.rescheduleDenial}.</p>
      ) : null}
      {editing ? (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (problem) return;
            if (kind === 'notebook')
              reschedule.mutate({ kind, name, dailyStop: { time, timeZone } });
            else
              reschedule.mutate({
                kind,
                name,
                terminateAt: new Date(Date.now() + Number(hours) * 3_600_000).toISOString(),
              });
          }}
        >
          {kind === 'notebook' ? (
            <>
              <label htmlFor="reschedule-time">Stop every day at</label>
              <input
                id="reschedule-time"
                type="time"
                value={time}
                onChange={(event) => setTime(event.target.value)}
                className={field}
              />
              <span>({timeZone})</span>
            </>
          ) : (
            <>
              <label htmlFor="reschedule-hours">Delete in</label>
              <input
                id="reschedule-hours"
                inputMode="numeric"
                value={hours}
                onChange={(event) => setHours(event.target.value)}
                className={`${field} w-20`}
              />
              <span>hours from now</span>
            </>
          )}
          <Button
            type="submit"
            variant="primary"
            disabled={reschedule.isPending || Boolean(problem)}
          >
            Save
          </Button>
          <Button
            onClick={() =>
              kind === 'notebook'
                ? reschedule.mutate({ kind, name, dailyStop: null })
                : reschedule.mutate({ kind, name, terminateAt: null })
            }
            disabled={reschedule.isPending}
          >
            Remove schedule
          </Button>
          <Button onClick={() => setEditing(false)}>Cancel</Button>
          {problem ? (
            <p className="w-full text-xs text-red-700 dark:text-red-300">{problem}</p>
          ) : null}
        </form>
      ) : null}
      <ErrorNote message={errorMessage(reschedule.error)} />
    </section>
  );
}
