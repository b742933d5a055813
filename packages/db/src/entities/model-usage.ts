import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [gsi1] = tableLayout.globalSecondaryIndexes;

/**
 * Tokens and requests of one user with one model (a Bedrock model id, or a project endpoint) in one
 * project and calendar month, counted up with DynamoDB's ADD by every playground turn, so
 * concurrent turns never lose a count.
 * - byProjectMonth (table): a project's usage in a month, by user and model.
 * - byMonth (gsi1): every project's usage in a month (admin reports), by project, user and model.
 */
export function createModelUsageEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'modelUsage', version: '1', service: 'mlspace' },
      attributes: {
        project: { type: 'string', required: true, readOnly: true },
        month: { type: 'string', required: true, readOnly: true },
        username: { type: 'string', required: true, readOnly: true },
        source: { type: ['bedrock', 'endpoint'] as const, required: true, readOnly: true },
        model: { type: 'string', required: true, readOnly: true },
        // Counters are only ever added to; absent until the first ADD.
        requests: { type: 'number' },
        inputTokens: { type: 'number' },
        outputTokens: { type: 'number' },
        updatedAt: { type: 'string' },
      },
      indexes: {
        byProjectMonth: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['project'],
            template: 'project#${project}#modelusage',
          },
          sk: {
            field: tableLayout.sortKey,
            composite: ['month', 'username', 'source', 'model'],
            template: 'month#${month}#user#${username}#${source}#${model}',
          },
        },
        byMonth: {
          index: gsi1.name,
          pk: {
            field: gsi1.partitionKey,
            composite: ['month'],
            template: 'modelusage#${month}',
          },
          sk: {
            field: gsi1.sortKey,
            composite: ['project', 'username', 'source', 'model'],
            template: 'project#${project}#user#${username}#${source}#${model}',
          },
        },
      },
    },
    config,
  );
}

export type ModelUsageEntity = ReturnType<typeof createModelUsageEntity>;
export type ModelUsageItem = EntityItem<ModelUsageEntity>;
