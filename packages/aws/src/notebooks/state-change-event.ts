import type { ComputeStatusEvent, NotebookStatus } from '@mlspace/core';

/** The part of an EventBridge "SageMaker Notebook Instance State Change" event MLSpace reads. */
export interface NotebookStateChangeEvent {
  source: string;
  'detail-type': string;
  time: string;
  detail: {
    NotebookInstanceName?: string;
    NotebookInstanceStatus?: string;
    FailureReason?: string;
    NotebookInstanceArn?: string;
    Tags?: Record<string, string>;
  };
}

const statuses: readonly string[] = [
  'Pending',
  'InService',
  'Stopping',
  'Stopped',
  'Failed',
  'Deleting',
  'Updating',
  'Deleted',
];

/**
 * Maps a SageMaker state-change event to a status event, or null when it is not ours: another
 * system's tag (or none), or not a notebook event. `Deleted` removes the registry record.
 */
export function notebookStatusFromEvent(
  event: NotebookStateChangeEvent,
  systemTag: string,
): ComputeStatusEvent | null {
  if (
    event.source !== 'aws.sagemaker' ||
    event['detail-type'] !== 'SageMaker Notebook Instance State Change'
  )
    return null;
  const { detail } = event;
  if (detail.Tags?.system !== systemTag) return null;
  if (
    !detail.NotebookInstanceName ||
    !detail.NotebookInstanceStatus ||
    !statuses.includes(detail.NotebookInstanceStatus)
  )
    return null;
  return {
    kind: 'notebook',
    name: detail.NotebookInstanceName,
    status: detail.NotebookInstanceStatus as NotebookStatus | 'Deleted',
    at: event.time,
    failureReason: detail.FailureReason,
    metadata: detail.NotebookInstanceArn ? { arn: detail.NotebookInstanceArn } : {},
    project: detail.Tags.project,
    owner: detail.Tags.user,
  };
}
