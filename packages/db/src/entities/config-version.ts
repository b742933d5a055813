import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

/**
 * One version of the dynamic configuration. Versions are append-only: a save creates version
 * N+1 with attribute_not_exists, so two concurrent saves from version N cannot both win. The sort
 * key is zero-padded so the newest version is the first of a descending Query.
 */
export function createConfigVersionEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'configVersion', version: '1', service: 'mlspace' },
      attributes: {
        scope: { type: 'string', required: true, readOnly: true },
        version: {
          type: 'number',
          required: true,
          readOnly: true,
          padding: { length: 10, char: '0' },
        },
        document: { type: 'string', required: true, readOnly: true },
        changedBy: { type: 'string', required: true, readOnly: true },
        changedAt: { type: 'string', required: true, readOnly: true },
        reason: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byVersion: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['scope'],
            template: 'config#${scope}',
          },
          sk: {
            field: tableLayout.sortKey,
            composite: ['version'],
            template: 'version#${version}',
          },
        },
      },
    },
    config,
  );
}

export type ConfigVersionEntity = ReturnType<typeof createConfigVersionEntity>;
export type ConfigVersionItem = EntityItem<ConfigVersionEntity>;
