import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { computeKinds } from '@mlspace/core';

import { tableLayout } from '../table';

/**
 * The instance-hours one resource has recorded over its life (its closed runs and completed
 * days), added in the same transactions as its daily usage rows, for the reports' cost columns.
 * It sits in the resource's own partition; the creation time in the sort key keeps a later
 * resource of the same name from inheriting it.
 * - byResource (table): pk `resource#${kind}#${name}`, sk `usage#${createdAt}`.
 */
export function createResourceUsageEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'resourceUsage', version: '1', service: 'mlspace' },
      attributes: {
        kind: { type: computeKinds, required: true, readOnly: true },
        name: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        instanceHours: { type: 'number' },
      },
      indexes: {
        byResource: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['kind', 'name'],
            template: 'resource#${kind}#${name}',
          },
          sk: {
            field: tableLayout.sortKey,
            composite: ['createdAt'],
            template: 'usage#${createdAt}',
          },
        },
      },
    },
    config,
  );
}

export type ResourceUsageEntity = ReturnType<typeof createResourceUsageEntity>;
export type ResourceUsageItem = EntityItem<ResourceUsageEntity>;
