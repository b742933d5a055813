import { lazy } from '@trpc/server';

import { meRouter } from './routers/me';
import { systemRouter } from './routers/system';
import { createCallerFactory, router } from './trpc';

/**
 * A router built from its module on the first call to one of its procedures: its zod inputs,
 * procedures and the services only it uses stay out of a Lambda's cold start (ADR 023). The
 * import() names the router's own module, so the bundle splits there.
 */
function onFirstCall<TRecord extends Parameters<typeof router>[0]>(load: () => Promise<TRecord>) {
  return lazy<ReturnType<typeof router<TRecord>>>(async () => router(await load()));
}

/** Every page calls system (public settings) and me; the rest load on first use. */
export const appRouter = router({
  system: systemRouter,
  me: meRouter,
  apiTokens: onFirstCall(async () => (await import('./routers/api-tokens')).apiTokensRouter),
  users: onFirstCall(async () => (await import('./routers/users')).usersRouter),
  projects: onFirstCall(async () => {
    const [{ projectsRouter }, { costControlsProcedures }, { quotaProcedures }] = await Promise.all(
      [import('./routers/projects'), import('./routers/cost-controls'), import('./routers/quotas')],
    );
    return { ...projectsRouter, ...costControlsProcedures, ...quotaProcedures };
  }),
  groups: onFirstCall(async () => (await import('./routers/groups')).groupsRouter),
  audit: onFirstCall(async () => (await import('./routers/audit')).auditRouter),
  config: onFirstCall(async () => (await import('./routers/config')).configRouter),
  datasets: onFirstCall(async () => (await import('./routers/datasets')).datasetsRouter),
  notebooks: onFirstCall(async () => (await import('./routers/notebooks')).notebooksRouter),
  notebookCredentials: onFirstCall(
    async () => (await import('./routers/notebook-credentials')).notebookCredentialsRouter,
  ),
  training: onFirstCall(async () => (await import('./routers/training')).trainingRouter),
  tuning: onFirstCall(async () => (await import('./routers/tuning')).tuningRouter),
  transform: onFirstCall(async () => (await import('./routers/transform')).transformRouter),
  models: onFirstCall(async () => (await import('./routers/models')).modelsRouter),
  endpointConfigs: onFirstCall(
    async () => (await import('./routers/endpoint-configs')).endpointConfigsRouter,
  ),
  endpoints: onFirstCall(async () => (await import('./routers/endpoints')).endpointsRouter),
  labeling: onFirstCall(async () => (await import('./routers/labeling')).labelingRouter),
  clusters: onFirstCall(async () => (await import('./routers/clusters')).clustersRouter),
  translation: onFirstCall(async () => (await import('./routers/translation')).translationRouter),
  playground: onFirstCall(async () => (await import('./routers/playground')).playgroundRouter),
  resources: onFirstCall(async () => (await import('./routers/resources')).resourcesRouter),
  reports: onFirstCall(async () => (await import('./routers/reports')).reportsRouter),
  usage: onFirstCall(async () => (await import('./routers/usage')).usageRouter),
});

/**
 * The app router with every lazy router loaded, so `_def.procedures` lists every procedure (the
 * OpenAPI document, the tests that go through all of them).
 */
export async function withEveryRouterLoaded(): Promise<typeof appRouter> {
  for (
    let pending = Object.values(appRouter._def.lazy);
    pending.length > 0;
    pending = Object.values(appRouter._def.lazy)
  )
    await Promise.all(pending.map((loader) => loader.load()));
  return appRouter;
}

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
