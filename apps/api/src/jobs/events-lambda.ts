/**
 * The state-change events Lambda (bundled to dist/jobs/events/index.mjs, handler `index.handler`):
 * EventBridge delivers SageMaker state changes one event per invocation; each becomes a status
 * update through processComputeEvent. A malformed event is logged and dropped (retrying cannot
 * fix it); a failing write throws so EventBridge's async retries get another go.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';

import type { NotebookStateChangeEvent } from '@mlspace/aws';

import { readLambdaEnv } from '../env';
import { composeLambdaServices } from '../lambda-services';
import type { ApiServices } from '../services';
import { processComputeEvent } from './compute-events';

const stateChangeSchema = z.object({
  source: z.string(),
  'detail-type': z.string(),
  time: z.string(),
  detail: z.looseObject({
    NotebookInstanceName: z.string().optional(),
    NotebookInstanceStatus: z.string().optional(),
    FailureReason: z.string().optional(),
    NotebookInstanceArn: z.string().optional(),
    Tags: z.record(z.string(), z.string()).optional(),
  }),
});

export type EventsJobResult = { outcome: 'applied' | 'ignored' | 'malformed' };

export function createEventsHandler(services: Pick<ApiServices, 'db' | 'settings'>) {
  return async (event: EventBridgeEvent<string, unknown>): Promise<EventsJobResult> => {
    const parsed = stateChangeSchema.safeParse(event);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ');
      console.warn(`Dropped a malformed state-change event ${String(event?.id)}: ${problems}`);
      return { outcome: 'malformed' };
    }
    const change: NotebookStateChangeEvent = parsed.data;
    return {
      outcome: await processComputeEvent(services.db, change, services.settings.compute.systemTag),
    };
  };
}

export const handler = createEventsHandler(
  await composeLambdaServices(readLambdaEnv(), { signsUsersIn: false }),
);
