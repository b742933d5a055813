/**
 * Gives every notebook its MLSpace credentials (ADR 020) by decorating the compute backend's
 * notebooks, so every path that starts one (create, start, the sweep's restarts) passes here:
 * - locally: a token is written to a file under the data folder and Jupyter gets
 *   MLSPACE_API_URL and MLSPACE_TOKEN_FILE; this process mints a new token well before the old
 *   one expires, while the notebook runs;
 * - on AWS: the notebook's start script proves the instance's role to MLSpace and fetches its own
 *   tokens (lifecycle-script.ts, exchange.ts).
 * Stopping or deleting the notebook revokes its tokens (and locally removes the file).
 */
import type {
  ComputeBackend,
  LifecycleScripts,
  NotebookBackend,
  ProjectContext,
} from '@mlspace/core';
import type { Db } from '@mlspace/db';

import type { ApiSettings } from '../../settings';
import { awsNotebookTokenFile, notebookCredentialsScript } from './lifecycle-script';
import {
  mintNotebookCredentials,
  notebookCredentialLifetimeMs,
  revokeNotebookCredentials,
} from './mint';
import { notebookTokenFile, removeNotebookTokenFile, writeNotebookTokenFile } from './token-file';

export const notebookCredentialsActor = 'mlspace-notebook-credentials';

export interface NotebookCredentialsOptions {
  db: Db;
  settings: Pick<ApiSettings, 'mode' | 'publicUrl' | 'dataDir' | 'compute'>;
  /** Locally, how often a running notebook's token is minted again (well inside its hour). */
  refreshEveryMs?: number;
  /** Failures of a background refresh, which no request waits for. */
  onRefreshError?: (notebook: string, error: unknown) => void;
}

/** The deployment's id a signed identity request must carry: the portal's host. */
export function notebookServerId(publicUrl: string): string {
  return new URL(publicUrl).host;
}

export function withNotebookCredentials(
  compute: ComputeBackend,
  options: NotebookCredentialsOptions,
): ComputeBackend {
  const { db, settings } = options;
  const inner = compute.notebooks;
  const apiUrl = new URL(settings.publicUrl).origin;
  const refreshEveryMs = options.refreshEveryMs ?? notebookCredentialLifetimeMs / 3;
  const refreshers = new Map<string, NodeJS.Timeout>();

  async function writeLocalToken(notebook: string, owner: ProjectContext): Promise<void> {
    const { token } = await mintNotebookCredentials(db, {
      project: owner.project,
      name: notebook,
      owner: owner.username,
    });
    await writeNotebookTokenFile(notebookTokenFile(settings.dataDir, notebook), token);
  }

  function keepFresh(notebook: string, owner: ProjectContext): void {
    clearInterval(refreshers.get(notebook));
    const timer = setInterval(() => {
      writeLocalToken(notebook, owner).catch((error: unknown) =>
        options.onRefreshError?.(notebook, error),
      );
    }, refreshEveryMs);
    timer.unref();
    refreshers.set(notebook, timer);
  }

  function withCredentialsScript(notebook: string, lifecycle: LifecycleScripts): LifecycleScripts {
    const script = notebookCredentialsScript({
      apiUrl,
      notebook,
      serverId: notebookServerId(settings.publicUrl),
    });
    // Without user-scoped roles every notebook runs as one shared role, which proves no creator.
    if (!settings.compute.userScopedRoles || lifecycle.onStart?.includes(script)) return lifecycle;
    return {
      ...lifecycle,
      onStart: lifecycle.onStart ? `${lifecycle.onStart}\n${script}` : script,
    };
  }

  /** What the notebook starts with: the environment locally, one more start script on AWS. */
  async function credentialsFor(
    notebook: string,
    owner: ProjectContext,
    lifecycle: LifecycleScripts,
    environment: Record<string, string> | undefined,
  ): Promise<{ lifecycle: LifecycleScripts; environment: Record<string, string> | undefined }> {
    if (settings.mode === 'local') {
      await writeLocalToken(notebook, owner);
      keepFresh(notebook, owner);
      return {
        lifecycle,
        environment: {
          ...environment,
          MLSPACE_API_URL: apiUrl,
          MLSPACE_TOKEN_FILE: notebookTokenFile(settings.dataDir, notebook),
        },
      };
    }
    return {
      lifecycle: withCredentialsScript(notebook, lifecycle),
      environment: {
        ...environment,
        MLSPACE_API_URL: apiUrl,
        MLSPACE_TOKEN_FILE: awsNotebookTokenFile,
      },
    };
  }

  async function endCredentials(notebook: string): Promise<void> {
    clearInterval(refreshers.get(notebook));
    refreshers.delete(notebook);
    const record = await db.resources.get('notebook', notebook);
    if (record) await revokeNotebookCredentials(db, record, notebookCredentialsActor);
    if (settings.mode === 'local')
      await removeNotebookTokenFile(notebookTokenFile(settings.dataDir, notebook));
  }

  const notebooks: NotebookBackend = {
    async create(request) {
      const given = await credentialsFor(
        request.name,
        request.owner,
        request.lifecycle,
        request.environment,
      );
      return inner.create({ ...request, ...given });
    },
    describe: (name) => inner.describe(name),
    async start(name, owner, lifecycle, environment) {
      const given = await credentialsFor(name, owner, lifecycle, environment);
      return inner.start(name, owner, given.lifecycle, given.environment);
    },
    async stop(name) {
      await inner.stop(name);
      await endCredentials(name);
    },
    // A new start script on AWS keeps the credentials step after it.
    update: (request) =>
      inner.update(
        settings.mode === 'aws' && request.lifecycle
          ? { ...request, lifecycle: withCredentialsScript(request.name, request.lifecycle) }
          : request,
      ),
    async delete(name) {
      await inner.delete(name);
      await endCredentials(name);
    },
    openUrl: (name, username) => inner.openUrl(name, username),
    logs: (request) => inner.logs(request),
    ...(inner.activity ? { activity: (name: string) => inner.activity!(name) } : {}),
  };
  return { ...compute, notebooks };
}
