import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { computeKinds } from '@mlspace/core';

import { tableLayout } from '../table';

/**
 * A project's instance-hours of one month per kind and instance type: the month's days summed,
 * added in the same transactions as the UsageDay rows, so a budget check reads a handful of rows
 * instead of every day of every user (the admission gate runs it on every create).
 * - byProjectMonth (table): pk `project#${project}#usage-totals#${month}`, sk
 *   `total#${kind}#${instanceType}`. A partition of its own rather than the days': a Query in a
 *   partition of hundreds of day rows cost three times as much on DynamoDB Local.
 */
export function createUsageMonthEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'usageMonth', version: '1', service: 'mlspace' },
      attributes: {
        project: { type: 'string', required: true, readOnly: true },
        month: { type: 'string', required: true, readOnly: true },
        kind: { type: computeKinds, required: true, readOnly: true },
        instanceType: { type: 'string', required: true, readOnly: true },
        instanceHours: { type: 'number' },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byProjectMonth: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['project', 'month'],
            template: 'project#${project}#usage-totals#${month}',
          },
          sk: {
            field: tableLayout.sortKey,
            composite: ['kind', 'instanceType'],
            template: 'total#${kind}#${instanceType}',
          },
        },
      },
    },
    config,
  );
}

export type UsageMonthEntity = ReturnType<typeof createUsageMonthEntity>;
export type UsageMonthItem = EntityItem<UsageMonthEntity>;
