import { idleStopReasonTag, notebookStatuses } from '@mlspace/core';

import {
  presentFacts,
  statusChange,
  tagsOf,
  textField,
  type SageMakerStateChangeEvent,
  type StateChangeOutcome,
} from './envelope';

export const notebookDetailType = 'SageMaker Notebook Instance State Change';

/**
 * Detail: DescribeNotebookInstance's output; `Deleted` once the instance is gone. A notebook its
 * idle-stop script stopped carries the reason in a tag (core's idleStopLifecycleScript), which the
 * Stopped report passes on; the script removes the tag when the notebook starts again.
 */
export function notebookStateChange(
  event: SageMakerStateChangeEvent,
  systemTag: string,
): StateChangeOutcome {
  const outcome = statusChange(
    {
      kind: 'notebook',
      nameField: 'NotebookInstanceName',
      statusField: 'NotebookInstanceStatus',
      statuses: [...notebookStatuses, 'Deleted'],
      metadata: (detail) => presentFacts({ arn: textField(detail, 'NotebookInstanceArn') }),
      size: (detail) => ({ instanceType: textField(detail, 'InstanceType'), instanceCount: 1 }),
    },
    event,
    systemTag,
  );
  const stopReason = tagsOf(event.detail)[idleStopReasonTag];
  if (!('apply' in outcome) || outcome.apply.status !== 'Stopped' || !stopReason) return outcome;
  return { ...outcome, apply: { ...outcome.apply, stopReason } };
}
