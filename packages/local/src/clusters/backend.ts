/**
 * Clusters in local mode: a real Dask distributed cluster (Debian's python3-distributed) per
 * cluster, sized from its cluster type, under `<root>/<id>/` with its record (`state.json`) and
 * log (`logs.jsonl`). Spark runs only on AWS. A local cluster lives as long as this MLSpace: a
 * cluster found running in its record at start was ended with the process that ran it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

import {
  NotFoundError,
  UnavailableError,
  emrInstanceSize,
  type ClusterBackend,
  type ClusterDescription,
  type ClusterInstance,
  type ClusterStatus,
  type ComputeEventBus,
  type CreateClusterRequest,
  type ProjectContext,
} from '@mlspace/core';

import { appendLogLine, readLogPage } from '../jobs/job-log';
import { readState, writeState } from '../jobs/job-state';
import { defaultPython } from '../jobs/python';
import { startDaskCluster, type RunningDaskCluster } from './dask-cluster';

export interface LocalClusterOptions {
  /** `<data dir>/.mlspace/clusters`. */
  rootDir: string;
  events: ComputeEventBus;
  python?: string;
  schedulerCommand?: string;
  workerCommand?: string;
  /** How long workers may take to join (a loaded machine imports Dask slowly). */
  readyTimeoutMs?: number;
}

export interface LocalClusters extends ClusterBackend {
  /** Resolves once the cluster is Waiting or has ended. */
  settled(id: string): Promise<ClusterDescription>;
  shutdown(): Promise<void>;
}

interface ClusterState {
  description: ClusterDescription;
  owner: ProjectContext;
  request: Omit<CreateClusterRequest, 'owner'>;
  schedulerAddress?: string;
}

const endedStatuses: readonly ClusterStatus[] = ['Terminated', 'TerminatedWithErrors'];
const gib = 1024 ** 3;

/** Debian's python3-distributed installs the commands; without them no cluster can start. */
function assertDaskInstalled(commands: string[]): void {
  const missing = commands.filter((command) => !existsSync(command));
  if (missing.length > 0)
    throw new UnavailableError(
      `Local clusters need Dask: install Debian's python3-distributed (${missing.join(' and ')} not found)`,
    );
}

function newClusterId(): string {
  // EMR's shape (`j-` and 13 characters), so ids read the same on both backends.
  return `j-L${randomBytes(8).toString('hex').toUpperCase().slice(0, 12)}`;
}

