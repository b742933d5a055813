import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient } from '@aws-sdk/client-iam';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';

import { controlPlaneCallLimits } from '../client-limits';
import { createGroundTruthLabeling } from '../labeling/ground-truth';
import { createSageMakerEndpoints } from './endpoints';
import { createSageMakerEndpointConfigs, createSageMakerModels } from './models';
import { sagemakerContext, type SageMakerJobsClients, type SageMakerJobsSettings } from './context';
import { createSageMakerTrainingJobs } from './training';
import { createSageMakerTransformJobs } from './transform';
import { createSageMakerTuningJobs } from './tuning';

export type { SageMakerJobsClients, SageMakerJobsSettings } from './context';

/** Training, tuning and transform jobs, models, endpoint configs and endpoints on SageMaker. */
export function createSageMakerJobs(
  clients: SageMakerJobsClients,
  settings: SageMakerJobsSettings,
) {
  const context = sagemakerContext(clients, settings);
  return {
    trainingJobs: createSageMakerTrainingJobs(context),
    tuningJobs: createSageMakerTuningJobs(context),
    transformJobs: createSageMakerTransformJobs(context),
    models: createSageMakerModels(context),
    endpointConfigs: createSageMakerEndpointConfigs(context),
    endpoints: createSageMakerEndpoints(context),
    labelingJobs: createGroundTruthLabeling(context),
  };
}

/** Default clients for a region (the Lambda's role provides credentials). */
export function awsJobsClients(region: string): SageMakerJobsClients {
  return {
    sagemaker: new SageMakerClient({ region, ...controlPlaneCallLimits }),
    // An invocation runs the model: it may take as long as SageMaker allows (60 s).
    runtime: new SageMakerRuntimeClient({
      region,
      ...controlPlaneCallLimits,
      requestHandler: { ...controlPlaneCallLimits.requestHandler, socketTimeout: 65_000 },
    }),
    logs: new CloudWatchLogsClient({ region, ...controlPlaneCallLimits }),
    iam: new IAMClient({ region, ...controlPlaneCallLimits }),
  };
}
