export * from './task-types';
export * from './annotations';
export * from './consolidation';
export * from './objects';
export * from './output-manifest';
export * from './schemas';
export * from './backend';
