import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [, gsi2] = tableLayout.globalSecondaryIndexes;

/** A user in a group. Its gsi2 partition `user#<name>` is shared with the user's ProjectMember rows. */
export function createGroupMemberEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'groupMember', version: '1', service: 'mlspace' },
      attributes: {
        group: { type: 'string', required: true, readOnly: true },
        username: { type: 'string', required: true, readOnly: true },
        addedBy: { type: 'string', required: true, readOnly: true },
        addedAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byGroup: {
          pk: { field: tableLayout.partitionKey, composite: ['group'], template: 'group#${group}' },
          sk: {
            field: tableLayout.sortKey,
            composite: ['username'],
            template: 'member#${username}',
          },
        },
        byUser: {
          index: gsi2.name,
          pk: { field: gsi2.partitionKey, composite: ['username'], template: 'user#${username}' },
          sk: { field: gsi2.sortKey, composite: ['group'], template: 'group#${group}' },
        },
      },
    },
    config,
  );
}

export type GroupMemberEntity = ReturnType<typeof createGroupMemberEntity>;
export type GroupMemberItem = EntityItem<GroupMemberEntity>;
