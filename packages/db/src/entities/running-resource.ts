import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { computeKinds } from '@mlspace/core';

import { tableLayout } from '../table';

const [gsi1, gsi2] = tableLayout.globalSecondaryIndexes;

/**
 * A marker that a resource is running (holds instances), present exactly while its Resource's
 * status is a running one: written and removed in the same transaction as that status. Running
 * resources are few among everything a project or user ever created, so the overview and the
 * dashboard read these small partitions instead of filtering every resource of every kind.
 * - byProject (table): a project's running resources, by kind and name.
 * - byOwner (gsi1): a user's running resources across projects, by kind and name.
 * - all (gsi2): every running resource, by kind and name (the admin usage view counts them live).
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
        /** Until when its use is in the daily usage rows (usage.ts); absent on older markers: since. */
        meteredFrom: { type: 'string' },
        /** What it holds, so what runs can be counted without reading each Resource. */
        instanceType: { type: 'string' },
        instanceCount: { type: 'number' },
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
        all: {
          index: gsi2.name,
          pk: { field: gsi2.partitionKey, composite: [], template: 'running' },
          sk: {
            field: gsi2.sortKey,
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
