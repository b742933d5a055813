import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

/**
 * One object a local labeling job labels (an image or a text), in the input manifest's order, with
 * its consolidated label once every assigned worker answered. Locally MLSpace is the labeling tool
 * (ADR 015); on AWS Ground Truth keeps these and none are written.
 * - byJob (table): a job's objects in order (the gallery, the output manifest), and one by index.
 */
export function createLabelingObjectEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'labelingObject', version: '1', service: 'mlspace' },
      attributes: {
        job: { type: 'string', required: true, readOnly: true },
        /** Zero-padded so the sort key keeps the manifest's order. */
        position: { type: 'string', required: true, readOnly: true },
        /** The input manifest line (JSON): `source-ref` or `source`, and whatever else it held. */
        line: { type: 'string', required: true, readOnly: true },
        /** Image objects: width, height and depth from the file's header. */
        imageSize: { type: 'string' },
        /** Text objects: the text's length, which entity spans must stay within. */
        textLength: { type: 'number' },
        /** The workers this object is assigned to (as many as the job's workers per object). */
        workers: { type: 'list', items: { type: 'string' }, required: true, readOnly: true },
        answered: { type: 'number', required: true, default: 0 },
        state: { type: ['pending', 'labeled', 'failed'] as const, required: true },
        /** The consolidated label (JSON), once the last answer came. */
        label: { type: 'string' },
        labeledAt: { type: 'string' },
        /** Segmentation: the consolidated mask's object key. */
        maskKey: { type: 'string' },
      },
      indexes: {
        byJob: {
          pk: { field: tableLayout.partitionKey, composite: ['job'], template: 'labeling#${job}' },
          sk: {
            field: tableLayout.sortKey,
            composite: ['position'],
            template: 'object#${position}',
          },
        },
      },
    },
    config,
  );
}

export type LabelingObjectEntity = ReturnType<typeof createLabelingObjectEntity>;
export type LabelingObjectItem = EntityItem<LabelingObjectEntity>;
