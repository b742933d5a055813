import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

/**
 * The history of a group's membership. Keyed by group name, so it outlives the group (the
 * `group_deleted` rows stay readable) and a re-created group of the same name continues it.
 */
export function createGroupMembershipEventEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'groupMembershipEvent', version: '1', service: 'mlspace' },
      attributes: {
        id: { type: 'string', required: true, readOnly: true },
        group: { type: 'string', required: true, readOnly: true },
        username: { type: 'string', required: true, readOnly: true },
        action: {
          type: ['added', 'removed', 'group_deleted'] as const,
          required: true,
          readOnly: true,
        },
        actionedBy: { type: 'string', required: true, readOnly: true },
        actionedAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byGroup: {
          pk: { field: tableLayout.partitionKey, composite: ['group'], template: 'group#${group}' },
          sk: {
            field: tableLayout.sortKey,
            composite: ['actionedAt', 'id'],
            template: 'event#${actionedAt}#${id}',
          },
        },
      },
    },
    config,
  );
}

export type GroupMembershipEventEntity = ReturnType<typeof createGroupMembershipEventEntity>;
export type GroupMembershipEventItem = EntityItem<GroupMembershipEventEntity>;
