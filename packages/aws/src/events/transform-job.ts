import { transformJobStatuses } from '@mlspace/core';

import {
  objectField,
  presentFacts,
  sizeOf,
  statusChange,
  textField,
  type SageMakerStateChangeEvent,
  type StateChangeOutcome,
} from './envelope';

export const transformJobDetailType = 'SageMaker Transform Job State Change';

/** Detail: DescribeTransformJob's output. */
export function transformJobStateChange(
  event: SageMakerStateChangeEvent,
  systemTag: string,
): StateChangeOutcome {
  return statusChange(
    {
      kind: 'transformJob',
      nameField: 'TransformJobName',
      statusField: 'TransformJobStatus',
      statuses: transformJobStatuses,
      metadata: (detail) => presentFacts({ arn: textField(detail, 'TransformJobArn') }),
      size: (detail) => sizeOf(objectField(detail, 'TransformResources')),
    },
    event,
    systemTag,
  );
}
