import { notebookStatuses } from '@mlspace/core';

import {
  presentFacts,
  statusChange,
  textField,
  type SageMakerStateChangeEvent,
  type StateChangeOutcome,
} from './envelope';

export const notebookDetailType = 'SageMaker Notebook Instance State Change';

/** Detail: DescribeNotebookInstance's output; `Deleted` once the instance is gone. */
export function notebookStateChange(
  event: SageMakerStateChangeEvent,
  systemTag: string,
): StateChangeOutcome {
  return statusChange(
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
}
