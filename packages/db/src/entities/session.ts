import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [gsi1] = tableLayout.globalSecondaryIndexes;

/**
 * A signed-in browser session. The sealed cookie carries only its id, so deleting this item ends
 * that one session. `epoch` is the user's `sessionEpoch` when the session began: moving the
 * user's epoch on (suspension, "sign out everywhere", a new account of the same name) ends every
 * older session in one write. `expiresAt` (epoch seconds) is the table's TTL attribute.
 */
export function createSessionEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'session', version: '1', service: 'mlspace' },
      attributes: {
        id: { type: 'string', required: true, readOnly: true },
        username: { type: 'string', required: true, readOnly: true },
        epoch: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        expiresAt: { type: 'number', required: true, readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: tableLayout.partitionKey, composite: ['id'], template: 'session#${id}' },
          sk: { field: tableLayout.sortKey, composite: [], template: 'session' },
        },
        // "End all of a user's sessions" and "how many are open" are one Query on the user's key.
        byUser: {
          index: gsi1.name,
          pk: {
            field: gsi1.partitionKey,
            composite: ['username'],
            template: 'user#${username}#sessions',
          },
          sk: {
            field: gsi1.sortKey,
            composite: ['createdAt', 'id'],
            template: 'session#${createdAt}#${id}',
          },
        },
      },
    },
    config,
  );
}

export type SessionEntity = ReturnType<typeof createSessionEntity>;
export type SessionItem = EntityItem<SessionEntity>;
