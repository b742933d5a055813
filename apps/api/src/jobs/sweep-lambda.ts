/**
 * The cost-controls sweep as a Lambda (bundled to dist/jobs/sweep/index.mjs, handler
 * `index.handler`), invoked by an EventBridge schedule (rate: every few minutes).
 */
import { readLambdaEnv } from '../env';
import { composeLambdaServices } from '../lambda-services';
import type { ApiServices } from '../services';
import { createSweep, type SweepSummary } from './sweep';

export function createSweepHandler(
  services: Pick<ApiServices, 'db' | 'compute' | 'cascade' | 'datasetStorage' | 'usage'>,
  now?: () => Date,
) {
  const sweep = createSweep({
    db: services.db,
    compute: services.compute,
    cascade: services.cascade,
    datasetStorage: services.datasetStorage,
    usage: services.usage,
    now,
  });
  return async (): Promise<SweepSummary> => {
    const summary = await sweep.run();
    if (summary.failed.length > 0)
      console.warn('Sweep could not finish everything; the next run retries:', summary.failed);
    return summary;
  };
}

export const handler = createSweepHandler(
  await composeLambdaServices(readLambdaEnv(), { signsUsersIn: false }),
);
