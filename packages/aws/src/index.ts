export * from './tags';
export * from './client-limits';
export * from './dataset-storage';
export * from './report-storage';
export * from './notebooks';
export * from './compute';
export * from './jobs';
export * from './events';
