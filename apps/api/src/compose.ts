import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { createOidcRelyingParty } from '@mlspace/auth';
import type { ComputeBackend } from '@mlspace/core';
import { createDb } from '@mlspace/db';

import type { ApiServices } from './services';
import { createProjectCascade } from './services/cascade';
import { applyComputeEvents, unavailableComputeBackend } from './services/compute';
import { withSessionCache } from './services/cached-sessions';
import { withUserCache } from './services/cached-users';
import { withLocalLabeling } from './services/labeling/local-backend';
import { withNotebookCredentials } from './services/notebook-credentials/with-notebook-credentials';
import { createConfigService } from './services/config-service';
import { configuredPoliciesInIam } from './services/configured-iam-policies';
import { registerModelUsageCascade } from './services/playground/usage-cascade';
import { registerProjectDataCascades } from './services/project-data-cascades';
import { createResourceActions } from './services/resource-actions';
import { registerResourceCascades } from './services/resource-cascades';
import { createUsageService } from './services/usage';
import { lazyDataBucketStorage } from './services/lazy-storage';
import { registerUsageCascade } from './services/usage-cascade';
import type { ApiSettings } from './settings';

export interface ServiceDependencies {
  documentClient: DynamoDBDocumentClient;
  healthChecks: ApiServices['healthChecks'];
  /** S3 (s3rver locally); when absent, a client for the deployment's region. */
  s3Client?: S3Client;
  /** The compute backend; when absent, compute procedures report themselves unavailable. */
  compute?: ComputeBackend;
}

/** Builds the services every entry point shares (local server, Lambda); only clients differ by mode. */
export function composeServices(
  settings: ApiSettings,
  dependencies: ServiceDependencies,
): ApiServices {
  const repositories = createDb({
    client: dependencies.documentClient,
    tableName: settings.dynamoDb.tableName,
  });
  const db = {
    ...repositories,
    users: withUserCache(repositories.users, 2_000),
    sessions: withSessionCache(repositories.sessions, 2_000),
  };
  // S3 and the OIDC client load on their first use, off a Lambda's cold start.
  const { datasetStorage, reportStorage, objects } = lazyDataBucketStorage({
    bucket: settings.s3.dataBucket,
    region: settings.s3.region,
    client: dependencies.s3Client,
  });
  // Locally MLSpace itself is the labeling tool (ADR 015); every notebook gets MLSpace
  // credentials of its own (ADR 020).
  const compute = withNotebookCredentials(
    withLocalLabeling(dependencies.compute ?? unavailableComputeBackend(), {
      db,
      objects,
      bucket: settings.s3.dataBucket,
    }),
    {
      db,
      settings,
      onRefreshError: (notebook, error) =>
        console.error(`Could not refresh notebook ${notebook}'s MLSpace credentials:`, error),
    },
  );
  const cascade = createProjectCascade();
  registerResourceCascades(cascade, db, createResourceActions({ db, compute }));
  registerProjectDataCascades(cascade, {
    db,
    datasetStorage,
    compute,
  });
  registerModelUsageCascade(cascade, db);
  registerUsageCascade(cascade, db);
  applyComputeEvents(db, compute, (error, event) =>
    console.error(`Could not record ${event.kind} ${event.name} ${event.status}:`, error),
  );
  return {
    settings,
    db,
    oidc: createOidcRelyingParty(settings.oidc),
    healthChecks: dependencies.healthChecks,
    cascade,
    configService: createConfigService({
      db,
      mode: settings.mode,
      applyToIam: configuredPoliciesInIam(settings),
    }),
    datasetStorage,
    reportStorage,
    usage: createUsageService({ db, region: settings.dynamoDb.region }),
    objects,
    compute,
  };
}
