import { endpointStatuses } from '@mlspace/core';

import {
  presentFacts,
  statusChange,
  textField,
  type ResourceSize,
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

function endpointSize(detail: Record<string, unknown>): ResourceSize {
  const variants = Array.isArray(detail.ProductionVariants) ? detail.ProductionVariants : [];
  const count = variants.reduce<number>((sum, variant) => {
    const current = (variant as Record<string, unknown> | null)?.CurrentInstanceCount;
    return sum + (typeof current === 'number' ? current : 0);
  }, 0);
  return { instanceCount: count > 0 ? count : undefined };
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
      // DescribeEndpoint names no instance type (its configuration does); the count is current.
      size: endpointSize,
    },
    event,
    systemTag,
  );
}
