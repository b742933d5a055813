import {
  presentFacts,
  textField,
  type ResourceSize,
  type SageMakerStateChangeEvent,
} from './envelope';
import { createdOrDeleted } from './created-or-deleted';

export const endpointConfigDetailType = 'SageMaker Endpoint Config State Change';

/** The first variant's instance type and the instances of all variants, as the API records them. */
function endpointConfigSize(detail: Record<string, unknown>): ResourceSize {
  const variants = (Array.isArray(detail.ProductionVariants) ? detail.ProductionVariants : [])
    .filter((variant): variant is Record<string, unknown> => Boolean(variant))
    .filter((variant) => typeof variant === 'object');
  const count = variants.reduce<number>((sum, variant) => {
    const initial = variant.InitialInstanceCount;
    return sum + (typeof initial === 'number' ? initial : 0);
  }, 0);
  return {
    instanceType: variants.map((variant) => textField(variant, 'InstanceType')).find(Boolean),
    instanceCount: count > 0 ? count : undefined,
  };
}

/** Detail: DescribeEndpointConfig's output. */
export function endpointConfigStateChange(event: SageMakerStateChangeEvent, systemTag: string) {
  return createdOrDeleted(
    {
      kind: 'endpointConfig',
      nameField: 'EndpointConfigName',
      metadata: (detail) => presentFacts({ arn: textField(detail, 'EndpointConfigArn') }),
      size: endpointConfigSize,
    },
    event,
    systemTag,
  );
}
