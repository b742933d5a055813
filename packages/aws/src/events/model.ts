import { presentFacts, textField, type SageMakerStateChangeEvent } from './envelope';
import { createdOrDeleted } from './created-or-deleted';

export const modelDetailType = 'SageMaker Model State Change';

/** Detail: DescribeModel's output (a model runs on nothing until an endpoint serves it). */
export function modelStateChange(event: SageMakerStateChangeEvent, systemTag: string) {
  return createdOrDeleted(
    {
      kind: 'model',
      nameField: 'ModelName',
      metadata: (detail) => presentFacts({ arn: textField(detail, 'ModelArn') }),
      size: () => ({}),
    },
    event,
    systemTag,
  );
}
