import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { computeKinds } from '@mlspace/core';

import { tableLayout } from '../table';

const [gsi1] = tableLayout.globalSecondaryIndexes;

/**
 * A marker that a resource is running (holds instances), present exactly while its Resource's
 * status is a running one: written and removed in the same transaction as that status. Running
 * resources are few among everything a project or user ever created, so the overview and the
 * dashboard read these small partitions instead of filtering every resource of every kind.
 * - byProject (table): a project's running resources, by kind and name.
 * - byOwner (gsi1): a user's running resources across projects, by kind and name.
 */
export function createRunningResourceEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'runningResource', version: '1', service: 'mlspace' },
      attributes: {
        kind: { type: computeKinds, required: true, readOnly: true },
        name: { type: 'string', required: true, readOnly: true },
        project: { type: 'string', required: true, readOnly: true },
        owner: { type: 'string', required: true, readOnly: true },
        since: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byProject: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['project'],
            template: 'project#${project}#running',
          },
          sk: {
            field: tableLayout.sortKey,
            composite: ['kind', 'name'],
            template: 'running#${kind}#${name}',
          },
        },
        byOwner: {
          index: gsi1.name,
          pk: {
            field: gsi1.partitionKey,
            composite: ['owner'],
            template: 'user#${owner}#running',
          },
          sk: {
            field: gsi1.sortKey,
            composite: ['kind', 'name'],
            template: 'running#${kind}#${name}',
          },
        },
      },
    },
    config,
  );
}

export type RunningResourceEntity = ReturnType<typeof createRunningResourceEntity>;
export type RunningResourceItem = EntityItem<RunningResourceEntity>;
