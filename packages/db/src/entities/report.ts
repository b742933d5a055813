import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

/**
 * A generated report: resources (all, by project or by user) or personnel; its CSV lives in S3
 * under `reports/`. One partition holds every
 * report; names start with the generation time, so sort order is time order.
 */
export function createReportEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'report', version: '1', service: 'mlspace' },
      attributes: {
        name: { type: 'string', required: true, readOnly: true },
        objectKey: { type: 'string', required: true, readOnly: true },
        rowCount: { type: 'number', required: true, readOnly: true },
        sizeBytes: { type: 'number', required: true, readOnly: true },
        createdBy: { type: 'string', required: true, readOnly: true },
        createdAt: { type: 'string', required: true, readOnly: true },
        /** What it covers ("Resources of projects a, b", "Personnel"); absent on older reports. */
        description: { type: 'string', readOnly: true },
      },
      indexes: {
        byName: {
          pk: { field: tableLayout.partitionKey, composite: [], template: 'reports' },
          sk: { field: tableLayout.sortKey, composite: ['name'], template: 'report#${name}' },
        },
      },
    },
    config,
  );
}

export type ReportEntity = ReturnType<typeof createReportEntity>;
export type ReportItem = EntityItem<ReportEntity>;
