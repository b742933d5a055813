export * from './tags';
export * from './dataset-storage';
