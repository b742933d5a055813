/**
 * Local mode's single process: DynamoDB Local, local S3 and the development IdP as children or
 * in-process, and one HTTP origin serving /api, /idp and the portal.
 */
import http from 'node:http';

import { DomainError } from '@mlspace/core';
import {
  createLocalComputeBackend,
  describeInstalledPairs,
  installedApertiumPairs,
} from '@mlspace/local';

import { composeServices } from './compose';
import { createSweep, scheduleSweep } from './jobs/sweep';
import { awsComputeBackend } from './compute-backend';
import { readEnv } from './env';
import { toTRPCError } from './errors';
import { createApiHandler } from './http/api-handler';
import { sendFetchResponse, toFetchRequest } from './local/node-bridge';
import { createNotebookProxy } from './local/notebook-proxy';
import { loadPortal } from './local/portal';
import { withEveryRouterLoaded } from './root';
import { localOidcClientSecret } from './local/oidc-client-secret';
import { localSessionSecret } from './local/session-secret';
import { startLocalStack } from './local/stack';
import { resolveSettings } from './settings';

async function main() {
  const startedAt = performance.now();
  const env = readEnv();
  const settings = resolveSettings(env, {
    session: env.MLSPACE_SESSION_SECRET ?? localSessionSecret(env.MLSPACE_DATA_DIR),
    oidcClient: env.OIDC_CLIENT_SECRET ?? localOidcClientSecret,
  });
  const portal = await loadPortal(env.MLSPACE_PORTAL_BUILD_DIR);
  const stack = await startLocalStack(env, settings);

  // MLSPACE_BACKEND picks where compute runs; only local notebooks are served through the proxy.
  const localCompute =
    settings.mode === 'local'
      ? createLocalComputeBackend({ dataDir: settings.dataDir, s3: stack.s3Client })
      : null;
  const compute = localCompute ?? awsComputeBackend(settings, stack.documentClient);
  const services = composeServices(settings, {
    compute,
    documentClient: stack.documentClient,
    healthChecks: stack.healthChecks,
    s3Client: stack.s3Client,
  });
  await services.configService.ensureInitialVersion();
  const handleApi = createApiHandler(services);
  const notebookProxy = localCompute ? createNotebookProxy(services, localCompute.notebooks) : null;
  // Jupyter processes do not survive a restart: notebooks left running are recorded as Stopped.
  const recovered = localCompute ? await localCompute.notebooks.recover() : [];
  if (recovered.length > 0)
    console.log(
      `Notebooks stopped by the last shutdown: ${recovered.join(', ')} (start them again from MLSpace)`,
    );
  const stopSweep = scheduleSweep(
    createSweep({
      db: services.db,
      compute,
      cascade: services.cascade,
      datasetStorage: services.datasetStorage,
      usage: services.usage,
      now: () => new Date(Date.now() + settings.sweep.clockOffsetMs),
    }),
    settings.sweep.intervalMs,
    (summary) => {
      const acted =
        summary.stopped.length +
        summary.deleted.length +
        summary.retried.length +
        summary.failed.length +
        summary.projectsDeleted.length +
        summary.reconciled.length +
        summary.idleStopped.length;
      if (acted > 0)
        console.log(
          `Cost controls: stopped ${summary.stopped.length}, deleted ${summary.deleted.length}, retried ${summary.retried.length}, failed ${summary.failed.length}, reconciled ${summary.reconciled.length}, stopped idle ${summary.idleStopped.length}; projects deleted: ${summary.projectsDeleted.join(', ') || 'none'}`,
        );
    },
  );
  const idpPath = new URL(settings.oidc.issuer).pathname;

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const handle = async () => {
      if (url === idpPath || url.startsWith(`${idpPath}/`)) return stack.idp.handle(req, res);
      if (url.startsWith('/api/'))
        return sendFetchResponse(res, await handleApi(toFetchRequest(req, settings.publicUrl)));
      if (notebookProxy && (await notebookProxy.handle(req, res))) return;
      if (await portal.serveStatic(req, res)) return;
      return sendFetchResponse(
        res,
        await portal.handleDocument(toFetchRequest(req, settings.publicUrl)),
      );
    };
    handle().catch((error: unknown) => {
      // The notebook proxy and the portal reach the database too; a dependency that is down is a 503.
      const unavailable = toTRPCError(error);
      if (unavailable?.code === 'SERVICE_UNAVAILABLE') {
        if (!res.headersSent) res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        return void res.end(unavailable.message);
      }
      console.error(`${req.method} ${url} failed:`, error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  });

  server.on('upgrade', (req, socket, head) => {
    if (!notebookProxy) return void socket.destroy();
    notebookProxy
      .upgrade(req, socket, head)
      .then((handled) => {
        if (!handled) socket.destroy();
      })
      .catch((error: unknown) => {
        console.error(`Upgrade ${req.url} failed:`, error);
        socket.destroy();
      });
  });

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping MLSpace…');
    server.close();
    server.closeAllConnections();
    await stopSweep();
    await compute.shutdown();
    await stack.stop();
    process.exit(0);
  };
  const onSignal = () => {
    shutdown().catch((error: unknown) => {
      console.error('MLSpace could not stop cleanly:', error);
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A closed terminal ends MLSpace the same way, children included.
  process.on('SIGHUP', onSignal);

  await new Promise<void>((resolve) => server.listen(env.PORT, resolve));
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`\nMLSpace is ready at ${settings.publicUrl} (local mode, started in ${seconds} s)`);
  console.log(
    `Sign in as any of: ${stack.users.map((user) => user.username).join(', ')} — password "mlspace" (admin is an administrator)`,
  );
  console.log(describeInstalledPairs(installedApertiumPairs()));
  console.log(`Data is kept in ${settings.dataDir}. Press Ctrl-C to stop.\n`);
  // Routers load on first use to keep a Lambda's cold start short (ADR 023); a local server has
  // no cold start to save, so its first pages should not wait for them.
  withEveryRouterLoaded().catch((error: unknown) =>
    console.error('Could not load the API routers ahead of their first call:', error),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof DomainError ? `MLSpace cannot start: ${error.message}` : error);
  process.exit(1);
});
