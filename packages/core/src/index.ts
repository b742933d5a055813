export * from './errors';
export * from './users';
export * from './pagination';
export * from './policy';
