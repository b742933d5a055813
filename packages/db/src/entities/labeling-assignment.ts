import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

const [gsi1] = tableLayout.globalSecondaryIndexes;

/**
 * One object assigned to one worker of a local labeling job, with the worker's answer once given.
 * - byWorker (table): a worker's assignments in a job, in the objects' order; one by object.
 * - open (gsi1, sparse): the worker's queue, the assignments not answered yet, in order. Only an
 *   assignment whose `queue` is `open` carries the gsi1 keys; answering moves it out.
 */
export function createLabelingAssignmentEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'labelingAssignment', version: '1', service: 'mlspace' },
      attributes: {
        job: { type: 'string', required: true, readOnly: true },
        worker: { type: 'string', required: true, readOnly: true },
        position: { type: 'string', required: true, readOnly: true },
        queue: { type: ['open', 'answered'] as const, required: true, default: 'open' },
        /** When the worker last opened the task; the time limit runs from here. */
        openedAt: { type: 'string' },
        /** The worker's annotation (JSON), as submitted and validated. */
        answer: { type: 'string' },
        answeredAt: { type: 'string' },
      },
      indexes: {
        byWorker: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['job', 'worker'],
            template: 'labeling#${job}#worker#${worker}',
          },
          sk: {
            field: tableLayout.sortKey,
            composite: ['position'],
            template: 'task#${position}',
          },
        },
        open: {
          index: gsi1.name,
          condition: (attributes) => attributes.queue === 'open',
          pk: {
            field: gsi1.partitionKey,
            composite: ['job', 'worker', 'queue'],
            template: 'labeling#${job}#worker#${worker}#${queue}',
          },
          sk: { field: gsi1.sortKey, composite: ['position'], template: 'task#${position}' },
        },
      },
    },
    config,
  );
}

export type LabelingAssignmentEntity = ReturnType<typeof createLabelingAssignmentEntity>;
export type LabelingAssignmentItem = EntityItem<LabelingAssignmentEntity>;