export function createLocalClusters(options: LocalClusterOptions): LocalClusters {
  const python = options.python ?? defaultPython;
  const schedulerCommand = options.schedulerCommand ?? '/usr/bin/dask-scheduler';
  const workerCommand = options.workerCommand ?? '/usr/bin/dask-worker';
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const running = new Map<string, RunningDaskCluster>();
  const pending = new Map<string, Promise<ClusterDescription>>();
  const starts = new Map<string, AbortController>();
  const folder = (id: string) => path.join(options.rootDir, id);
  const logFile = (id: string) => path.join(folder(id), 'logs.jsonl');

  function save(
    state: ClusterState,
    status: ClusterStatus,
    change: Partial<ClusterDescription> = {},
  ): ClusterState {
    const at = new Date().toISOString();
    const description: ClusterDescription = { ...state.description, ...change, status };
    if (status === 'Waiting' && !description.timeline.readyAt)
      description.timeline = { ...description.timeline, readyAt: at };
    if (endedStatuses.includes(status) && !description.timeline.endedAt)
      description.timeline = { ...description.timeline, endedAt: at };
    const next = { ...state, description };
    writeState(folder(description.id), next);
    options.events.emit({
      kind: 'emrCluster',
      name: description.name,
      status,
      at,
      failureReason: description.failureReason,
      project: state.owner.project,
      owner: state.owner.username,
      metadata: { clusterId: description.id },
    });
    return next;
  }

  function load(id: string): ClusterState | null {
    if (!/^j-[A-Z0-9]+$/.test(id)) return null;
    return readState<ClusterState>(folder(id));
  }

  function end(state: ClusterState, message: string, withErrors: boolean): ClusterState {
    appendLogLine(logFile(state.description.id), message);
    return save(state, withErrors ? 'TerminatedWithErrors' : 'Terminated', {
      stateChangeReason: {
        code: withErrors ? 'INTERNAL_ERROR' : 'USER_REQUEST',
        message,
      },
      ...(withErrors ? { failureReason: message } : {}),
    });
  }

  async function launch(state: ClusterState, start: AbortController): Promise<ClusterDescription> {
    const { id } = state.description;
    const { request } = state;
    const size = emrInstanceSize(request.coreInstanceType);
    try {
      if (!size)
        throw new Error(`${request.coreInstanceType} is not an instance type MLSpace knows`);
      appendLogLine(
        logFile(id),
        `Starting a Dask scheduler and ${request.coreInstanceCount} workers (${request.coreInstanceType}: ${size.vcpus} threads, ${size.memoryGiB} GiB each)`,
      );
      const cluster = await startDaskCluster(
        {
          id,
          dir: folder(id),
          logFile: logFile(id),
          workers: request.coreInstanceCount,
          threadsPerWorker: size.vcpus,
          memoryPerWorkerBytes: Math.round(size.memoryGiB * gib),
          python,
          schedulerCommand,
          workerCommand,
        },
        readyTimeoutMs,
        start.signal,
      );
      const current = load(id);
      // Terminated while it started: end what started.
      if (!current || endedStatuses.includes(current.description.status)) {
        await cluster.stop();
        return current?.description ?? state.description;
      }
      running.set(id, cluster);
      cluster.onUnexpectedExit((reason) => {
        running.delete(id);
        void cluster.stop();
        const latest = load(id);
        if (latest && !endedStatuses.includes(latest.description.status))
          end(latest, `The cluster ended: ${reason}`, true);
      });
      appendLogLine(
        logFile(id),
        `Ready: ${request.coreInstanceCount} workers joined the scheduler at ${cluster.schedulerAddress}`,
      );
      return save({ ...current, schedulerAddress: cluster.schedulerAddress }, 'Waiting', {
        stateChangeReason: { message: 'Cluster ready to run work' },
      }).description;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const latest = load(id) ?? state;
      if (endedStatuses.includes(latest.description.status)) return latest.description;
      return end(latest, message, true).description;
    }
  }

  function track(id: string, work: Promise<ClusterDescription>): void {
    pending.set(id, work);
    void work.finally(() => {
      pending.delete(id);
      starts.delete(id);
    });
  }

  // A cluster this MLSpace's earlier run left Starting or Waiting ended with that run.
  for (const id of existsSync(options.rootDir) ? readdirSync(options.rootDir) : []) {
    const state = load(id);
    if (state && !endedStatuses.includes(state.description.status))
      end(state, 'MLSpace stopped while the cluster ran; local clusters end with it', false);
  }

  async function instancesOf(state: ClusterState): Promise<ClusterInstance[]> {
    const { request, description } = state;
    const primary: ClusterInstance = {
      id: `${description.id}-scheduler`,
      role: 'primary',
      instanceType: request.primaryInstanceType,
      state: running.has(description.id) ? 'Running' : description.status,
      ...(state.schedulerAddress ? { address: state.schedulerAddress } : {}),
    };
    const cluster = running.get(description.id);
    const workers = cluster ? await cluster.workersInfo() : [];
    const core = Array.from({ length: request.coreInstanceCount }, (_, index): ClusterInstance => {
      const name = `core-${index + 1}`;
      const worker = workers.find((candidate) => candidate.name === name);
      return worker
        ? {
            id: `${description.id}-${name}`,
            role: 'core',
            instanceType: request.coreInstanceType,
            state: 'Running',
            address: worker.address,
            threads: worker.threads,
            memoryLimitBytes: worker.memoryLimitBytes,
            memoryUsedBytes: worker.memoryUsedBytes,
            processingTasks: worker.processingTasks,
            storedResults: worker.storedResults,
          }
        : {
            id: `${description.id}-${name}`,
            role: 'core',
            instanceType: request.coreInstanceType,
            state: cluster ? 'Lost' : description.status === 'Starting' ? 'Starting' : 'Ended',
          };
    });
    return [primary, ...core];
  }

  return {
    engine: 'dask',

    async create(request) {
      assertDaskInstalled([schedulerCommand, workerCommand]);
      const id = newClusterId();
      const at = new Date().toISOString();
      const { owner, ...rest } = request;
      const initial: ClusterState = {
        owner: { project: owner.project, username: owner.username },
        request: rest,
        description: {
          id,
          name: request.name,
          status: 'Starting',
          releaseLabel: request.releaseLabel,
          applications: request.applications.map((name) => ({ name })),
          timeline: { createdAt: at },
          stateChangeReason: { message: 'Starting the Dask scheduler and workers' },
          metadata: { backend: 'local', engine: 'dask' },
        },
      };
      const state = save(initial, 'Starting');
      const start = new AbortController();
      starts.set(id, start);
      track(id, launch(state, start));
      return state.description;
    },

    async describe(id) {
      return load(id)?.description ?? null;
    },

    async instances(id) {
      const state = load(id);
      if (!state) throw new NotFoundError(`No cluster ${id}`);
      return instancesOf(state);
    },

    async terminate(id, reason) {
      const state = load(id);
      if (!state) throw new NotFoundError(`No cluster ${id}`);
      if (endedStatuses.includes(state.description.status)) return;
      const terminating = save(state, 'Terminating');
      const cluster = running.get(id);
      running.delete(id);
      starts.get(id)?.abort();
      await cluster?.stop();
      end(terminating, reason ?? 'Terminated by user request', false);
      // A start under way stops what it started before this returns: no process outlives it.
      await pending.get(id)?.catch(() => undefined);
    },

    async connection(id) {
      const state = load(id);
      if (!state || !running.has(id) || !state.schedulerAddress) return null;
      return { engine: 'dask', schedulerAddress: state.schedulerAddress };
    },

    async logs(request) {
      if (!load(request.name)) return { lines: [], cursor: request.cursor ?? '0' };
      return readLogPage(logFile(request.name), request.cursor, request.limit);
    },

    async settled(id) {
      return (await pending.get(id)) ?? (await this.describe(id))!;
    },

    async shutdown() {
      const live = new Set([...running.keys(), ...pending.keys()]);
      await Promise.all(
        [...live].map((id) => this.terminate(id, 'MLSpace stopped; local clusters end with it')),
      );
    },
  };
}
