import { spawn, type ChildProcess, type SpawnOptionsWithStdioTuple } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import {
  ConflictError,
  NotFoundError,
  type ComputeEventBus,
  type CreateNotebookRequest,
  type LifecycleScripts,
  type NotebookBackend,
  type NotebookDescription,
  type NotebookStatus,
  type UpdateNotebookRequest,
} from '@mlspace/core';

import { recordProcess } from '../process-records';
import { findFreePort, waitUntil } from '../processes';
import { readJupyterActivity } from './jupyter-activity';
import { openLogWriter, readLogPage, type LogWriter } from './log-file';
import { assertJupyterInstalled, debianJupyter, type JupyterCommands } from './requirements';
import {
  listStoredNames,
  notebookPaths,
  readStored,
  removeNotebookFolder,
  writeStored,
  type NotebookPaths,
  type StoredNotebook,
} from './store';

export interface LocalNotebookOptions {
  /** `<data dir>/notebooks`; each notebook gets `<name>/` with its files, log and state. */
  notebooksDir: string;
  events: ComputeEventBus;
  commands?: JupyterCommands;
  readyTimeoutMs?: number;
}

/** Where the proxy sends a running notebook's requests. */
export interface NotebookProxyTarget {
  port: number;
  token: string;
}

export interface LocalNotebookBackend extends NotebookBackend {
  proxyTarget(name: string): NotebookProxyTarget | null;
  /**
   * After a restart no Jupyter process survives, so notebooks left running (or starting, or
   * stopping) are recorded as Stopped; their users start them again. Every notebook's status is
   * re-emitted, so the registry catches up with anything it missed. Call once the event bus has
   * its listeners; returns the notebooks it marked Stopped.
   */
  recover(): Promise<string[]>;
  shutdown(): Promise<void>;
}

/** One notebook's live process state: the script or server running now, and the server's address. */
interface Live {
  child: ChildProcess | null;
  log: LogWriter;
  target: NotebookProxyTarget | null;
  cancelled: boolean;
  /** How many times Jupyter was started again after dying while it served this launch. */
  restarts: number;
  /** Added to the environment of the scripts and Jupyter (an attached cluster's address). */
  environment: Record<string, string>;
}

/** Jupyter that dies while serving is started again this many times per start of the notebook. */
const maxJupyterRestarts = 3;

const transientStatuses: readonly NotebookStatus[] = [
  'Pending',
  'InService',
  'Stopping',
  'Updating',
];

