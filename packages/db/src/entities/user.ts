import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [gsi1, , gsi3] = tableLayout.globalSecondaryIndexes;

/**
 * A person, created on first login. `searchText` is a lowercased copy of username, email and
 * display name so the admin list can filter case-insensitively with one `contains`.
 */
export function createUserEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'user', version: '1', service: 'mlspace' },
      attributes: {
        username: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true },
        displayName: { type: 'string', required: true },
        searchText: { type: 'string', required: true },
        isAdmin: { type: 'boolean', required: true },
        suspended: { type: 'boolean', required: true },
        preferences: { type: 'any', required: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        lastLoginAt: { type: 'string' },
        // Moved on to end every session at once; absent on accounts older than revocable sessions.
        sessionEpoch: { type: 'string' },
        /** JSON of the deletion in progress (who asked, attempts, failures); absent otherwise. */
        deletion: { type: 'string' },
        /** `deleting` while a deletion is in progress, which puts the user in the sparse `deleting` index. */
        deletionIndex: { type: ['none', 'deleting'] as const, required: true, default: 'none' },
      },
      indexes: {
        byUsername: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['username'],
            template: 'user#${username}',
          },
          sk: { field: tableLayout.sortKey, composite: [], template: 'user' },
        },
        // One constant partition sorted by username: the admin user list is a Query, not a Scan.
        allUsers: {
          index: gsi1.name,
          pk: { field: gsi1.partitionKey, composite: [], template: 'users' },
          sk: { field: gsi1.sortKey, composite: ['username'], template: 'user#${username}' },
        },
        // Sparse: only users being deleted, so the sweep finds unfinished deletions with one Query.
        deleting: {
          index: gsi3.name,
          condition: (attributes) => attributes.deletionIndex === 'deleting',
          pk: {
            field: gsi3.partitionKey,
            composite: ['deletionIndex'],
            template: 'users#${deletionIndex}',
          },
          // As for projects: a composite every write of the index states, not the username.
          sk: {
            field: gsi3.sortKey,
            composite: ['deletionIndex'],
            template: 'user#${deletionIndex}',
          },
        },
      },
    },
    config,
  );
}

export type UserEntity = ReturnType<typeof createUserEntity>;
export type UserItem = EntityItem<UserEntity>;

export function userSearchText(user: {
  username: string;
  email: string;
  displayName: string;
}): string {
  return `${user.username}\n${user.email}\n${user.displayName}`.toLowerCase();
}
