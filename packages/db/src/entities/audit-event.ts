import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [gsi1, gsi2, gsi3] = tableLayout.globalSecondaryIndexes;

/**
 * One change anyone made. `changes` is a JSON string of `{ before, after }` so any entity's
 * shape fits without a schema per target type. The GSI sort keys are only `at`: GSI keys need
 * not be unique, and a bare timestamp makes `from`/`to` ranges exact.
 */
export function createAuditEventEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'auditEvent', version: '1', service: 'mlspace' },
      attributes: {
        id: { type: 'string', required: true, readOnly: true },
        actor: { type: 'string', required: true, readOnly: true },
        action: { type: 'string', required: true, readOnly: true },
        targetType: { type: 'string', required: true, readOnly: true },
        targetId: { type: 'string', required: true, readOnly: true },
        changes: { type: 'string', required: true, readOnly: true },
        at: { type: 'string', required: true, readOnly: true },
        /** The credential the actor used when it was not their sign-in: `apiToken <id> (<name>)`. */
        via: { type: 'string', readOnly: true },
      },
      indexes: {
        byId: {
          pk: { field: tableLayout.partitionKey, composite: ['id'], template: 'audit#${id}' },
          sk: { field: tableLayout.sortKey, composite: [], template: 'audit' },
        },
        // A constant partition ordered by time; see README for why not a partition per day.
        allByTime: {
          index: gsi1.name,
          pk: { field: gsi1.partitionKey, composite: [], template: 'audit' },
          sk: { field: gsi1.sortKey, composite: ['at'], template: 'at#${at}' },
        },
        byActor: {
          index: gsi2.name,
          pk: { field: gsi2.partitionKey, composite: ['actor'], template: 'actor#${actor}' },
          sk: { field: gsi2.sortKey, composite: ['at'], template: 'at#${at}' },
        },
        byTarget: {
          index: gsi3.name,
          pk: {
            field: gsi3.partitionKey,
            composite: ['targetType', 'targetId'],
            template: 'target#${targetType}#${targetId}',
          },
          sk: { field: gsi3.sortKey, composite: ['at'], template: 'at#${at}' },
        },
      },
    },
    config,
  );
}

export type AuditEventEntity = ReturnType<typeof createAuditEventEntity>;
export type AuditEventItem = EntityItem<AuditEventEntity>;
