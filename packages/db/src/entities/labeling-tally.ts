import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

/**
 * The counts of a local labeling job, kept in the same transactions as the changes they count:
 * one row for the job (`worker` is `*`: total, labeled and failed objects) and one per worker
 * (assigned and answered), so progress and per-worker counts are one Query.
 * - byJob (table): pk `labeling#${job}`, sk `tally#${worker}`.
 */
export function createLabelingTallyEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'labelingTally', version: '1', service: 'mlspace' },
      attributes: {
        job: { type: 'string', required: true, readOnly: true },
        worker: { type: 'string', required: true, readOnly: true },
        assigned: { type: 'number', required: true, default: 0 },
        answered: { type: 'number', required: true, default: 0 },
        labeled: { type: 'number', required: true, default: 0 },
        failed: { type: 'number', required: true, default: 0 },
      },
      indexes: {
        byJob: {
          pk: { field: tableLayout.partitionKey, composite: ['job'], template: 'labeling#${job}' },
          sk: { field: tableLayout.sortKey, composite: ['worker'], template: 'tally#${worker}' },
        },
      },
    },
    config,
  );
}

export type LabelingTallyEntity = ReturnType<typeof createLabelingTallyEntity>;
export type LabelingTallyItem = EntityItem<LabelingTallyEntity>;
