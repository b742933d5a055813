import type { TrainingJobStatus } from '@mlspace/core';

/** Amazon Translate's job statuses in the job words every MLSpace job uses (ADR 017). */
export function jobStatusOf(status: string | undefined): TrainingJobStatus {
  switch (status) {
    case 'COMPLETED':
    case 'COMPLETED_WITH_ERROR':
      return 'Completed';
    case 'FAILED':
      return 'Failed';
    case 'STOP_REQUESTED':
      return 'Stopping';
    case 'STOPPED':
      return 'Stopped';
    default:
      return 'InProgress';
  }
}
