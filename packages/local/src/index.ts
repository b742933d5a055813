export * from './processes';
export * from './dynamodb';
export * from './idp';
