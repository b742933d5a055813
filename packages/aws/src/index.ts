export * from './tags';
export * from './client-limits';
export * from './dataset-storage';
export * from './report-storage';
export * from './notebooks';
export * from './compute';
export * from './jobs';
export * from './events';
export * from './clusters';
export * from './translation';
// './bedrock' is not exported until a Lambda uses it: infra-tf/test/aws-calls.test.ts derives the
// app role's grants from what this index reaches, and no role is granted Bedrock yet.
export * from './user-role-deletion';
export * from './object-io';
