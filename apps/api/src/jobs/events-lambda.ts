/**
 * The state-change events Lambda (bundled to dist/jobs/events/index.mjs, handler `index.handler`):
 * EventBridge delivers SageMaker state changes one event per invocation (notebooks, training,
 * tuning and transform jobs, endpoints, and the stateless model, endpoint-config and labeling
 * events the rule also subscribes); each becomes a status update through processComputeEvent. A
 * malformed event is logged and dropped (retrying cannot fix it); a failing write throws so
 * EventBridge's async retries get another go.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';

import { eventInstant } from '@mlspace/aws';

import { readLambdaEnv } from '../env';
import { composeLambdaServices } from '../lambda-services';
import type { ApiServices } from '../services';
import { processComputeEvent, type ComputeEventResult } from './compute-events';

/** The envelope, and of the detail (a Describe* output) only what every kind shares. */
const stateChangeSchema = z.object({
  source: z.string(),
  'detail-type': z.string(),
  time: z.string().refine((time) => eventInstant(time) !== null, 'is not a time'),
  detail: z.looseObject({ Tags: z.record(z.string(), z.string()).optional() }),
});

export type EventsJobResult = ComputeEventResult | { outcome: 'malformed' };

export function createEventsHandler(services: Pick<ApiServices, 'db' | 'settings'>) {
  return async (event: EventBridgeEvent<string, unknown>): Promise<EventsJobResult> => {
    const parsed = stateChangeSchema.safeParse(event);
    if (!parsed.success) {
      // Paths and rules only: the detail's values (tags, ARNs, environment) stay out of the log.
      const problems = parsed.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
      console.warn(`Dropped a malformed state-change event ${String(event?.id)}: ${problems}`);
      return { outcome: 'malformed' };
    }
    return processComputeEvent(services.db, parsed.data, services.settings.compute.systemTag);
  };
}

export const handler = createEventsHandler(
  await composeLambdaServices(readLambdaEnv(), { signsUsersIn: false }),
);
