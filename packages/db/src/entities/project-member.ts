import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [, gsi2] = tableLayout.globalSecondaryIndexes;

/**
 * A principal's role in a project; the principal is a user or a group. The reverse index puts a
 * user's project rows in the partition `user#<name>` on gsi2, the same partition that holds
 * their group rows (GroupMember), so "my projects" reads both with one Query.
 */
export function createProjectMemberEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'projectMember', version: '1', service: 'mlspace' },
      attributes: {
        project: { type: 'string', required: true, readOnly: true },
        principalType: { type: ['user', 'group'] as const, required: true, readOnly: true },
        principalId: { type: 'string', required: true, readOnly: true },
        role: { type: ['owner', 'member'] as const, required: true },
        addedBy: { type: 'string', required: true, readOnly: true },
        addedAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byProject: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['project'],
            template: 'project#${project}',
          },
          sk: {
            field: tableLayout.sortKey,
            composite: ['principalType', 'principalId'],
            template: 'member#${principalType}#${principalId}',
          },
        },
        byPrincipal: {
          index: gsi2.name,
          pk: {
            field: gsi2.partitionKey,
            composite: ['principalType', 'principalId'],
            template: '${principalType}#${principalId}',
          },
          sk: { field: gsi2.sortKey, composite: ['project'], template: 'project#${project}' },
        },
      },
    },
    config,
  );
}

export type ProjectMemberEntity = ReturnType<typeof createProjectMemberEntity>;
export type ProjectMemberItem = EntityItem<ProjectMemberEntity>;
