import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

/**
 * How much of one quota dimension a project's running resources hold now (core's quotaUsesOf:
 * `project#notebooks`, `user#alice#jobs`, `family#ml.g5`). Moved in the same transaction as the
 * status that starts or ends a run, and conditioned on the limit when a create or start is
 * admitted, so two racing admissions cannot both take the last unit (ADR 021).
 * - byProject (table): a project's counters in one partition, by dimension.
 */
export function createQuotaCounterEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'quotaCounter', version: '1', service: 'mlspace' },
      attributes: {
        project: { type: 'string', required: true, readOnly: true },
        dimension: { type: 'string', required: true, readOnly: true },
        used: { type: 'number', required: true, default: 0 },
      },
      indexes: {
        byProject: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['project'],
            template: 'project#${project}#quota',
          },
          sk: {
            field: tableLayout.sortKey,
            composite: ['dimension'],
            template: 'quota#${dimension}',
          },
        },
      },
    },
    config,
  );
}

export type QuotaCounterEntity = ReturnType<typeof createQuotaCounterEntity>;
export type QuotaCounterItem = EntityItem<QuotaCounterEntity>;
