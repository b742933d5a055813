/**
 * Keeps a long-lived child (DynamoDB Local, s3rver) running: when it dies without being asked
 * to, it is started again on the same port and data, with a growing pause between attempts, and
 * one line is logged. Clients keep their endpoint, so the API recovers by itself.
 */
import type { ChildProcess } from 'node:child_process';

import { recordProcess } from './process-records';
import { stopChild, type ManagedProcess } from './processes';

export interface SupervisedProcess extends ManagedProcess {
  /** The running child's pid; it changes when the child is restarted. */
  readonly pid: number | undefined;
  /** How many times the child has been started again after dying. */
  readonly restarts: number;
}

export interface SuperviseOptions {
  name: string;
  /** Spawns the child and resolves once it is ready; rejects, having ended it, when it cannot start. */
  start: () => Promise<ChildProcess>;
  log?: (line: string) => void;
  /** The first pause before a restart; it doubles after each failed attempt, up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** A child that lived this long is considered healthy again: the next restart waits the least. */
const stableAfterMs = 60_000;

export async function supervise(options: SuperviseOptions): Promise<SupervisedProcess> {
  const log = options.log ?? ((line: string) => console.log(line));
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  let child = await options.start();
  let startedAt = Date.now();
  let delayMs = initialDelayMs;
  let restarts = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let restarting: Promise<void> | null = null;

  const watch = (running: ChildProcess) => {
    recordProcess(running, options.name);
    running.once('exit', (code, signal) => {
      if (stopping || running !== child) return;
      if (Date.now() - startedAt > stableAfterMs) delayMs = initialDelayMs;
      log(
        `${options.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it in ${delayMs / 1000} s`,
      );
      scheduleRestart();
    });
  };

  const scheduleRestart = () => {
    timer = setTimeout(() => {
      timer = null;
      restarting = restart().finally(() => (restarting = null));
    }, delayMs);
    delayMs = Math.min(delayMs * 2, maxDelayMs);
  };

  const restart = async () => {
    try {
      const next = await options.start();
      if (stopping) return void (await stopChild(next));
      child = next;
      startedAt = Date.now();
      restarts += 1;
      watch(next);
    } catch (error) {
      if (stopping) return;
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      log(
        `${options.name} could not be restarted (${reason}); trying again in ${delayMs / 1000} s`,
      );
      scheduleRestart();
    }
  };

  watch(child);
  return {
    name: options.name,
    get pid() {
      return child.pid;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await restarting;
      await stopChild(child);
    },
  };
}
