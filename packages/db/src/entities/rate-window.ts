import { Entity, type EntityConfiguration, type EntityItem } from 'electrodb';

import { tableLayout } from '../table';

/**
 * How many times something was done in one fixed window (`subject` names what: e.g.
 * `apitoken-create#alice`). Kept in the table so a limit holds across every API process; the
 * window removes itself through the table's TTL (`purgeAt`).
 */
export function createRateWindowEntity(config: EntityConfiguration) {
  return new Entity(
    {
      model: { entity: 'rateWindow', version: '1', service: 'mlspace' },
      attributes: {
        subject: { type: 'string', required: true, readOnly: true },
        windowStart: { type: 'string', required: true, readOnly: true },
        count: { type: 'number', required: true, default: 0 },
        purgeAt: { type: 'number', required: true, field: tableLayout.timeToLiveAttribute },
      },
      indexes: {
        byWindow: {
          pk: {
            field: tableLayout.partitionKey,
            composite: ['subject'],
            template: 'ratelimit#${subject}',
          },
          sk: {
            field: tableLayout.sortKey,
            composite: ['windowStart'],
            template: 'window#${windowStart}',
          },
        },
      },
    },
    config,
  );
}

export type RateWindowEntity = ReturnType<typeof createRateWindowEntity>;
export type RateWindowItem = EntityItem<RateWindowEntity>;
