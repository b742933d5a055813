import type { OidcRelyingParty } from '@mlspace/auth';
import type { UserView } from '@mlspace/core';
import { createDb, type Db } from '@mlspace/db';
import { createTestTable } from '@mlspace/db/testing';

import { createContextInner, type CallerResolution } from '../src/context';
import { createProjectCascade } from '../src/services/cascade';
import { unavailableComputeBackend } from '../src/services/compute';
import { createConfigService } from '../src/services/config-service';
import { createUsageService } from '../src/services/usage';
import { createFakeDatasetStorage } from './fake-dataset-storage';
import { createFakeReportStorage } from './fake-report-storage';
import { createCaller } from '../src/root';
import type { ApiServices } from '../src/services';
import { resolveSettings } from '../src/settings';
import { readEnv } from '../src/env';

export const testSessionSecret = 'integration-test-session-secret-0123456789';

/** An IdP stand-in for tests that never sign in through HTTP; bearer tests use msw instead. */
const noIdentityProvider: OidcRelyingParty = {
  authorizationUrl: () => Promise.reject(new Error('not used in this test')),
  exchangeCode: () => Promise.reject(new Error('not used in this test')),
  endSessionUrl: () => Promise.resolve(null),
  verifyBearerToken: () => Promise.reject(new Error('not used in this test')),
};

/** Real services on a fresh DynamoDB Local table. */
export async function createTestServices(
  overrides: Partial<ApiServices> = {},
): Promise<ApiServices> {
  const { client, tableName } = await createTestTable();
  const settings = resolveSettings(
    readEnv({ MLSPACE_PUBLIC_URL: 'http://localhost:3999', DYNAMODB_TABLE: tableName }),
    {
      session: testSessionSecret,
      oidcClient: 'integration-test-client-secret',
    },
  );
  // Services built on the database are built on the one the test passes, if it passes one.
  const db = overrides.db ?? createDb({ client, tableName });
  return {
    settings,
    db,
    oidc: noIdentityProvider,
    healthChecks: {},
    cascade: createProjectCascade(),
    configService: createConfigService({ db, mode: settings.mode, cacheMs: 0 }),
    // In memory; tests that move real bytes pass the S3 adapter on s3rver (see datasets.integration.test.ts).
    datasetStorage: createFakeDatasetStorage(settings.s3.dataBucket),
    // Notebook tests pass a local backend (see notebooks.integration.test.ts).
    compute: unavailableComputeBackend(),
    reportStorage: createFakeReportStorage(),
    usage: createUsageService({ db, region: settings.dynamoDb.region }),
    ...overrides,
  };
}

/** The real router, called as `user` (or anonymously with null), without HTTP. */
export function callerFor(services: ApiServices, user: UserView | null) {
  const resolution: CallerResolution = {
    caller: user ? { user, via: 'bearer' } : null,
    authError: null,
  };
  return createCaller(createContextInner(services, resolution));
}

let sequence = 0;
/** Registers a user as a first sign-in would. */
export async function signedUpUser(
  db: Db,
  options: { admin?: boolean; suspended?: boolean; username?: string } = {},
) {
  sequence += 1;
  const username = options.username ?? `u${sequence}${Math.random().toString(36).slice(2, 7)}`;
  const user = await db.users.recordLogin({
    username,
    email: `${username}@example.com`,
    displayName: `User ${username}`,
    suspendedIfNew: false,
    adminIfNew: options.admin ?? false,
  });
  return options.suspended ? db.users.setSuspended(username, true, 'test') : user;
}
