import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { computeKinds } from '@mlspace/core';

import { tableLayout } from '../table';

/**
 * A marker that a resource waits for its backend to finish a transition (a status that is not
 * settled: Pending, InProgress, Creating, Stopping, Deleting...), present exactly while it does:
 * written and removed in the same transaction as the status. The sweep reads them to re-describe
 * resources whose state-change event may have been lost, without reading every resource.
 * - byResource (table): every marker in one partition, by kind and name. Unsettled resources are
 *   few at any time (running jobs, resources changing state), so one partition holds them all.
 */
export function createUnsettledResourceEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'unsettledResource', version: '1', service: 'mlspace' },
      attributes: {
        kind: { type: computeKinds, required: true, readOnly: true },
        name: { type: 'string', required: true, readOnly: true },
        /** When the resource entered an unsettled status (from settled or from nothing). */
        since: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byResource: {
          pk: { field: tableLayout.partitionKey, composite: [], template: 'unsettled' },
          sk: {
            field: tableLayout.sortKey,
            composite: ['kind', 'name'],
            template: 'unsettled#${kind}#${name}',
          },
        },
      },
    },
    config,
  );
}

export type UnsettledResourceEntity = ReturnType<typeof createUnsettledResourceEntity>;
export type UnsettledResourceItem = EntityItem<UnsettledResourceEntity>;
