import { labelingJobStatuses } from '@mlspace/core';

import {
  eventInstant,
  ignore,
  presentFacts,
  textField,
  type SageMakerStateChangeEvent,
  type StateChangeOutcome,
} from './envelope';

export const labelingJobDetailType = 'SageMaker Ground Truth Labeling Job State Change';

/**
 * Ground Truth's events carry the job's status and, in `resources`, its ARN; no tags and no
 * Describe output ("Events that Amazon SageMaker AI sends to Amazon EventBridge"). The job is
 * named by its ARN, so the event applies only to a job MLSpace holds (the registry ignores other
 * names, and a job without a record is never registered from an event without tags).
 */
export function labelingJobStateChange(event: SageMakerStateChangeEvent): StateChangeOutcome {
  const { detail } = event;
  const arn = (event.resources ?? []).find((resource) => resource.includes(':labeling-job/'));
  const name = textField(detail, 'LabelingJobName') ?? arn?.split('/').pop();
  if (!name) return ignore('the event names no labeling job (no LabelingJobName, no ARN)');
  const status = textField(detail, 'LabelingJobStatus');
  if (!status) return ignore('the event has no LabelingJobStatus');
  if (!(labelingJobStatuses as readonly string[]).includes(status))
    return ignore(`LabelingJobStatus ${status} is not a status MLSpace knows`);
  const at = eventInstant(event.time);
  if (!at) return ignore(`the event time ${event.time} is not a time`);
  return {
    apply: {
      kind: 'labelingJob',
      name,
      status: status as (typeof labelingJobStatuses)[number],
      at,
      failureReason: textField(detail, 'FailureReason'),
      metadata: presentFacts({ arn }),
    },
    size: {},
  };
}
