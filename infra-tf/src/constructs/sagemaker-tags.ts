// The tags every SageMaker resource MLSpace creates carries (packages/aws/src/tags.ts), as IAM
// conditions.
import type { Naming } from '../naming';
import type { Statement } from './policy';

export const resourceTagKeys = ['project', 'user', 'system'];

type Conditions = NonNullable<Statement['conditions']>;

/** A create names the MLSpace system, a project and a user. */
export const requestTagged = (systemTag: string): Conditions => [
  { test: 'StringEquals', variable: 'aws:RequestTag/system', values: [systemTag] },
  { test: 'Null', variable: 'aws:RequestTag/project', values: ['false'] },
  { test: 'Null', variable: 'aws:RequestTag/user', values: ['false'] },
];

export const resourceTagged = (systemTag: string): Conditions => [
  { test: 'StringEquals', variable: 'aws:ResourceTag/system', values: [systemTag] },
];

/**
 * SageMaker checks sagemaker:AddTags for the tags given at create; IAM cannot tell that call from
 * a later AddTags, so the request must carry exactly MLSpace's tags.
 */
export const tagOnCreate = (naming: Naming): Statement => ({
  sid: 'SageMakerTagOnCreate',
  actions: ['sagemaker:AddTags'],
  resources: [naming.arn('sagemaker', '*')],
  conditions: [
    ...requestTagged(naming.config.systemTag),
    { test: 'ForAllValues:StringEquals', variable: 'aws:TagKeys', values: resourceTagKeys },
  ],
});
