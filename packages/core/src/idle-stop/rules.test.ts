import { expect, test } from 'vitest';

import { withIdleStop } from './lifecycle-script';
import { activityFromJupyter, idleDecision, type NotebookActivity } from './rules';

const quiet = (lastActivityAt: string | null): NotebookActivity => ({
  lastActivityAt,
  busyKernels: 0,
  kernels: 1,
  terminals: 0,
});
const startedAt = '2026-12-01T08:00:00.000Z';
const at = (time: string) => new Date(`2026-12-01T${time}:00.000Z`);

test('a notebook idle for the whole timeout is stopped with the reason in minutes', () => {
  expect(
    idleDecision({
      timeoutMinutes: 60,
      activity: quiet('2026-12-01T08:30:00.000Z'),
      runningSince: startedAt,
      now: at('09:30'),
    }),
  ).toEqual({
    state: 'stop',
    idleSince: '2026-12-01T08:30:00.000Z',
    reason: 'Stopped after 60 minutes idle',
  });
});

test('ten minutes before the stop the notebook is in the warning window, and earlier it is not', () => {
  const activity = quiet('2026-12-01T08:30:00.000Z');
  expect(
    idleDecision({ timeoutMinutes: 60, activity, runningSince: startedAt, now: at('09:20') }),
  ).toEqual({
    state: 'warn',
    idleSince: '2026-12-01T08:30:00.000Z',
    stopsAt: '2026-12-01T09:30:00.000Z',
  });
  expect(
    idleDecision({ timeoutMinutes: 60, activity, runningSince: startedAt, now: at('09:19') }),
  ).toEqual({ state: 'active' });
});

test('a kernel computing for hours is use, however old the last activity', () => {
  expect(
    idleDecision({
      timeoutMinutes: 60,
      activity: { ...quiet('2026-12-01T03:00:00.000Z'), busyKernels: 1 },
      runningSince: '2026-12-01T02:00:00.000Z',
      now: at('09:00'),
    }),
  ).toEqual({ state: 'active' });
});

test('a restarted notebook whose Jupyter reports an old activity is idle only from its start', () => {
  expect(
    idleDecision({
      timeoutMinutes: 60,
      activity: quiet('2026-11-30T10:00:00.000Z'),
      runningSince: startedAt,
      now: at('08:30'),
    }),
  ).toEqual({ state: 'active' });
});

test("Jupyter's answers give the latest activity of server, kernels and terminals, and busy kernels", () => {
  expect(
    activityFromJupyter({
      status: { last_activity: '2026-12-01T08:00:00.000000Z' },
      kernels: [
        { execution_state: 'idle', last_activity: '2026-12-01T08:10:00.000000Z' },
        { execution_state: 'busy', last_activity: '2026-12-01T08:05:00.000000Z' },
        { execution_state: 'dead', last_activity: null },
      ],
      terminals: [{ last_activity: '2026-12-01T08:20:00.000000Z' }],
    }),
  ).toEqual({
    lastActivityAt: '2026-12-01T08:20:00.000Z',
    busyKernels: 1,
    kernels: 3,
    terminals: 1,
  });
});

test("the AWS lifecycle script keeps the user's own onStart lines first and carries the same timeout and reason", () => {
  const script = withIdleStop('echo mine', 45);
  expect(script.startsWith('echo mine\n# MLSpace idle auto-stop')).toBe(true);
  expect(script).toContain('TIMEOUT_SECONDS = 2700');
  expect(script).toContain('Value=Stopped after 45 minutes idle');
  expect(script).toContain('("busy", "starting")');
  expect(withIdleStop('echo mine', null)).toBe('echo mine');
});
