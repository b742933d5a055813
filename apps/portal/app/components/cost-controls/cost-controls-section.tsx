import { useEffect, useState, type FormEvent } from 'react';

import { Button, ErrorNote } from '../ui';
import { errorMessage } from '../../utils/format';
import { trpc } from '../../utils/trpc';
import { AppliesNow } from './applies-now';
import { idleMinutesProblem, timeOfDayProblem, ttlProblem } from './schedule-text';
import { TimeZoneInput } from '../form/time-zone-picker';

const field =
  'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

/** The project settings' cost controls: daily notebook stop, endpoint and EMR TTLs, override switches. */
export function CostControlsSection({ project, timeZone }: { project: string; timeZone: string }) {
  const utils = trpc.useUtils();
  const controls = trpc.projects.costControls.useQuery({ project });
  const save = trpc.projects.updateCostControls.useMutation({
    onSuccess: async () => {
      setNotice('Cost controls saved. They apply to notebooks and endpoints created from now on.');
      await utils.projects.costControls.invalidate({ project });
    },
  });
  const [stopEnabled, setStopEnabled] = useState(false);
  const [stopTime, setStopTime] = useState('19:00');
  const [stopZone, setStopZone] = useState(timeZone);
  const [idleMinutes, setIdleMinutes] = useState('');
  const [notebookOverride, setNotebookOverride] = useState(false);
  const [endpointTtl, setEndpointTtl] = useState('');
  const [endpointOverride, setEndpointOverride] = useState(false);
  const [emrTtl, setEmrTtl] = useState('');
  const [emrOverride, setEmrOverride] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const data = controls.data;
  useEffect(() => {
    if (!data) return;
    setStopEnabled(data.notebook.dailyStop !== null);
    if (data.notebook.dailyStop) {
      setStopTime(data.notebook.dailyStop.time);
      setStopZone(data.notebook.dailyStop.timeZone);
    }
    setIdleMinutes(
      data.notebook.idleTimeoutMinutes == null ? '' : String(data.notebook.idleTimeoutMinutes),
    );
    setNotebookOverride(data.notebook.ownerMayOverride);
    setEndpointTtl(data.endpoint.ttlHours === null ? '' : String(data.endpoint.ttlHours));
    setEndpointOverride(data.endpoint.ownerMayOverride);
    setEmrTtl(data.emrCluster.ttlHours === null ? '' : String(data.emrCluster.ttlHours));
    setEmrOverride(data.emrCluster.ownerMayOverride);
  }, [data]);

  const stopProblem = stopEnabled ? timeOfDayProblem(stopTime) : null;
  const endpointProblem = ttlProblem(endpointTtl);
  const emrProblem = ttlProblem(emrTtl);
  const idleProblem = idleMinutesProblem(idleMinutes);
  const editable = data?.mayEdit ?? false;

  function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    if (stopProblem || endpointProblem || emrProblem || idleProblem) return;
    save.mutate({
      project,
      notebook: {
        dailyStop: stopEnabled ? { time: stopTime, timeZone: stopZone } : null,
        idleTimeoutMinutes: idleMinutes === '' ? null : Number(idleMinutes),
        ownerMayOverride: notebookOverride,
      },
      endpoint: {
        ttlHours: endpointTtl === '' ? null : Number(endpointTtl),
        ownerMayOverride: endpointOverride,
      },
      emrCluster: {
        ttlHours: emrTtl === '' ? null : Number(emrTtl),
        ownerMayOverride: emrOverride,
      },
    });
  }

  return (
    <form
      aria-labelledby="cost-controls"
      onSubmit={submit}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      noValidate
    >
      <div>
        <h2 id="cost-controls" className="font-medium">
          Cost controls
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Notebooks stop every day at the stop time; endpoints are deleted when their time to live
          runs out. New resources get these schedules; their creators may change them only where you
          allow it. Project owners and admins always may.
        </p>
      </div>
      {notice ? (
        <p
          role="status"
          className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200"
        >
          {notice}
        </p>
      ) : null}
      <ErrorNote message={errorMessage(controls.error)} />
      <fieldset className="space-y-2" disabled={!editable}>
        <legend className="text-sm font-medium">Notebooks</legend>
        <AppliesNow project={project} kind="notebook" />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={stopEnabled}
            onChange={(event) => setStopEnabled(event.target.checked)}
          />
          Stop running notebooks every day
        </label>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <label htmlFor="stop-time">at</label>
          <input
            id="stop-time"
            type="time"
            value={stopTime}
            disabled={!stopEnabled}
            onChange={(event) => setStopTime(event.target.value)}
            className={field}
            aria-invalid={stopProblem ? true : undefined}
          />
          <label htmlFor="stop-zone">time zone</label>
          <div className="w-56">
            <TimeZoneInput
              id="stop-zone"
              listId="stop-zone-list"
              value={stopZone}
              disabled={!stopEnabled}
              onChange={(event) => setStopZone(event.target.value)}
            />
          </div>
        </div>
        {stopProblem ? (
          <p className="text-xs text-red-700 dark:text-red-300">{stopProblem}</p>
        ) : null}
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <label htmlFor="idle-minutes">Stop notebooks idle for</label>
          <input
            id="idle-minutes"
            inputMode="numeric"
            value={idleMinutes}
            placeholder="never"
            onChange={(event) => setIdleMinutes(event.target.value)}
            className={`${field} w-28`}
            aria-invalid={idleProblem ? true : undefined}
            aria-describedby="idle-minutes-help"
          />
          <span>minutes</span>
        </div>
        <p id="idle-minutes-help" className="text-xs text-slate-500 dark:text-slate-400">
          Idle means no kernel computing and no use of notebooks or terminals in Jupyter. The
          notebook page warns 10 minutes before the stop.
        </p>
        {idleProblem ? (
          <p className="text-xs text-red-700 dark:text-red-300">{idleProblem}</p>
        ) : null}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={notebookOverride}
            onChange={(event) => setNotebookOverride(event.target.checked)}
          />
          Creators of notebooks may change their notebook&apos;s stop time and idle timeout
        </label>
      </fieldset>
      <fieldset className="space-y-2" disabled={!editable}>
        <legend className="text-sm font-medium">Endpoints</legend>
        <AppliesNow project={project} kind="endpoint" />
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor="endpoint-ttl">Delete endpoints after</label>
          <input
            id="endpoint-ttl"
            inputMode="numeric"
            value={endpointTtl}
            placeholder="no limit"
            onChange={(event) => setEndpointTtl(event.target.value)}
            className={`${field} w-28`}
            aria-invalid={endpointProblem ? true : undefined}
          />
          <span>hours</span>
        </div>
        {endpointProblem ? (
          <p className="text-xs text-red-700 dark:text-red-300">{endpointProblem}</p>
        ) : null}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={endpointOverride}
            onChange={(event) => setEndpointOverride(event.target.checked)}
          />
          Creators of endpoints may change their endpoint&apos;s termination time
        </label>
      </fieldset>
      <fieldset className="space-y-2" disabled={!editable}>
        <legend className="text-sm font-medium">EMR clusters</legend>
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor="emr-ttl">Terminate clusters after</label>
          <input
            id="emr-ttl"
            inputMode="numeric"
            value={emrTtl}
            placeholder="no limit"
            onChange={(event) => setEmrTtl(event.target.value)}
            className={`${field} w-28`}
            aria-invalid={emrProblem ? true : undefined}
          />
          <span>hours</span>
        </div>
        {emrProblem ? <p className="text-xs text-red-700 dark:text-red-300">{emrProblem}</p> : null}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={emrOverride}
            onChange={(event) => setEmrOverride(event.target.checked)}
          />
          Creators of clusters may change their cluster&apos;s termination time
        </label>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          EMR is not available in local mode; the setting applies on AWS.
        </p>
      </fieldset>
      <ErrorNote message={errorMessage(save.error)} />
      {editable ? (
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save cost controls'}
        </Button>
      ) : null}
    </form>
  );
}
