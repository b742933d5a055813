import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [gsi1, gsi2] = tableLayout.globalSecondaryIndexes;

/**
 * A personal API token or a notebook's short-lived credentials. Only the SHA-256 of the secret is
 * kept; the id (in the token's text) finds the item with one GetItem. `expiresAt` is an ISO
 * instant stored as `tokenExpiresAt`, because the table's TTL attribute is also called
 * `expiresAt`: `purgeAt` (epoch seconds) is that TTL, a while after expiry, so a refused token
 * can still say it expired or was revoked before DynamoDB removes it.
 */
export function createApiTokenEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'apiToken', version: '1', service: 'mlspace' },
      attributes: {
        id: { type: 'string', required: true, readOnly: true },
        owner: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true, readOnly: true },
        kind: { type: ['personal', 'notebook'] as const, required: true, readOnly: true },
        scope: { type: ['read', 'write'] as const, required: true, readOnly: true },
        projects: { type: 'list', items: { type: 'string' }, required: true, readOnly: true },
        /** `<project>/<notebook>` for a notebook's credentials. */
        notebook: { type: 'string', readOnly: true },
        secretHash: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        expiresAt: { type: 'string', required: true, readOnly: true, field: 'tokenExpiresAt' },
        purgeAt: {
          type: 'number',
          required: true,
          field: tableLayout.timeToLiveAttribute,
        },
        lastUsedAt: { type: 'string' },
        revokedAt: { type: 'string' },
        revokedBy: { type: 'string' },
      },
      indexes: {
        byId: {
          pk: { field: tableLayout.partitionKey, composite: ['id'], template: 'apitoken#${id}' },
          sk: { field: tableLayout.sortKey, composite: [], template: 'apitoken' },
        },
        // A user's tokens of one kind, newest first: their settings list, and revoking them all.
        byOwner: {
          index: gsi1.name,
          pk: {
            field: gsi1.partitionKey,
            composite: ['owner', 'kind'],
            template: 'user#${owner}#apitokens#${kind}',
          },
          sk: {
            field: gsi1.sortKey,
            composite: ['createdAt', 'id'],
            template: 'apitoken#${createdAt}#${id}',
          },
        },
        // Every token of one kind, newest first, for the admin list (a constant partition, as
        // the audit trail's: token creation is rare, far below a partition's write rate).
        allByTime: {
          index: gsi2.name,
          pk: { field: gsi2.partitionKey, composite: ['kind'], template: 'apitokens#${kind}' },
          sk: {
            field: gsi2.sortKey,
            composite: ['createdAt', 'id'],
            template: 'apitoken#${createdAt}#${id}',
          },
        },
      },
    },
    config,
  );
}

export type ApiTokenEntity = ReturnType<typeof createApiTokenEntity>;
export type ApiTokenItem = EntityItem<ApiTokenEntity>;
