import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { computeKinds } from '@mlspace/core';

import { tableLayout } from '../table';

const [gsi1] = tableLayout.globalSecondaryIndexes;

/**
 * Instance-hours one user's resources of one kind and instance type used in a project on one UTC
 * day. Closed running intervals are added (`ADD instanceHours`) in the same transaction as the
 * status change that closes them, so the stored days never miss or double a stop; what runs now is
 * counted live on read. Cost is estimated on read from the price table, so a new table re-prices
 * past months too.
 * - byProjectMonth (table): a project's days of one month, by day.
 * - byMonth (gsi1): every project's days of one month (the admin view), by project and day.
 */
export function createUsageDayEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'usageDay', version: '1', service: 'mlspace' },
      attributes: {
        project: { type: 'string', required: true, readOnly: true },
        /** YYYY-MM, the budget period (UTC). */
        month: { type: 'string', required: true, readOnly: true },
        /** YYYY-MM-DD (UTC). */
        day: { type: 'string', required: true, readOnly: true },
        kind: { type: computeKinds, required: true, readOnly: true },
        owner: { type: 'string', required: true, readOnly: true },
        instanceType: { type: 'string', required: true, readOnly: true },
        instanceHours: { type: 'number' },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        byProjectMonth: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['project', 'month'],
            template: 'project#${project}#usage#${month}',
          },
          sk: {
            field: tableLayout.sortKey,
            composite: ['day', 'kind', 'owner', 'instanceType'],
            template: 'day#${day}#${kind}#${owner}#${instanceType}',
          },
        },
        byMonth: {
          index: gsi1.name,
          pk: { field: gsi1.partitionKey, composite: ['month'], template: 'usage#${month}' },
          sk: {
            field: gsi1.sortKey,
            composite: ['project', 'day', 'kind', 'owner', 'instanceType'],
            template: 'project#${project}#day#${day}#${kind}#${owner}#${instanceType}',
          },
        },
      },
    },
    config,
  );
}

export type UsageDayEntity = ReturnType<typeof createUsageDayEntity>;
export type UsageDayItem = EntityItem<UsageDayEntity>;
