import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

import { createModel, type Context } from './model';
import { createAuditRepository } from './repositories/audit';
import { createUsersRepository } from './repositories/users';

export interface CreateDbOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The clock, injectable for tests; ISO 8601 strings. */
  now?: () => string;
}

/** The data layer routers use: repositories per domain, returning plain views, never entities. */
export function createDb(options: CreateDbOptions) {
  const context: Context = {
    model: createModel(options.client, options.tableName),
    client: options.client,
    table: options.tableName,
    now: options.now ?? (() => new Date().toISOString()),
  };
  return {
    users: createUsersRepository(context),
    audit: createAuditRepository(context),
  };
}

export type Db = ReturnType<typeof createDb>;
