export * from './processes';
export * from './dynamodb';
