import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [gsi1] = tableLayout.globalSecondaryIndexes;

/**
 * A dataset's record; its files live in S3 under the prefix its scope gives it. `scopeId` is the
 * namespace its name is unique in (`global`, `group`, a project, or the creator for private).
 * `groups` mirrors the DatasetShare rows so a list shows sharing without more reads.
 */
export function createDatasetEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'dataset', version: '1', service: 'mlspace' },
      attributes: {
        scope: {
          type: ['global', 'project', 'private', 'group'] as const,
          required: true,
          readOnly: true,
        },
        scopeId: { type: 'string', required: true, readOnly: true },
        name: { type: 'string', required: true, readOnly: true },
        description: { type: 'string', required: true },
        type: { type: 'string', required: true },
        groups: { type: 'list', items: { type: 'string' }, required: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        updatedAt: { type: 'string', required: true },
      },
      indexes: {
        // Global datasets, a user's private datasets, a project's datasets: one partition each.
        byScope: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['scope', 'scopeId'],
            template: 'dataset#${scope}#${scopeId}',
          },
          sk: { field: tableLayout.sortKey, composite: ['name'], template: 'dataset#${name}' },
        },
        // Every dataset for admins, whoever created it and whether or not they still exist.
        allDatasets: {
          index: gsi1.name,
          pk: { field: gsi1.partitionKey, composite: [], template: 'datasets' },
          sk: {
            field: gsi1.sortKey,
            composite: ['scope', 'scopeId', 'name'],
            template: 'dataset#${scope}#${scopeId}#${name}',
          },
        },
      },
    },
    config,
  );
}

export type DatasetEntity = ReturnType<typeof createDatasetEntity>;
export type DatasetItem = EntityItem<DatasetEntity>;
