export * from './instance-types';
export * from './app-config';
export * from './config-errors';
