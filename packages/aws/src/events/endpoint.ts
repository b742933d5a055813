import { endpointStatuses } from '@mlspace/core';

import {
  presentFacts,
  statusChange,
  textField,
  type SageMakerStateChangeEvent,
  type StateChangeOutcome,
} from './envelope';

export const endpointDetailType = 'SageMaker Endpoint State Change';

/**
 * Endpoint events spell statuses in capitals with underscores (`IN_SERVICE`, `DELETED`, as in
 * AWS's example and the reference MLSpace's handler), where the API writes `InService`; both are
 * read.
 */
export function endpointStatusSpelling(status: string): string {
  if (!status.includes('_') && status !== status.toUpperCase()) return status;
  return status
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** Detail: DescribeEndpoint's output; `DELETED` once the endpoint is gone. */
export function endpointStateChange(
  event: SageMakerStateChangeEvent,
  systemTag: string,
): StateChangeOutcome {
  return statusChange(
    {
      kind: 'endpoint',
      nameField: 'EndpointName',
      statusField: 'EndpointStatus',
      statuses: [...endpointStatuses, 'Deleted'],
      spelling: endpointStatusSpelling,
      metadata: (detail) =>
        presentFacts({
          arn: textField(detail, 'EndpointArn'),
          endpointConfigName: textField(detail, 'EndpointConfigName'),
        }),
    },
    event,
    systemTag,
  );
}
