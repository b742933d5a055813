import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [, , gsi3] = tableLayout.globalSecondaryIndexes;

/** A group dataset shared with one group (group datasets share one namespace, so the name is the key). */
export function createDatasetShareEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'datasetShare', version: '1', service: 'mlspace' },
      attributes: {
        dataset: { type: 'string', required: true, readOnly: true },
        group: { type: 'string', required: true, readOnly: true },
        addedBy: { type: 'string', required: true, readOnly: true },
        addedAt: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byDataset: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['dataset'],
            template: 'datasetshare#${dataset}',
          },
          sk: { field: tableLayout.sortKey, composite: ['group'], template: 'group#${group}' },
        },
        // "Datasets shared with my groups": one Query per group the user belongs to.
        byGroup: {
          index: gsi3.name,
          pk: {
            field: gsi3.partitionKey,
            composite: ['group'],
            template: 'datasetshares#${group}',
          },
          sk: { field: gsi3.sortKey, composite: ['dataset'], template: 'dataset#${dataset}' },
        },
      },
    },
    config,
  );
}

export type DatasetShareEntity = ReturnType<typeof createDatasetShareEntity>;
export type DatasetShareItem = EntityItem<DatasetShareEntity>;
