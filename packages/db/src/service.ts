import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { createDatasetPageCache, type DatasetPageCacheOptions } from './dataset-page-cache';
import type { EpochKeptOptions } from './epoch-kept';
import { createModel, type Context } from './model';
import { createReachCache, type ReachCacheOptions } from './reach-cache';
import { createApiTokensRepository } from './repositories/api-tokens';
import { createAuditRepository } from './repositories/audit';
import { createBudgetsRepository } from './repositories/budgets';
import { createConfigRepository } from './repositories/config';
import { createCostControlsRepository } from './repositories/cost-controls';
import { createDatasetsRepository } from './repositories/datasets';
import { createProjectAccessRepository } from './repositories/project-access';
import { createGroupsRepository } from './repositories/groups';
import { createLabelingRepository } from './repositories/labeling';
import { createMembershipRepository } from './repositories/membership';
import { createModelUsageRepository } from './repositories/model-usage';
import { createProjectsRepository } from './repositories/projects';
import { createQuotasRepository } from './repositories/quotas';
import { createReportsRepository } from './repositories/reports';
import { walkAllResources } from './repositories/resource-walk';
import { createResourcesRepository } from './repositories/resources';
import { createRunningRepository } from './repositories/running';
import { createSessionsRepository } from './repositories/sessions';
import { createUnsettledRepository } from './repositories/unsettled';
import { createUsageRepository } from './repositories/usage';
import { createUsersRepository } from './repositories/users';

export interface CreateDbOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The clock, injectable for tests; ISO 8601 strings. */
  now?: () => string;
  /** Bounds and timings of the in-process reach cache (ADR 011, "The reach cache"). */
  reachCache?: ReachCacheOptions;
  /** Bounds and timings of the in-process dataset page cache (ADR 011, "The dataset page cache"). */
  datasetPageCache?: DatasetPageCacheOptions;
  /** Bounds and timings of the in-process project access cache (ADR 011, "The project access cache"). */
  projectAccessCache?: EpochKeptOptions;
}

/** The data layer routers use: repositories per domain, returning plain views, never entities. */
export function createDb(options: CreateDbOptions) {
  const context: Context = {
    model: createModel(options.client, options.tableName),
    client: options.client,
    table: options.tableName,
    now: options.now ?? (() => new Date().toISOString()),
  };
  // One per database handle: "my projects" and "datasets I can see" read the same reach.
  const reach = createReachCache(context, options.reachCache);
  const projects = createProjectsRepository(context, reach);
  const membership = createMembershipRepository(context);
  return {
    users: createUsersRepository(context),
    projects,
    membership,
    /** A project and a user's role in it, as every project-scoped request is decided on. */
    projectAccess: createProjectAccessRepository(
      context,
      projects,
      membership,
      options.projectAccessCache,
    ),
    groups: createGroupsRepository(context),
    audit: createAuditRepository(context),
    resources: createResourcesRepository(context),
    running: createRunningRepository(context),
    /** Resources waiting for their backend; the sweep re-describes them (missed events). */
    unsettled: createUnsettledRepository(context),
    config: createConfigRepository(context),
    datasets: createDatasetsRepository(
      context,
      reach,
      createDatasetPageCache(options.datasetPageCache),
    ),
    costControls: createCostControlsRepository(context),
    /** Monthly budgets, their markers for the sweep, threshold warnings written once. */
    budgets: createBudgetsRepository(context),
    /** Daily instance-hours per project, kind, user and type, and what runs now (usage view). */
    usage: createUsageRepository(context),
    /** Quota overrides, usage counters and their reconcile (ADR 021). */
    quotas: createQuotasRepository(context),
    reports: createReportsRepository(context),
    sessions: createSessionsRepository(context),
    /** Local labeling: objects, workers' queues and answers, tallies (ADR 015). */
    labeling: createLabelingRepository(context),
    /** Personal API tokens and notebooks' credentials (hashes only). */
    apiTokens: createApiTokensRepository(context),
    /** Foundation-model playground usage per project, user, model and month (ADR 017). */
    modelUsage: createModelUsageRepository(context),
    /** Every resource of every project, page by page, for admin reports (Queries only). */
    walkAllResources: (options?: { concurrency?: number }) => walkAllResources(context, options),
  };
}

export type Db = ReturnType<typeof createDb>;
