/**
 * One local cluster: a Dask scheduler and one worker per core node, each a process group of its
 * own under `<root>/<id>/` (recorded, so a killed MLSpace leaves none behind), their output in one
 * log. The scheduler's port is chosen first, so the workers start at the same time as the
 * scheduler and connect as soon as it listens.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { appendLogLine } from '../jobs/job-log';
import { lineSplitter } from '../jobs/job-state';
import { killGroup, spawnGroup } from '../jobs/process-group';
import { pythonDir } from '../jobs/python';
import { findFreePort } from '../processes';

export interface DaskClusterSpec {
  id: string;
  /** Folder of this cluster (`.mlspace/clusters/<id>`). */
  dir: string;
  logFile: string;
  workers: number;
  threadsPerWorker: number;
  memoryPerWorkerBytes: number;
  python: string;
  schedulerCommand: string;
  workerCommand: string;
}

/** What the scheduler reports of a worker (packages/local/python/mlspace_dask_routes.py). */
export interface DaskWorkerInfo {
  address: string;
  name: string;
  threads: number;
  memoryLimitBytes: number;
  memoryUsedBytes: number;
  processingTasks: string[];
  storedResults: number;
}

export interface RunningDaskCluster {
  schedulerAddress: string;
  workersInfo(): Promise<DaskWorkerInfo[]>;
  /** Called once if a process of the cluster ends without being asked to. */
  onUnexpectedExit(listener: (reason: string) => void): void;
  stop(): Promise<void>;
}

/** Resolves once every worker joined; `signal` ends a start under way (termination, shutdown). */
export async function startDaskCluster(
  spec: DaskClusterSpec,
  readyTimeoutMs: number,
  signal?: AbortSignal,
): Promise<RunningDaskCluster> {
  mkdirSync(spec.dir, { recursive: true });
  const [port, httpPort] = await Promise.all([findFreePort(), findFreePort()]);
  const schedulerAddress = `tcp://127.0.0.1:${port}`;
  const children: ChildProcess[] = [];
  let stopping = false;
  let unexpected: ((reason: string) => void) | null = null;
  let exitReason: string | null = null;
  // Set by the processes' callbacks, so read through a function (not narrowed at the check).
  const failure = (): string | null => exitReason;

  const log = (message: string) => appendLogLine(spec.logFile, message);
  // Like the other local processes: a known environment, not the server's.
  const env = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: spec.dir,
    LANG: 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    PYTHONPATH: pythonDir(),
    // Dask's own deprecation notices for the dask-scheduler / dask-worker commands.
    PYTHONWARNINGS: 'ignore::FutureWarning',
  };

  function start(label: string, command: string, args: string[]): ChildProcess {
    const child = spawnGroup(
      spec.python,
      [command, ...args],
      { cwd: spec.dir, env, stdio: ['ignore', 'pipe', 'pipe'] },
      `Dask ${label} of cluster ${spec.id}`,
    );
    const lines = lineSplitter((line) => {
      if (line.trim()) log(`[${label}] ${line}`);
    });
    child.stdout?.on('data', (chunk: Buffer) => lines.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk));
    child.once('error', (error) => {
      exitReason ??= `the ${label} could not start: ${error.message}`;
    });
    child.once('exit', (code, signal) => {
      lines.end();
      if (stopping) return;
      const reason = `the ${label} exited unexpectedly (${signal ?? `exit code ${code}`})`;
      exitReason ??= reason;
      log(reason);
      unexpected?.(reason);
      unexpected = null;
    });
    children.push(child);
    return child;
  }

  start('scheduler', spec.schedulerCommand, [
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--dashboard-address',
    `127.0.0.1:${httpPort}`,
    '--preload',
    'mlspace_dask_routes',
  ]);
  for (let index = 1; index <= spec.workers; index += 1) {
    const name = `core-${index}`;
    start(name, spec.workerCommand, [
      schedulerAddress,
      '--name',
      name,
      '--nthreads',
      String(spec.threadsPerWorker),
      '--memory-limit',
      String(spec.memoryPerWorkerBytes),
      '--no-nanny',
      '--no-dashboard',
      '--local-directory',
      path.join(spec.dir, name),
      // A worker left without its scheduler ends instead of retrying forever.
      '--death-timeout',
      '60',
    ]);
  }

  async function workersInfo(): Promise<DaskWorkerInfo[]> {
    const response = await fetch(`http://127.0.0.1:${httpPort}/mlspace/workers`, {
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`the scheduler answered ${response.status}`);
    const body = (await response.json()) as { workers: DaskWorkerInfo[] };
    return body.workers.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  }

  async function stop(): Promise<void> {
    stopping = true;
    await Promise.all(children.map((child) => killGroup(child, 3_000)));
  }

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (signal?.aborted) {
      await stop();
      throw new Error('The cluster was terminated while it started');
    }
    const failed = failure();
    if (failed) {
      await stop();
      throw new Error(`The cluster could not start: ${failed}; see its log`);
    }
    const joined = await workersInfo().catch(() => null);
    if (joined && joined.length >= spec.workers) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `The cluster was not ready after ${Math.round(readyTimeoutMs / 1000)} s (${joined?.length ?? 0} of ${spec.workers} workers had joined); see its log`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    schedulerAddress,
    workersInfo,
    onUnexpectedExit(listener) {
      unexpected = listener;
    },
    stop,
  };
}
