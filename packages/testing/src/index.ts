export * from './msw/oidc';
export * from './msw/aws-json';
export * from './msw/aws-query';
export * from './msw/sagemaker';
export * from './msw/iam';
export * from './msw/iam-role-deletion';
export * from './msw/cloudwatch-logs';
export * from './msw/sagemaker-jobs';
