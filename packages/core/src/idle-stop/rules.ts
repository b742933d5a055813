import * as z from 'zod';

import { computeNameSchema } from '../compute/names';

/**
 * What a notebook's Jupyter says of its use (GET /api/status, /api/kernels, /api/terminals):
 * the latest activity it saw anywhere, and whether any kernel is computing right now.
 */
export interface NotebookActivity {
  /** The latest of the server's, every kernel's and every terminal's last_activity; null if none. */
  lastActivityAt: string | null;
  /** Kernels whose execution_state is not idle (busy, starting): a long computation is use. */
  busyKernels: number;
  kernels: number;
  terminals: number;
}

/** Minutes without activity after which a notebook is stopped; null turns idle stop off. */
export const idleTimeoutMinutesSchema = z
  .number()
  .int('must be a whole number of minutes')
  .min(5, 'must be at least 5 minutes')
  .max(7 * 24 * 60, 'must be at most 10080 minutes (a week)')
  .nullable();

/** How long before an idle stop the portal warns ("Stops in 10 min if still idle"). */
export const idleWarningMinutes = 10;

export type IdleDecision =
  /** In use now (a kernel computing), or idle for less than the warning window's start. */
  | { state: 'active' }
  /** Idle; the stop is near (`stopsAt`), so the portal warns. */
  | { state: 'warn'; idleSince: string; stopsAt: string }
  /** Idle for the whole timeout: stop it, with this reason. */
  | { state: 'stop'; idleSince: string; reason: string };

export function idleStopReason(timeoutMinutes: number): string {
  return `Stopped after ${timeoutMinutes} minutes idle`;
}

/**
 * The idle rule, the same locally (the sweep asks Jupyter) and on AWS (the lifecycle script asks
 * it): a notebook is idle from its latest activity, or from when it started running if it has
 * seen none since (a fresh server reports its own start as activity, but a restarted one may
 * report an old time); a computing kernel is never idle.
 */
export function idleDecision(input: {
  timeoutMinutes: number;
  activity: NotebookActivity;
  runningSince: string;
  now: Date;
}): IdleDecision {
  if (input.activity.busyKernels > 0) return { state: 'active' };
  const since = [input.activity.lastActivityAt, input.runningSince]
    .filter((time): time is string => Boolean(time))
    .map((time) => new Date(time).getTime())
    .reduce((latest, time) => Math.max(latest, time), 0);
  const idleSince = new Date(since).toISOString();
  const stopsAt = since + input.timeoutMinutes * 60_000;
  const now = input.now.getTime();
  if (now >= stopsAt)
    return { state: 'stop', idleSince, reason: idleStopReason(input.timeoutMinutes) };
  if (stopsAt - now <= idleWarningMinutes * 60_000)
    return { state: 'warn', idleSince, stopsAt: new Date(stopsAt).toISOString() };
  return { state: 'active' };
}

/** Jupyter's own answers, as its REST API returns them (only the fields the rule reads). */
export interface JupyterActivityAnswers {
  status: { last_activity?: string | null };
  kernels: { execution_state?: string; last_activity?: string | null }[];
  terminals: { last_activity?: string | null }[];
}

/** Kernel states that are use; `idle` and `dead` are not. */
export const busyKernelStates: readonly string[] = ['busy', 'starting'];

export function activityFromJupyter(answers: JupyterActivityAnswers): NotebookActivity {
  const times = [
    answers.status.last_activity,
    ...answers.kernels.map((kernel) => kernel.last_activity),
    ...answers.terminals.map((terminal) => terminal.last_activity),
  ].filter((time): time is string => typeof time === 'string' && time.length > 0);
  const latest = times
    .map((time) => new Date(time).getTime())
    .filter((time) => !Number.isNaN(time))
    .reduce((max, time) => Math.max(max, time), Number.NEGATIVE_INFINITY);
  return {
    lastActivityAt: Number.isFinite(latest) ? new Date(latest).toISOString() : null,
    busyKernels: answers.kernels.filter((kernel) =>
      busyKernelStates.includes(kernel.execution_state ?? ''),
    ).length,
    kernels: answers.kernels.length,
    terminals: answers.terminals.length,
  };
}

/**
 * What a SageMaker notebook's idle script reports with the notebook's own MLSpace credentials
 * (on AWS the sweep cannot ask Jupyter): the stop it foresees, or null once the notebook is in use
 * again. A warning is for the near future only: within the warning window, with one cron period
 * (5 minutes) of slack.
 */
export const idleReportWindowMinutes = idleWarningMinutes + 5;

export function reportIdleInputSchema(now: () => Date = () => new Date()) {
  return z.object({
    name: computeNameSchema,
    stopsAt: z
      .string()
      .datetime({ offset: true, message: 'must be an ISO 8601 date and time' })
      .nullable()
      .refine(
        (value) => {
          if (value === null) return true;
          const at = Date.parse(value) - now().getTime();
          return at > 0 && at <= idleReportWindowMinutes * 60_000;
        },
        { message: `must be in the next ${idleReportWindowMinutes} minutes` },
      ),
  });
}
