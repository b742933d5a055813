import { tuningJobStatuses } from '@mlspace/core';

import {
  objectField,
  presentFacts,
  sizeOf,
  statusChange,
  textField,
  type SageMakerStateChangeEvent,
  type StateChangeOutcome,
} from './envelope';

export const tuningJobDetailType = 'SageMaker HyperParameter Tuning Job State Change';

function bestTrainingJob(detail: Record<string, unknown>): string | undefined {
  const best = detail.BestTrainingJob;
  return best && typeof best === 'object'
    ? textField(best as Record<string, unknown>, 'TrainingJobName')
    : undefined;
}

/** Detail: DescribeHyperParameterTuningJob's output. */
export function tuningJobStateChange(
  event: SageMakerStateChangeEvent,
  systemTag: string,
): StateChangeOutcome {
  return statusChange(
    {
      kind: 'hpoJob',
      nameField: 'HyperParameterTuningJobName',
      statusField: 'HyperParameterTuningJobStatus',
      statuses: tuningJobStatuses,
      metadata: (detail) =>
        presentFacts({
          arn: textField(detail, 'HyperParameterTuningJobArn'),
          bestTrainingJob: bestTrainingJob(detail),
        }),
      // One training job's size; the tuner runs up to MaxParallelTrainingJobs of them.
      size: (detail) =>
        sizeOf(objectField(objectField(detail, 'TrainingJobDefinition'), 'ResourceConfig')),
    },
    event,
    systemTag,
  );
}
