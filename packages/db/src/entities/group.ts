import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [gsi1, , gsi3] = tableLayout.globalSecondaryIndexes;

/** An admin-managed group of users; linked to projects through ProjectMember rows. */
export function createGroupEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'group', version: '1', service: 'mlspace' },
      attributes: {
        name: { type: 'string', required: true, readOnly: true },
        description: { type: 'string', required: true },
        // Kept in the same transactions as GroupMember rows so lists show sizes without a count query.
        memberCount: { type: 'number', required: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
        /** JSON of a deletion in progress (who asked, the members and projects it had); absent otherwise. */
        deletion: { type: 'string' },
        /** `deleting` puts the group in the sparse `deleting` index; `none` otherwise (see Project). */
        deletionIndex: { type: ['none', 'deleting'] as const, required: true, default: 'none' },
        /**
         * Whether datasets may be listed under this scope (ADR 011): set true before its first
         * dataset or share is written, set false only by a list that found the scope empty and only
         * while unset. Absent means not known yet, so the scope is read; false lets lists skip it.
         */
        holdsDatasets: { type: 'boolean' },
        /**
         * The projects this group is linked to, mirrored so a member's reach is one read of their
         * group rows (packages/db/src/reach.ts). Added in the link's transaction, removed
         * best-effort: a hint that is confirmed against the link rows, never trusted alone.
         */
        linkedProjects: { type: 'set', items: 'string' },
        /** Set on groups created since the mirror exists; without it the link rows are read. */
        linksMirrored: { type: 'boolean' },
      },
      indexes: {
        byName: {
          pk: { field: tableLayout.partitionKey, composite: ['name'], template: 'group#${name}' },
          sk: { field: tableLayout.sortKey, composite: [], template: 'group' },
        },
        allGroups: {
          index: gsi1.name,
          pk: { field: gsi1.partitionKey, composite: [], template: 'groups' },
          sk: { field: gsi1.sortKey, composite: ['name'], template: 'group#${name}' },
        },
        // Sparse: groups whose deletion did not finish, for the sweep to finish.
        deleting: {
          index: gsi3.name,
          condition: (attributes) => attributes.deletionIndex === 'deleting',
          pk: {
            field: gsi3.partitionKey,
            composite: ['deletionIndex'],
            template: 'groups#${deletionIndex}',
          },
          sk: {
            field: gsi3.sortKey,
            composite: ['deletionIndex'],
            template: 'group#${deletionIndex}',
          },
        },
      },
    },
    config,
  );
}

export type GroupEntity = ReturnType<typeof createGroupEntity>;
export type GroupItem = EntityItem<GroupEntity>;
