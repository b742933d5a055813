export * from './instance-types';
export * from './image-repositories';
export * from './instance-storage-types';
export * from './app-config';
export * from './config-errors';
