export * from './intervals';
export * from './cost';
export * from './budget';
export * from './views';
