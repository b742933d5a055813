export * from './processes';
export * from './dynamodb';
export * from './idp';
export * from './s3';
export * from './notebooks';
export * from './compute';
export * from './jobs';
