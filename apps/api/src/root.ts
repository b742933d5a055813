import { apiTokensRouter } from './routers/api-tokens';
import { auditRouter } from './routers/audit';
import { clustersRouter } from './routers/clusters';
import { configRouter } from './routers/config';
import { datasetsRouter } from './routers/datasets';
import { groupsRouter } from './routers/groups';
import { labelingRouter } from './routers/labeling';
import { meRouter } from './routers/me';
import { endpointConfigsRouter } from './routers/endpoint-configs';
import { endpointsRouter } from './routers/endpoints';
import { modelsRouter } from './routers/models';
import { notebookCredentialsRouter } from './routers/notebook-credentials';
import { notebooksRouter } from './routers/notebooks';
import { playgroundRouter } from './routers/playground';
import { costControlsProcedures } from './routers/cost-controls';
import { quotaProcedures } from './routers/quotas';
import { projectsRouter } from './routers/projects';
import { reportsRouter } from './routers/reports';
import { resourcesRouter } from './routers/resources';
import { systemRouter } from './routers/system';
import { trainingRouter } from './routers/training';
import { transformRouter } from './routers/transform';
import { translationRouter } from './routers/translation';
import { tuningRouter } from './routers/tuning';
import { usageRouter } from './routers/usage';
import { usersRouter } from './routers/users';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  system: systemRouter,
  me: meRouter,
  apiTokens: apiTokensRouter,
  users: usersRouter,
  projects: { ...projectsRouter, ...costControlsProcedures, ...quotaProcedures },
  groups: groupsRouter,
  audit: auditRouter,
  config: configRouter,
  datasets: datasetsRouter,
  notebooks: notebooksRouter,
  notebookCredentials: notebookCredentialsRouter,
  training: trainingRouter,
  tuning: tuningRouter,
  transform: transformRouter,
  models: modelsRouter,
  endpointConfigs: endpointConfigsRouter,
  endpoints: endpointsRouter,
  labeling: labelingRouter,
  clusters: clustersRouter,
  translation: translationRouter,
  playground: playgroundRouter,
  resources: resourcesRouter,
  reports: reportsRouter,
  usage: usageRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
