export * from './backend';
export * from './document-types';
export * from './statuses';
export * from './aws-translation';
