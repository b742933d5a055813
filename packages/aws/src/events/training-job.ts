import { trainingJobStatuses } from '@mlspace/core';

import {
  objectField,
  presentFacts,
  sizeOf,
  statusChange,
  textField,
  type SageMakerStateChangeEvent,
  type StateChangeOutcome,
} from './envelope';

export const trainingJobDetailType = 'SageMaker Training Job State Change';

function modelArtifacts(detail: Record<string, unknown>): string | undefined {
  const artifacts = detail.ModelArtifacts;
  return artifacts && typeof artifacts === 'object'
    ? textField(artifacts as Record<string, unknown>, 'S3ModelArtifacts')
    : undefined;
}

/**
 * Detail: DescribeTrainingJob's output. SageMaker sends one event per secondary status (Starting,
 * Downloading, Training, Uploading...), so the record keeps the latest; the model artefact's
 * location is kept once the job completed (before that it names a file not yet written).
 */
export function trainingJobStateChange(
  event: SageMakerStateChangeEvent,
  systemTag: string,
): StateChangeOutcome {
  return statusChange(
    {
      kind: 'trainingJob',
      nameField: 'TrainingJobName',
      statusField: 'TrainingJobStatus',
      statuses: trainingJobStatuses,
      metadata: (detail, status) =>
        presentFacts({
          arn: textField(detail, 'TrainingJobArn'),
          secondaryStatus: textField(detail, 'SecondaryStatus'),
          modelArtifactsS3Uri: status === 'Completed' ? modelArtifacts(detail) : undefined,
        }),
      size: (detail) => sizeOf(objectField(detail, 'ResourceConfig')),
    },
    event,
    systemTag,
  );
}
