import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

/**
 * How much of each quota dimension a project's running resources hold now: one item per project
 * whose attributes `q:<dimension>` (core's quotaUsesOf: `q:project#notebooks`, `q:user#alice#jobs`,
 * `q:family#ml.g5`) are numbers. Dimensions are open-ended, so they are not ElectroDB attributes:
 * repositories/quotas.ts writes and reads them with expressions of its own, and takes the key from
 * this entity. Moved in the same transaction as the status that starts or ends a run, and
 * conditioned on the limits when a create or start is admitted, so two racing admissions cannot
 * both take the last unit; one item keeps that to one more item per transaction (ADR 021).
 * - byProject (table): the project's one usage item.
 */
export function createQuotaUsageEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'quotaUsage', version: '1', service: 'mlspace' },
      attributes: {
        project: { type: 'string', required: true, readOnly: true },
      },
      indexes: {
        byProject: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['project'],
            template: 'project#${project}#quota',
          },
          sk: { field: tableLayout.sortKey, composite: [], template: 'usage' },
        },
      },
    },
    config,
  );
}

export type QuotaUsageEntity = ReturnType<typeof createQuotaUsageEntity>;
export type QuotaUsageItem = EntityItem<QuotaUsageEntity>;
