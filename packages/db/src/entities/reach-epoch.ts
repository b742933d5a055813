import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

/**
 * The authorization epoch (ADR 011, "The reach cache"): one item whose counter moves on in the
 * same transaction as every write to a project, group or membership row. A process may reuse what
 * it read of a user's reach only while this counter, read strongly consistently, has not moved.
 * `datasetEpoch` does the same for dataset and share rows ("The dataset page cache"): one item,
 * so one strongly consistent read serves both.
 */
export function createReachEpochEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'reachEpoch', version: '1', service: 'mlspace' },
      attributes: {
        epoch: { type: 'number', required: true, default: 0 },
        // Absent until the first dataset write (items written before it was added).
        datasetEpoch: { type: 'number' },
      },
      indexes: {
        byKey: {
          pk: { field: tableLayout.partitionKey, composite: [], template: 'reach#epoch' },
          sk: { field: tableLayout.sortKey, composite: [], template: 'reach#epoch' },
        },
      },
    },
    config,
  );
}

export type ReachEpochEntity = ReturnType<typeof createReachEpochEntity>;
export type ReachEpochItem = EntityItem<ReachEpochEntity>;
