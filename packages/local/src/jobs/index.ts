export * from './training-runner';
export * from './s3-objects';
export * from './python';
