export * from './training-runner';
export * from './tuning-runner';
export * from './transform-runner';
export * from './endpoints';
export * from './models';
export * from './inference-server';
export * from './local-jobs';
export { parseS3Uri, joinS3Uri } from './s3-objects';
export { defaultPython, pythonDir } from './python';
