export * from './apertium-engine';
export * from './apertium-pairs';
export * from './backend';
export * from './batch-jobs';
export * from './protected-terms';