export function createLocalNotebookBackend(options: LocalNotebookOptions): LocalNotebookBackend {
  const commands = options.commands ?? debianJupyter;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const live = new Map<string, Live>();
  const paths = (name: string) => notebookPaths(options.notebooksDir, name);

  async function load(name: string): Promise<{ stored: StoredNotebook; where: NotebookPaths }> {
    const where = paths(name);
    const stored = await readStored(where);
    if (!stored) throw new NotFoundError(`There is no local notebook named ${name}`);
    return { stored, where };
  }

  async function setStatus(
    name: string,
    status: NotebookStatus,
    failureReason?: string,
  ): Promise<void> {
    const where = paths(name);
    const stored = await readStored(where);
    if (!stored) return;
    const at = new Date().toISOString();
    await writeStored(where, { ...stored, status, failureReason, lastModifiedAt: at });
    const target = live.get(name)?.target;
    options.events.emit({
      kind: 'notebook',
      name,
      status,
      at,
      failureReason,
      project: stored.owner.project,
      owner: stored.owner.username,
      metadata: target ? { port: String(target.port) } : {},
    });
  }

  function describeStored(stored: StoredNotebook): NotebookDescription {
    const target = live.get(stored.spec.name)?.target;
    return {
      name: stored.spec.name,
      status: stored.status,
      instanceType: stored.spec.instanceType,
      volumeSizeGb: stored.spec.volumeSizeGb,
      failureReason: stored.failureReason,
      metadata: target ? { port: String(target.port) } : {},
      createdAt: stored.createdAt,
      lastModifiedAt: stored.lastModifiedAt,
    };
  }

  /** Runs in a process group of its own, so stopping it also stops what it started (kernels). */
  function spawnGroup(
    command: string,
    args: string[],
    cwd: string,
    state: Live,
    prefix: string,
  ): ChildProcess {
    const options: SpawnOptionsWithStdioTuple<'ignore', 'pipe', 'pipe'> = {
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    };
    // `env NAME=value … command` adds the notebook's variables (an attached cluster's address) to
    // the environment Jupyter inherits; env execs the command, so the pid and group stay the same.
    const variables = Object.entries(state.environment).map(([name, value]) => `${name}=${value}`);
    const child =
      variables.length > 0
        ? spawn('/usr/bin/env', [...variables, command, ...args], options)
        : spawn(command, args, options);
    const forward = (chunk: Buffer) =>
      state.log.write(
        chunk
          .toString()
          .split('\n')
          .map((line, index, all) =>
            index === all.length - 1 && line === '' ? '' : `${prefix}${line}`,
          )
          .join('\n'),
      );
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    state.child = child;
    return child;
  }

  async function runScript(
    name: string,
    which: 'onCreate' | 'onStart',
    script: string | undefined,
    state: Live,
  ) {
    if (!script?.trim()) return;
    const where = paths(name);
    const label = which === 'onCreate' ? 'on-create' : 'on-start';
    await mkdir(where.scripts, { recursive: true });
    const file = path.join(where.scripts, `${label}.sh`);
    await writeFile(file, script, { mode: 0o700 });
    state.log.line(`[${label}] running the ${label} script`);
    const child = spawnGroup('bash', [file], where.files, state, `[${label}] `);
    recordProcess(child, `The ${label} script of notebook ${name}`, { group: true });
    const code = await new Promise<number | null>((resolve) => {
      child.once('error', () => resolve(-1));
      child.once('exit', (exitCode) => resolve(exitCode));
    });
    state.child = null;
    if (state.cancelled) throw new Error('cancelled');
    if (code !== 0)
      throw new Error(`The ${label} script failed (exit code ${code}); see the notebook's log`);
    state.log.line(`[${label}] finished`);
  }

  async function startServer(name: string, state: Live): Promise<void> {
    const where = paths(name);
    const port = await findFreePort();
    const token = randomBytes(24).toString('hex');
    const child = spawnGroup(
      commands.jupyter,
      [
        '--no-browser',
        '--allow-root',
        '--ip',
        '127.0.0.1',
        '--port',
        String(port),
        '--port-retries',
        '0',
        '--notebook-dir',
        where.files,
        `--NotebookApp.token=${token}`,
        `--NotebookApp.base_url=/notebooks/${name}/`,
      ],
      where.files,
      state,
      '',
    );
    recordProcess(child, `Jupyter for notebook ${name}`, { group: true });
    child.once('exit', (code, signal) => {
      if (state.child !== child) return;
      const wasServing = state.target !== null;
      state.child = null;
      state.target = null;
      const reason = `Jupyter exited unexpectedly (${signal ?? `exit code ${code}`})`;
      if (!state.cancelled && wasServing && state.restarts < maxJupyterRestarts) {
        state.restarts += 1;
        state.log.line(`${reason}; restarting it (${state.restarts} of ${maxJupyterRestarts})`);
        void restartServer(name, state);
        return;
      }
      live.delete(name);
      void state.log.close();
      if (!state.cancelled) void setStatus(name, 'Failed', `${reason}; see the notebook's log`);
    });
    await waitUntil(
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/notebooks/${name}/api/status`, {
          headers: { authorization: `token ${token}` },
        });
        return response.ok;
      },
      { timeoutMs: readyTimeoutMs, what: `Jupyter for notebook ${name}`, child },
    );
    state.target = { port, token };
  }

  /** Jupyter died while serving: start it again (not the lifecycle scripts) after a pause. */
  async function restartServer(name: string, state: Live): Promise<void> {
    await setStatus(name, 'Pending');
    await new Promise((resolve) => setTimeout(resolve, 1_000 * 2 ** (state.restarts - 1)));
    if (state.cancelled) return;
    try {
      await startServer(name, state);
      if (state.cancelled) return;
      state.log.line('Jupyter Notebook is ready again');
      await setStatus(name, 'InService');
    } catch (error) {
      if (state.cancelled) return;
      const reason = error instanceof Error ? error.message : String(error);
      state.log.line(`Failed: ${reason}`);
      await terminate(name);
      await setStatus(name, 'Failed', reason.split('\n')[0]);
    }
  }

  /** Scripts, then the server; reports InService or Failed. Runs after the request returned. */
  async function launch(
    name: string,
    scripts: LifecycleScripts,
    includeOnCreate: boolean,
    environment: Record<string, string> = {},
  ): Promise<void> {
    const where = paths(name);
    await mkdir(where.files, { recursive: true });
    const state: Live = {
      child: null,
      log: openLogWriter(where.log),
      target: null,
      cancelled: false,
      restarts: 0,
      environment,
    };
    live.set(name, state);
    try {
      if (includeOnCreate) await runScript(name, 'onCreate', scripts.onCreate, state);
      await runScript(name, 'onStart', scripts.onStart, state);
      state.log.line('Starting Jupyter Notebook');
      await startServer(name, state);
      if (state.cancelled) return;
      state.log.line('Jupyter Notebook is ready');
      await setStatus(name, 'InService');
    } catch (error) {
      if (state.cancelled) return;
      const reason = error instanceof Error ? error.message : String(error);
      state.log.line(`Failed: ${reason}`);
      await terminate(name);
      await setStatus(name, 'Failed', reason.split('\n')[0]);
    }
  }

  /** Stops whatever runs for the notebook (script or server) and its process group. */
  async function terminate(name: string): Promise<void> {
    const state = live.get(name);
    if (!state) return;
    state.cancelled = true;
    const child = state.child;
    live.delete(name);
    state.target = null;
    if (child && child.exitCode === null && child.signalCode === null && child.pid) {
      await new Promise<void>((resolve) => {
        const kill = (signal: NodeJS.Signals) => {
          try {
            process.kill(-child.pid!, signal);
          } catch {
            // The group is already gone.
          }
        };
        const timer = setTimeout(() => kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        kill('SIGTERM');
      });
    }
    await state.log.close();
  }

  return {
    async create(request: CreateNotebookRequest) {
      await assertJupyterInstalled(commands);
      const where = paths(request.name);
      if (await readStored(where))
        throw new ConflictError(`A local notebook named ${request.name} already exists`);
      const at = new Date().toISOString();
      const stored: StoredNotebook = {
        spec: {
          name: request.name,
          instanceType: request.instanceType,
          volumeSizeGb: request.volumeSizeGb,
          lifecycle: request.lifecycle,
        },
        owner: { project: request.owner.project, username: request.owner.username },
        status: 'Pending',
        createdAt: at,
        lastModifiedAt: at,
      };
      await writeStored(where, stored);
      void launch(request.name, request.lifecycle, true, request.environment);
      return describeStored(stored);
    },

    async describe(name) {
      const stored = await readStored(paths(name));
      return stored ? describeStored(stored) : null;
    },

    async start(name, _owner, lifecycle, environment) {
      await assertJupyterInstalled(commands);
      const { stored } = await load(name);
      if (stored.status !== 'Stopped' && stored.status !== 'Failed') {
        throw new ConflictError(
          `Notebook ${name} is ${stored.status}; only a stopped or failed notebook can be started`,
        );
      }
      await setStatus(name, 'Pending');
      void launch(name, lifecycle, false, environment);
    },

    async stop(name) {
      const { stored } = await load(name);
      if (stored.status === 'Stopped') return;
      await setStatus(name, 'Stopping');
      await terminate(name);
      await setStatus(name, 'Stopped');
    },

    async update(request: UpdateNotebookRequest) {
      const { stored, where } = await load(request.name);
      await writeStored(where, {
        ...stored,
        spec: {
          ...stored.spec,
          instanceType: request.instanceType ?? stored.spec.instanceType,
          volumeSizeGb: request.volumeSizeGb ?? stored.spec.volumeSizeGb,
          lifecycle: request.lifecycle ?? stored.spec.lifecycle,
        },
        lastModifiedAt: new Date().toISOString(),
      });
    },

    async delete(name) {
      const where = paths(name);
      await terminate(name);
      const stored = await readStored(where);
      await removeNotebookFolder(where);
      if (stored) {
        options.events.emit({
          kind: 'notebook',
          name,
          status: 'Deleted',
          at: new Date().toISOString(),
          project: stored.owner.project,
          owner: stored.owner.username,
        });
      }
    },

    async openUrl(name) {
      return { url: `/notebooks/${name}/tree` };
    },

    async logs(request) {
      return readLogPage(paths(request.name).log, request.cursor, request.limit);
    },

    proxyTarget(name) {
      return live.get(name)?.target ?? null;
    },

    async activity(name) {
      const target = live.get(name)?.target;
      return target
        ? readJupyterActivity(`http://127.0.0.1:${target.port}/notebooks/${name}/`, target.token)
        : null;
    },

    async recover() {
      const recovered: string[] = [];
      for (const name of await listStoredNames(options.notebooksDir)) {
        if (live.has(name)) continue;
        const stored = await readStored(paths(name));
        if (!stored) continue;
        // Re-emitting a settled status too repairs a registry that missed the last event.
        const status = transientStatuses.includes(stored.status) ? 'Stopped' : stored.status;
        await setStatus(name, status, status === 'Failed' ? stored.failureReason : undefined);
        if (status !== stored.status) recovered.push(name);
      }
      return recovered;
    },

    async shutdown() {
      const names = [...live.keys()];
      await Promise.all(
        names.map(async (name) => {
          await terminate(name);
          // Recorded directly: the database may already be closing, and recover() re-emits it.
          const where = paths(name);
          const stored = await readStored(where);
          if (stored)
            await writeStored(where, {
              ...stored,
              status: 'Stopped',
              lastModifiedAt: new Date().toISOString(),
            });
        }),
      );
    },
  };
}
